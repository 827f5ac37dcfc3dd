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

from extractor.documents.textmap import Mapped
from extractor.resources import lang_data

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Rules:
    lines: re.Pattern[str] | None
    trailing: tuple[re.Pattern[str], ...]
    min_fraction: float


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
    return Rules(line_re, tuple(trailing), fraction)


def trailing_cut(text: str, keep_before: int | None = None) -> int | None:
    """Where trailing chrome starts (earliest qualifying marker), or None."""
    r = rules()
    lo = int(len(text) * r.min_fraction)
    best: int | None = None
    for pattern in r.trailing:
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
