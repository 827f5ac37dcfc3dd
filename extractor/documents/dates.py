"""Publication dates: metadata values to ISO strings, and full dates stated in article text.

ISO output: "2025-02-10" for a date, "2025-02-10T15:35:00" for a naive datetime (kept naive:
no zone was given), "2026-02-05T13:13:43Z" / "...+08:00" when a zone was given. Fractional
seconds are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?\s*$", re.I)
_SLASH = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TEXT_DATES = [
    (re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "ymd"),
    (re.compile(r"(?<![\d.])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d])"), "ymd"),
    (re.compile(rf"\b{_MON}\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})\s+{_MON},?\s+((?:19|20)\d{{2}})\b"), "dmy"),
]


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def to_iso(value: object) -> str | None:
    """An ISO date/datetime string for a metadata value, or None when it is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat()
        off = value.utcoffset()
        v = value.replace(microsecond=0)
        return v.strftime("%Y-%m-%dT%H:%M:%SZ") if off == dt.timedelta(0) else v.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and 1e9 < value < 1e11:  # unix seconds
        return to_iso(dt.datetime.fromtimestamp(value, dt.UTC))
    if isinstance(value, list) and value:
        return to_iso(value[0])
    s = str(value).strip()
    m = _ISO.match(s)
    if m:
        y, mo, d, hh, mm, ss, zone = m.groups()
        date = _valid(int(y), int(mo), int(d))
        if date is None:
            return None
        if hh is None:
            return date.isoformat()
        out = f"{date.isoformat()}T{int(hh):02d}:{mm}:{ss or '00'}"
        if zone:
            z = zone.upper()
            if z in ("Z", "UTC", "GMT") or z.replace(":", "") in ("+0000", "-0000"):
                return out + "Z"
            return out + (z if ":" in z else f"{z[:3]}:{z[3:]}")
        return out
    m = _SLASH.match(s)
    if m:
        date = _valid(*map(int, m.groups()))
        return date.isoformat() if date else None
    try:
        return to_iso(parsedate_to_datetime(s))  # RFC 2822: "Thu, 28 Apr 2022 00:09:46 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    found = dates_in_text(s)
    return found[0].isoformat() if len(found) == 1 and len(s) < 60 else None


def dates_in_text(text: str) -> list[dt.date]:
    """Every full calendar date (year, month, day) written in ``text``, in text order."""
    hits: list[tuple[int, dt.date]] = []
    for pattern, order in _TEXT_DATES:
        for m in pattern.finditer(text):
            g = m.groups()
            if order == "ymd":
                y, mo, d = int(g[0]), int(g[1]), int(g[2])
            elif order == "mdy":
                y, mo, d = int(g[2]), _MONTHS[g[0][:3].lower()], int(g[1])
            else:
                y, mo, d = int(g[2]), _MONTHS[g[1][:3].lower()], int(g[0])
            date = _valid(y, mo, d)
            if date:
                hits.append((m.start(), date))
    return [d for _, d in sorted(hits, key=lambda h: h[0])]


_PARTIAL = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")


def partial_date(text: str) -> str | None:
    """ISO date or partial date ("2026-02", "2026") from a reference's date field."""
    iso = to_iso(text)
    if iso:
        return iso
    m = _PARTIAL.search(text)
    if m:
        y, mo, d = m.groups()
        if d:
            date = _valid(int(y), int(mo), int(d))
            return date.isoformat() if date else None
        return f"{y}-{int(mo):02d}" if mo else y
    found = dates_in_text(text)
    return found[0].isoformat() if found else None
