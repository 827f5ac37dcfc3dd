"""YAML front matter: the usual block form and the one-line form some scrapers emit.

One-line form (``--- title: "..." description: "..." published_at: "..." --- # body``) is
parsed as a run of ``key: value`` pairs. Invalid front matter is not fatal: the file is read
as if it had none (the block stays in the body) and a warning is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_BLOCK = re.compile(r"\A\s*---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ONE_LINE_START = re.compile(r"\A\s*---[ \t]+(?=[A-Za-z_][\w-]*:)")
_PAIR = re.compile(
    r"""\s*([A-Za-z_][\w-]*):[ \t]*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'"""
    r"""|[^\s"'][^\n]*?(?=\s+[A-Za-z_][\w-]*:\s|\s+---(?:\s|\Z)))""")
_ONE_LINE_END = re.compile(r"\s+---(?=\s|\Z)")
# libyaml (when built in) is ~10x faster than the pure-Python loader but parts ways with it on
# a few corner cases (tabs, "!" tags, flow "?" keys, odd line breaks, "|#" headers); blocks with
# those, and anything libyaml rejects, go to yaml.safe_load so results and errors stay its own.
_CLOADER = getattr(yaml, "CSafeLoader", None)
_PY_ONLY = re.compile("[!{\t\r\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")


def _safe_load(text: str) -> Any:
    if _CLOADER is not None and not _PY_ONLY.search(text) and not ("[" in text and "?" in text) \
            and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=_CLOADER)  # noqa: S506 - CSafeLoader is the safe loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


@dataclass
class FrontMatter:
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0
    warning: str | None = None


def _yaml_scalar(token: str) -> Any:
    try:
        return _safe_load(token)
    except yaml.YAMLError:
        return token.strip("\"'")


def parse_front_matter(text: str) -> FrontMatter:
    """Metadata and where the body starts; ``body_start`` 0 means no (usable) front matter."""
    m = _BLOCK.match(text)
    if m:
        try:
            meta = _safe_load(m.group(1) or "") or {}
        except yaml.YAMLError as exc:
            first = str(exc).strip().splitlines()[0]
            return FrontMatter(warning=f"invalid front matter ignored ({first})")
        if not isinstance(meta, dict):
            return FrontMatter(warning="invalid front matter ignored (not a key: value mapping)")
        return FrontMatter(meta, m.end())
    m = _ONE_LINE_START.match(text)
    if m:
        pos, meta = m.end(), {}
        while True:
            end = _ONE_LINE_END.match(text, pos)
            if end:
                return FrontMatter(meta, end.end())
            pair = _PAIR.match(text, pos)
            if not pair:
                break
            meta[pair.group(1)] = _yaml_scalar(pair.group(2))
            pos = pair.end()
        return FrontMatter(warning="invalid front matter ignored (one-line block not closed by ---)")
    if text.lstrip().startswith("---\n") and "\n---" not in text[4:]:
        return FrontMatter(warning="invalid front matter ignored (no closing ---)")
    return FrontMatter()
