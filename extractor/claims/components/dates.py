"""Component ``newsclaims_dates``: find date expressions and resolve them to ISO dates.

Anchored on the publication date ("周三", "on Wednesday" → the latest such weekday on or
before it; "2月4日", "Feb. 4" → the year that puts it on or before the anchor). "当日"
and "the same day" take the last explicit date written before them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.claims.lexicon import lexicon
from extractor.nlp.pipeline import text_of


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # full, iso, month_day, weekday, same_day, previous_day
    date: str | None


def parse_anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_day(month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    if anchor is None:
        return None
    d = _safe_date(anchor.year, month, day)
    if d is not None and (d - anchor).days > 7:
        d = _safe_date(anchor.year - 1, month, day)
    return d


def _month_end(year: int | None, month: int, anchor: dt.date | None) -> dt.date | None:
    if year is None:
        if anchor is None:
            return None
        year = anchor.year if month <= anchor.month else anchor.year - 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _period_end(m: re.Match, months_per: int, pats: dict, anchor: dt.date | None) -> dt.date | None:
    """The last day of a named month, quarter or half-year; the year is the one stated, the
    relative one ("去年"), else the latest such period not after the anchor."""
    raw = m.group(3)
    n = int(raw) if raw.isdigit() else (pats.get("period_numbers") or {}).get(raw)
    if not n or not 1 <= n * months_per <= 12:
        return None
    year = int(m.group(1)) if m.group(1) else None
    if year is None and m.group(2):
        if anchor is None:
            return None
        year = anchor.year + (pats.get("relative_years") or {}).get(m.group(2), 0)
    return _month_end(year, n * months_per, anchor)


def _weekday(target: int, anchor: dt.date | None, relation: str | None) -> dt.date | None:
    """The weekday ``target`` relative to the anchor: the latest one on or before it, or per
    ``relation`` (``weekday_modifiers`` in the language's dates.yaml) the one strictly before it
    ("last Monday"), or that day of the previous / the next calendar week ("上周一", "下周一")."""
    if anchor is None:
        return None
    monday = anchor - dt.timedelta(days=anchor.weekday())
    if relation == "previous_week":
        return monday - dt.timedelta(days=7 - target)
    if relation == "next_week":
        return monday + dt.timedelta(days=7 + target)
    d = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)
    if relation == "previous" and d == anchor:
        d -= dt.timedelta(days=7)
    return d


def find_dates(text: str, lang: str, anchor: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved where the anchor allows."""
    lx = lexicon(lang)
    pats = lx.dates
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m, kind: str, date: dt.date | None) -> None:
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            return
        taken.append((s, e))
        found.append(DateMention(s, e, m.group(0), kind, date.isoformat() if date else None))

    months = pats.get("months") or {}
    for m in pats["full"].finditer(text):
        if lang == "en":
            mon = months.get(m.group("mon")[:3].lower())
            add(m, "full", _safe_date(int(m.group("year")), mon, int(m.group("day"))) if mon else None)
        else:
            add(m, "full", _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in pats["iso"].finditer(text):
        add(m, "iso", _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in pats["month_day"].finditer(text):
        if lang == "en":
            mon = months.get(m.group("mon")[:3].lower())
            day = int(m.group("day"))
        else:
            mon, day = int(m.group(1)), int(m.group(2))
        add(m, "month_day", _month_day(mon, day, anchor) if mon and 1 <= day <= 31 else None)
    if pats.get("month_end") is not None:
        for m in pats["month_end"].finditer(text):
            if lang == "en":
                mon, year = months.get(m.group("mon")[:3].lower()), None
            else:
                year = int(m.group(1)) if m.group(1) else None
                mon = int(m.group(2))
            add(m, "month_end", _month_end(year, mon, anchor) if mon and 1 <= mon <= 12 else None)
    names = pats["weekday_names"]
    for m in pats["weekday"].finditer(text):
        relation = (pats.get("weekday_modifiers") or {}).get((m.group(1) or "").lower())
        target = names.get(m.group(2))
        add(m, "weekday", _weekday(target, anchor, relation) if target is not None else None)
    for m in pats["previous_day"].finditer(text):
        add(m, "previous_day", anchor - dt.timedelta(days=1) if anchor else None)
    for name, months_per in (("period_month", 1), ("period_quarter", 3), ("period_half", 6)):
        if pats.get(name) is not None:
            for m in pats[name].finditer(text):
                add(m, "period", _period_end(m, months_per, pats, anchor))
    found.sort(key=lambda d: d.start)
    # "当日"/"that day" repeat the last explicit date before them.
    out: list[DateMention] = []
    last: str | None = None
    same = [(m.start(), m.end(), m.group(0)) for m in pats["same_day"].finditer(text)]
    for s, e, t in same:
        if any(a < e and s < b for a, b in taken):
            continue
        found.append(DateMention(s, e, t, "same_day", None))
    found.sort(key=lambda d: d.start)
    as_of = pats.get("as_of")
    for i, d in enumerate(found):
        if as_of is not None and d.date and as_of.search(text, max(0, d.start - 8), d.start):
            found[i] = DateMention(d.start, d.end, d.text, "as_of", d.date)
    for d in found:
        if d.kind == "same_day":
            d = DateMention(d.start, d.end, d.text, d.kind, last or (anchor.isoformat() if anchor else None))
        elif d.date:
            last = d.date
        out.append(d)
    return out


def anchor_from_dateline(text: str, lang: str, today: dt.date | None = None) -> dt.date | None:
    """A document with no publication date: a month-day and a weekday in its lead fix the
    year (the latest year, not after today, in which that day falls on that weekday)."""
    lx = lexicon(lang)
    lead = text[:400]
    md = lx.dates["month_day"].search(lead)
    if not md:
        return None
    # the plain weekday nearest after the date ("9月21日 … 周五"), not "下周一"
    wd = next((w for w in lx.dates["weekday"].finditer(lead, md.end()) if not w.group(1)), None)
    if not wd:
        return None
    months = lx.dates.get("months") or {}
    if lang == "en":
        month, day = months.get(md.group("mon")[:3].lower()), int(md.group("day"))
    else:
        month, day = int(md.group(1)), int(md.group(2))
    target = lx.dates["weekday_names"].get(wd.group(2))
    if not month or target is None:
        return None
    today = today or dt.date.today()
    for year in range(today.year, today.year - 40, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= today and d.weekday() == target:
            return d
    return None


@Language.factory("newsclaims_dates")
def make_dates(nlp: Language, name: str):
    lang = nlp.lang

    def dates(doc: Doc) -> Doc:
        meta = doc._.meta or {}
        anchor = parse_anchor(meta.get("published")) or anchor_from_dateline(text_of(doc), lang)
        if anchor is not None and not meta.get("published"):
            meta["anchor"] = anchor.isoformat()
        doc._.dates = find_dates(text_of(doc), lang, anchor)
        return doc

    return dates
