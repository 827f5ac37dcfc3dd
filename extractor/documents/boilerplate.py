"""Drop site chrome, promos and disclaimers using ``models/lang/*/boilerplate.yaml``.

Two kinds of rules: ``line_patterns`` drop one whole line; ``trailing_markers`` cut a trailing
chrome section (disclaimer, related-stock/news lists, promo blocks) — only when the marker sits
in the last part of the text (``trailing_min_fraction``), so article body is never cut. Rules of
both languages apply to every document (Chinese pages carry English chrome and vice versa).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the regex parser, to read required literals out of the YAML markers
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

from extractor.documents.textmap import Mapped
from extractor.resources import lang_data

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Rules:
    lines: re.Pattern[str] | None
    trailing: tuple[re.Pattern[str], ...]
    min_fraction: float
    trailing_needs: tuple[str, ...] = ()  # per trailing marker: a substring every match holds ("" = none)


def _required_literal(pattern: re.Pattern[str]) -> str:
    """The longest run of plain characters every match of ``pattern`` contains ("" when unsure).

    Only top-level literals of a case-sensitive pattern count; a marker whose literal is absent
    from the text cannot match, so its scan is skipped.
    """
    if pattern.flags & re.I:
        return ""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - sre internals: no hint, scan as before
        return ""
    best, run = "", []
    for op, arg in parsed:
        if op is _constants.LITERAL:
            run.append(chr(arg))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    if len(run) > len(best):
        best = "".join(run)
    return best


@lru_cache(maxsize=1)
def rules() -> Rules:
    lines: list[str] = []
    trailing: list[re.Pattern[str]] = []
    fraction = 0.5
    for lang in LANGS:
        data = lang_data(lang, "boilerplate") or {}
        lines.extend(data.get("line_patterns", []))
        trailing.extend(re.compile(p) for p in data.get("trailing_markers", []))
        fraction = min(fraction, float(data.get("trailing_min_fraction", fraction)))
    line_re = None
    if lines:
        alts = "|".join(f"(?:{p.removeprefix('^').removesuffix('$')})" for p in lines)
        line_re = re.compile(rf"^(?:{alts})[ \t]*(?:\n|\Z)", re.M)
    return Rules(line_re, tuple(trailing), fraction, tuple(_required_literal(p) for p in trailing))


def trailing_cut(text: str, keep_before: int | None = None) -> int | None:
    """Where trailing chrome starts (earliest qualifying marker), or None."""
    r = rules()
    lo = int(len(text) * r.min_fraction)
    best: int | None = None
    for pattern, needs in zip(r.trailing, r.trailing_needs, strict=True):
        if needs and text.find(needs, lo) < 0:
            continue
        for m in pattern.finditer(text, lo):
            start = m.start()
            while start < m.end() and text[start] in " \t\n":
                start += 1
            if best is None or start < best:
                best = start
            break
    return best


def remove_boilerplate(m: Mapped) -> Mapped:
    """``m`` without chrome lines and without its trailing chrome section."""
    r = rules()
    cut = trailing_cut(m.text)
    if cut is not None:
        m = m.slice(0, cut)
    if r.lines is not None:
        m = m.sub(r.lines, "")
    a = len(m.text) - len(m.text.lstrip())
    b = len(m.text.rstrip())
    return m.slice(a, max(a, b)) if (a, b) != (0, len(m.text)) else m
