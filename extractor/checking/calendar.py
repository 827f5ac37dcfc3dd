"""Trading sessions from exchange-calendars: is a date a session, which session came before.

exchange-calendars builds calendars over a bounded default range (about 20 years back), so we ask
for 1990 onward and fall back to the calendar's own earliest date where its holidays start later
(XSHG 1991, XTKS 1997). ``"24/7"`` (crypto) is every calendar day.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pandas as pd

from extractor.checking.catalog import calendar_code

ALWAYS_OPEN = "24/7"
_START = pd.Timestamp("1990-01-01")


@cache
def get_calendar(code: str):
    """The exchange calendar for ``code`` from 1990 (or its earliest date) on; None for 24/7."""
    if code == ALWAYS_OPEN:
        return None
    import exchange_calendars as xcals

    try:
        return xcals.get_calendar(code, start=_START)
    except Exception:  # noqa: BLE001 - calendar-specific "earliest date" errors
        return xcals.get_calendar(code)


@cache
def sessions(code: str) -> pd.DatetimeIndex:
    """All sessions of a calendar (naive dates); empty for 24/7."""
    cal = get_calendar(code)
    if cal is None:
        return pd.DatetimeIndex([])
    return pd.DatetimeIndex(cal.sessions).tz_localize(None)


def _cal(cal):
    return get_calendar(cal) if isinstance(cal, str) else cal


def _day(date) -> pd.Timestamp:
    return pd.Timestamp(date).tz_localize(None).normalize() if pd.Timestamp(date).tzinfo else (
        pd.Timestamp(date).normalize())


def in_range(cal, date) -> bool:
    """Whether ``date`` lies inside the calendar's computed range."""
    c = _cal(cal)
    if c is None:
        return True
    day = _day(date)
    return c.first_session.tz_localize(None) <= day <= c.last_session.tz_localize(None)


def is_session(cal, date) -> bool | None:
    """True/False for a trading day; None when the date is outside the calendar's range."""
    c = _cal(cal)
    if c is None:
        return True
    if not in_range(c, date):
        return None
    return bool(c.is_session(_day(date)))


def previous_session(cal, date) -> dt.date | None:
    """The last session strictly before ``date`` (None outside the calendar's range)."""
    c = _cal(cal)
    day = _day(date)
    if c is None:
        return (day - pd.Timedelta(days=1)).date()
    if not in_range(c, day) or day <= c.first_session.tz_localize(None):
        return None
    return c.date_to_session(day - pd.Timedelta(days=1), direction="previous").date()


def session_for(subject: str) -> str:
    """Calendar code for a canonical subject (``^IXIC`` -> ``XNYS``, ``BTC-USD`` -> ``24/7``)."""
    return calendar_code(subject)


def us_session_for_local(when, tz: str = "Asia/Shanghai", weekday: int | None = None) -> dt.date | None:
    """The latest NYSE session that had closed by local time ``when`` in ``tz``.

    A date without a time means the end of that local day. ``weekday`` (0 = Monday) picks the latest
    such session falling on that weekday, as in "周三" in a Beijing-dated wrap of the US session:
    ``us_session_for_local("2026-02-05", "Asia/Shanghai", weekday=2)`` -> 2026-02-04.
    """
    cal = get_calendar("XNYS")
    ts = pd.Timestamp(when)
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime) or (
        isinstance(when, str) and len(when.strip()) <= 10
    ):
        ts = ts.normalize() + pd.Timedelta(hours=23, minutes=59)
    if ts.tzinfo is None:
        ts = ts.tz_localize(tz)
    ts = ts.tz_convert("UTC")
    if ts < cal.first_minute or ts > cal.last_minute:
        return None
    day = ts.tz_convert("America/New_York").tz_localize(None).normalize()
    candidate = cal.date_to_session(day, direction="previous")
    for _ in range(15):
        close = cal.session_close(candidate)
        if close <= ts and (weekday is None or candidate.weekday() == weekday):
            return candidate.date()
        if candidate <= cal.first_session:
            return None
        candidate = cal.previous_session(candidate)
    return None
