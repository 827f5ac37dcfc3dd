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
    """The exchange calendar, built once per process (None when it cannot be had)."""
    from extractor.checking.calendar import get_calendar

    try:
        return get_calendar(code)
    except Exception:  # noqa: BLE001 - unknown code: fall back to weekdays
        return None


def _session(day: dt.date, market: str | None, strictly_before: bool) -> dt.date:
    import pandas as pd

    cal = _calendar(CALENDAR_OF_MARKET.get(market or "us", "XNYS"))
    ts = pd.Timestamp(day) - pd.Timedelta(days=1 if strictly_before else 0)
    if cal is not None and cal.first_session < ts <= cal.last_session:
        return cal.date_to_session(ts, direction="previous").date()
    d = ts.date()
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def previous_session(day: dt.date, market: str | None) -> dt.date:
    """The last trading session strictly before ``day``."""
    return _session(day, market, strictly_before=True)


def on_or_before_session(day: dt.date, market: str | None) -> dt.date:
    """``day`` if it is a session, else the one before it."""
    return _session(day, market, strictly_before=False)


def session_date(meta: dict, lang: str, dates, market: str | None) -> str | None:
    """The default session date of a document for a subject on ``market``."""
    pats = lexicon(lang).dates
    title = meta.get("title") or ""
    brief = bool(pats["brief_title"].search(title))
    published = meta.get("published") or meta.get("anchor")
    # the lead's date of a past session: not "下周一" (next Monday) or a later date
    lead = [d for d in dates if d.start < LEAD_CHARS and d.date and not (published and d.date > str(published)[:10])]
    if lead and brief and lead[0].kind in ("full", "iso") and lead[0].text in title:
        # "Stock Market News for May 6, 2025": the brief's own date; it reports the session before
        published = lead[0].date
    elif lead and not (brief and published and lead[0].date == str(published)[:10]):
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


#: when each market's regular session opens, in UTC (hour, minute) — standard time
OPEN_UTC = {"us": (14, 30), "eu": (8, 0), "uk": (8, 0)}


def clamp_to_publication(date: str | None, published: str | None, market: str | None) -> str | None:
    """A session that had not opened when the article was published cannot be the one it
    reports: "2月5日" in a piece published 2026-02-05T13:13Z (before the US open) means the
    US session of Feb 4."""
    if not date or not published or market not in OPEN_UTC:
        return date
    try:
        stamp = dt.datetime.fromisoformat(str(published).replace("Z", "+00:00"))
    except ValueError:
        return date
    if stamp.tzinfo is None:  # a bare date, or a time with no zone: nothing to compare with the open
        return date
    stamp = stamp.astimezone(dt.UTC)
    if date != stamp.date().isoformat():
        return date
    hour, minute = OPEN_UTC[market]
    if (stamp.hour, stamp.minute) < (hour, minute):
        return previous_session(stamp.date(), market).isoformat()
    return date
