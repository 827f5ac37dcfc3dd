"""Markdown (and HTML fragments inside Markdown) to plain text, keeping the offset map.

Link text stays, link URLs and images go, emphasis/heading/quote markers go, block-level
tags become line breaks and inline tags vanish, entities are decoded. Everything is regex
based so reading stays fast; full HTML pages go through :mod:`extractor.documents.htmlpage`.
"""

from __future__ import annotations

import html
import re

from extractor.documents.textmap import Mapped

_I, _M, _S = re.I, re.M, re.S
_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|h[1-6]|table|thead|tbody|tr|td|th|section|article|blockquote|header|footer"
    "|figure|figcaption|pre|hr|dl|dt|dd|main|aside|nav|form"
)
# (pattern, replacement, substrings one of which every match contains: steps whose hint is
# absent from the text are skipped without scanning it).
_STEPS: list[tuple[re.Pattern[str], object, tuple[str, ...]]] = [
    (re.compile(r"<!--.*?-->", _S), "", ("<!--",)),
    (re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", _I | _S), "", ("<",)),
    (re.compile(r"^[ \t]*(```|~~~).*$", _M), "", ("```", "~~~")),
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), "", ("![",)),  # images
    (re.compile(r"\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"), 1, ("](",)),  # links -> text
    (re.compile(r"<(https?://[^>\s]+)>"), 1, ("<http",)),  # autolinks
    (re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", _I), "\n", ("<",)),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), "", ("<",)),
    (re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", _M), "",
     ("---",)),  # table rule
    (re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", _M), "",
     tuple(c + d for c in "-*_" for d in (c, " ", "\t"))),  # horizontal rule: c then c/space/tab
    (re.compile(r"^[ \t]*#{1,6}[ \t]+(.*?)[ \t#]*$", _M), 1, ("# ", "#\t")),  # headings
    (re.compile(r"^[ \t]*(?:>[ \t]?)+", _M), "", (">",)),  # block quotes
    (re.compile(r"\*\*(?=\S)(.+?)\*\*"), 1, ("**",)),
    # "(?<!X)__" written as "__(?<!X__)": same matches, but a literal start lets re skip ahead.
    (re.compile(r"__(?<![\w_]__)(?=\S)(.+?)__(?![\w_])"), 1, ("__",)),
    (re.compile(r"\*(?<![\w*\\]\*)(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])"), 1, ("*",)),
    (re.compile(r"~~(.+?)~~"), 1, ("~~",)),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), 1, ("\\",)),
]
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Markdown squeezed onto one line (some scrapers): headings, quotes and list items mid-line.
_SQUEEZED_BREAKS = re.compile(r"[ \t]+(?=#{1,6}[ \t]|>[ \t]|-[ \t]\[|\|[ \t])")


def strip_markdown(m: Mapped) -> Mapped:
    """Plain text of a Markdown body (with any embedded HTML)."""
    if len(m.text) > 500 and m.text.count("\n") * 1000 < len(m.text):
        m = m.sub(_SQUEEZED_BREAKS, "\n", (" ", "\t"))
    for pattern, repl, needs in _STEPS:
        m = m.sub(pattern, repl, needs)  # type: ignore[arg-type]
    return decode_entities(m)


def decode_entities(m: Mapped) -> Mapped:
    return m.sub(_ENTITY, lambda x: html.unescape(x.group()), ("&",))


_MD_HINTS = re.compile(r"\]\((?:https?:|/)|^#{1,6} |\*\*\S|^\s*[-*] \[|<(?:p|div|br|span)\b", re.M)


def looks_like_markdown(text: str) -> bool:
    """A .txt that is really Markdown/HTML-ish (scraped notes often are)."""
    hits = _MD_HINTS.finditer(text[:20000])
    return next(hits, None) is not None and next(hits, None) is not None
