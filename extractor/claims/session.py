"""Which trading session a dated-by-default claim refers to.

A claim that states no date of its own refers to the session the article reports: the
date stated in its lead, else the publication date — or the session before it for
morning briefs and for Chinese outlets reporting a foreign (US/European) session, which
close after Beijing's evening. Trading days come from ``exchange_calendars``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from extractor.claims.lexicon import lexicon

CALENDAR_OF_MARKET = {"us": "XNYS", "cn": "XSHG", "hk": "XHKG", "jp": "XTKS", "uk": "XLON", "eu": "XETR",
                      "kr": "XKRX", "tw": "XTAI", "in": "XBOM", "au": "XASX"}
FOREIGN_FOR_ZH = {"us", "eu", "uk"}
LEAD_CHARS = 400


@cache
def _calendar(code: str):
    import exchange_calendars as xcals

    return xcals.get_calendar(code, start="1990-01-01")


def previous_session(day: dt.date, market: str | None) -> dt.date:
    """The last trading session strictly before ``day``."""
    code = CALENDAR_OF_MARKET.get(market or "us", "XNYS")
    try:
        cal = _calendar(code)
        import pandas as pd

        ts = pd.Timestamp(day)
        if ts <= cal.first_session or ts > cal.last_session:
            raise ValueError
        return cal.date_to_session(ts, direction="previous").date() if not cal.is_session(ts) \
            else cal.previous_session(ts).date()
    except Exception:  # noqa: BLE001 - outside the calendar's range: weekdays only
        d = day - dt.timedelta(days=1)
        while d.weekday() >= 5:
            d -= dt.timedelta(days=1)
        return d


def on_or_before_session(day: dt.date, market: str | None) -> dt.date:
    code = CALENDAR_OF_MARKET.get(market or "us", "XNYS")
    try:
        import pandas as pd

        cal = _calendar(code)
        ts = pd.Timestamp(day)
        if ts <= cal.first_session or ts > cal.last_session:
            raise ValueError
        return cal.date_to_session(ts, direction="previous").date()
    except Exception:  # noqa: BLE001
        d = day
        while d.weekday() >= 5:
            d -= dt.timedelta(days=1)
        return d


def session_date(meta: dict, lang: str, dates, market: str | None) -> str | None:
    """The default session date of a document for a subject on ``market``."""
    pats = lexicon(lang).dates
    title = meta.get("title") or ""
    brief = bool(pats["brief_title"].search(title))
    published = meta.get("published") or meta.get("anchor")
    lead = [d for d in dates if d.start < LEAD_CHARS and d.date]
    if lead and not (brief and published and lead[0].date == str(published)[:10]):
        return lead[0].date
    if not published:
        return None
    try:
        day = dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None
    if brief or (lang == "zh" and (market or "us") in FOREIGN_FOR_ZH):
        return previous_session(day, market).isoformat()
    return on_or_before_session(day, market).isoformat()
