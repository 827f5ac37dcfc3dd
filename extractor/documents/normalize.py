"""Character folding and whitespace cleanup with an offset map back to the input.

NFKC-style: full-width digits, letters, signs and punctuation fold to ASCII (２．５％ → 2.5%,
"，" → ","); "。" and "、" have no compatibility form and stay. Line breaks are kept (paragraphs
drive sentence splitting); runs of spaces/tabs collapse to one space, lines are trimmed and
more than one blank line collapses to one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extractor.documents.textmap import Mapped

# Beyond NFKC: signs/dashes that mean "minus" or "hyphen", line separators.
_EXTRA = {"\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2028": "\n", "\u2029": "\n", "\r": "\n"}
# Invisible characters that only get in the way of matching (zero-width space, BOM, ...).
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[str, ...], re.Pattern[str] | None, dict[str, str]]:
    """(1:1 translate table, pattern of expanding chars, their expansions).

    The table is a tuple over the BMP (unmapped characters map to themselves): ``str.translate``
    indexes it without the per-character KeyError a dict raises for characters it lacks.
    """
    one: dict[int, str] = {}
    expand: dict[str, str] = {}
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        n = unicodedata.normalize("NFKC", c)
        if n == c:
            continue
        if unicodedata.combining(n[0]):  # spacing accents -> stray combining marks: keep as is
            continue
        if len(n) == 1:
            one[cp] = n
        else:
            expand[c] = n
    for k, v in _EXTRA.items():
        one[ord(k)] = v
    for c in _DROP:
        one.pop(ord(c), None)
        expand[c] = ""
    pat = re.compile("[" + re.escape("".join(sorted(expand))) + "]") if expand else None
    table = [chr(cp) for cp in range(0x10000)]
    for cp, v in one.items():
        table[cp] = v
    return tuple(table), pat, expand


_CRLF = re.compile(r"\r\n")
# Runs of spaces/tabs -> one space, and spaces at line edges go. Done as passes whose patterns
# start with a literal (re then jumps between candidates instead of trying every space) and
# only match what changes; each replacement keeps the offset of its run's first character, so
# text and offsets equal those of "[ \t\f\v]+" -> " " then " *\n *" -> "\n".
_DOUBLE_SPACES = re.compile(r"  [ \t\f\v]*")
_TAB_RUNS = re.compile(r" ?[\t\f\v][ \t\f\v]*")  # after _DOUBLE_SPACES no run holds "  "
_SPACE_AFTER_BREAK = re.compile(r"\n ")  # after the passes above every run is one space
_SPACE_BEFORE_BREAK = re.compile(r" \n")
_BLANKS = re.compile(r"\n{3,}")
# Inline elements that HTML-to-text put on lines of their own: "英特尔(\n\nINTC.O\n\n)跳涨",
# "道琼工业指数\n\n.DJI\n\n收高". Rejoined so the sentence stays whole.
_BROKEN_PARENS = re.compile(r"([(（])\n+([^\n()（）]{1,24}?)\n+([)）])")
_CODE_LINE = re.compile(  # "\n\n*" not "\n+": a literal first character lets re skip ahead fast
    r"\n\n*(\.[A-Z][A-Z0-9]{1,11}|[A-Z][A-Z0-9]{0,5}\.[A-Z]{1,2}|[A-Z]{2,6}=[A-Z]{0,6}|[A-Z]{1,4}c\d)\n+(?=\S)")


def normalize_mapped(m: Mapped) -> Mapped:
    """Fold and clean ``m`` keeping its offsets (see module doc)."""
    one, pat, expand = _tables()
    m = m.sub(_CRLF, "\n", ("\r\n",))
    ascii_only = m.text.isascii()
    if not ascii_only or "\r" in m.text:  # the only ASCII fold is a lone CR
        m = Mapped(m.text.translate(one), m.offsets)  # every 1:1 fold keeps length and offsets
    if pat is not None and not ascii_only:
        m = m.sub(pat, lambda x: expand[x.group()])
    m = m.sub(_DOUBLE_SPACES, " ", ("  ",))
    m = m.sub(_TAB_RUNS, " ", ("\t", "\f", "\v"))
    m = m.sub(_SPACE_AFTER_BREAK, "\n", ("\n ",))
    m = m.sub(_SPACE_BEFORE_BREAK, "\n", (" \n",))
    m = m.sub(_BLANKS, "\n\n", ("\n\n\n",))
    m = m.sub(_BROKEN_PARENS, lambda x: x.group(1) + x.group(2) + x.group(3), ("(\n", "（\n"))
    m = m.sub(_CODE_LINE, lambda x: f" {x.group(1)} ")
    text = m.text
    a = len(text) - len(text.lstrip())
    b = len(text.rstrip())
    if a or b != len(text):
        m = m.slice(a, max(a, b))
    return m


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalized text and, per character, its index in ``text``."""
    m = normalize_mapped(Mapped.identity(text))
    return m.text, m.offsets


def fold(text: str) -> str:
    """Normalized text only (for comparing strings the same way documents are normalized)."""
    return normalize_mapped(Mapped.identity(text)).text


__all__ = ["normalize", "normalize_mapped", "fold"]
