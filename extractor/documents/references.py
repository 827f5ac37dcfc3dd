"""The numbered source list many articles end with, parsed into :class:`Reference` rows.

The list stays in the document text (nothing read is thrown away) but its start is reported
as ``body_end`` so claim extraction can skip reference titles. Only a *trailing* block counts:
from a heading ("参考资料:", "Sources:") or the first ``[n]`` entry to the end of the text, every
line must be an entry, a ``URL:``/``日期:`` line or blank.
"""

from __future__ import annotations

import re

from extractor.documents.dates import partial_date
from extractor.documents.record import Reference

_HEADING = re.compile(
    r"^(参考资料|参考文献|参考来源|资料来源|信息来源|引用来源|来源|References?|Sources?|Citations?"
    r"|Further reading)\s*[:：]?\s*$", re.I)
_ENTRY = re.compile(r"^\[(\d{1,3})\]\s*(.+)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)、]\s+(.+)$")
_URL_LINE = re.compile(r"^(?:URL|Url|url|链接|网址|Link)\s*[:：]\s*(\S+)\s*$")
_DATE_LINE = re.compile(r"^(?:日期|发布日期|时间|Date|Published)\s*[:：]\s*(.+)$", re.I)
_INLINE_URL = re.compile(r"\s*(?:URL\s*[:：]\s*)?(https?://\S+)\s*$")
_TITLE_BRACKETS = re.compile(r"《(.+?)》|“(.+?)”|\"(.+?)\"")
_SEP = re.compile(r"\s+[-–—]\s+")


def _split_entry(s: str) -> tuple[str | None, str | None, str | None]:
    """(publisher, title, url) of one entry line."""
    url = None
    m = _INLINE_URL.search(s)
    if m:
        url, s = m.group(1), s[: m.start()].strip()
    parts = _SEP.split(s, maxsplit=1)
    if len(parts) == 2:
        publisher, title = parts
    else:
        t = _TITLE_BRACKETS.search(s)
        if t:
            publisher = (s[: t.start()] + s[t.end():]).strip(" ,.-") or None
            title = next(g for g in t.groups() if g)
            return publisher, title, url
        tail = s.rsplit(", ", 1)
        if len(tail) == 2 and len(tail[1]) <= 40:  # "Title, Financial Times."
            return tail[1].strip(" ."), tail[0].strip(), url
        return s.strip() or None, None, url
    t = _TITLE_BRACKETS.fullmatch(title.strip())
    if t:
        title = next(g for g in t.groups() if g)
    return publisher.strip() or None, title.strip() or None, url


def find_references(text: str) -> tuple[int | None, list[Reference]]:
    """(offset where the trailing reference block starts, its entries)."""
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    block_start: int | None = None
    has_entry = False
    i = len(lines) - 1
    while i >= 0:
        s = lines[i].strip()
        if not s or _URL_LINE.match(s) or _DATE_LINE.match(s):
            i -= 1
            continue
        if _ENTRY.match(s):
            block_start, has_entry = i, True
            i -= 1
            continue
        if _HEADING.match(s):
            block_start = i
            break
        if has_entry or block_start is None:
            # an unnumbered line: part of the block only when a heading comes right before it
            j = i
            while j >= 0 and lines[j].strip() and not _HEADING.match(lines[j].strip()) \
                    and not _ENTRY.match(lines[j].strip()) and i - j < 5 and len(lines[j]) < 300:
                j -= 1
            if not has_entry and j >= 0 and _HEADING.match(lines[j].strip()) and i - j <= 5:
                block_start = j
            break
        break
    if block_start is None or (not has_entry and not _HEADING.match(lines[block_start].strip())):
        return None, []
    refs: list[Reference] = []
    auto = 0
    for line in lines[block_start:]:
        s = line.strip()
        if not s or _HEADING.match(s):
            continue
        if (u := _URL_LINE.match(s)) and refs:
            refs[-1].url = refs[-1].url or u.group(1)
            continue
        if (d := _DATE_LINE.match(s)) and refs:
            refs[-1].date = refs[-1].date or partial_date(d.group(1))
            continue
        m = _ENTRY.match(s) or _NUMBERED.match(s)
        if m:
            n, body = int(m.group(1)), m.group(2)
        else:
            auto += 1
            n, body = auto, s
        publisher, title, url = _split_entry(body)
        refs.append(Reference(n=n, publisher=publisher, title=title, url=url))
    return starts[block_start], refs
