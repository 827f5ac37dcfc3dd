"""The series catalog (``models/catalog/series.yaml``): names of price series -> canonical subjects.

Price files arrive named by whoever produced them (``IXIC.csv``, ``^IXIC``, FRED ``NASDAQCOM``,
Stooq ``^ndq``); the checker only ever speaks canonical subjects, so every name goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from extractor.resources import load_yaml


@dataclass(frozen=True)
class SeriesInfo:
    """One catalogued series: what it answers for and how to read it."""

    subject: str
    name: str
    calendar: str
    aliases: tuple[str, ...] = ()
    siblings: tuple[str, ...] = ()
    proxy: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _key(name: str) -> str:
    key = str(name).strip().upper()
    for suffix in (".US", ".TXT", ".CSV"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("catalog/series.yaml") or {}


@lru_cache(maxsize=1)
def _catalog() -> tuple[dict[str, SeriesInfo], dict[str, str], dict[str, str]]:
    data = _data()
    by_subject: dict[str, SeriesInfo] = {}
    alias: dict[str, str] = {}
    for entry in data.get("series", []):
        info = SeriesInfo(
            subject=entry["subject"],
            name=entry.get("name", entry["subject"]),
            calendar=entry.get("calendar", "XNYS"),
            aliases=tuple(str(a) for a in entry.get("aliases", [])),
            siblings=tuple(entry.get("siblings", []) or []),
            proxy=bool(entry.get("proxy", False)),
        )
        by_subject[info.subject] = info
        for name in (info.subject, *info.aliases):
            alias[_key(name)] = info.subject
            alias[_key(name).lstrip("^")] = info.subject
    calendars = {str(k): str(v) for k, v in (data.get("calendars") or {}).items()}
    return by_subject, alias, calendars


def canonical_subject(name: str) -> str:
    """Canonical subject for a file stem or provider symbol; unknown names come back as given."""
    by_subject, alias, _ = _catalog()
    key = _key(name)
    return alias.get(key) or alias.get(key.lstrip("^")) or str(name).strip()


def series_info(subject: str) -> SeriesInfo | None:
    return _catalog()[0].get(subject)


def all_series() -> list[SeriesInfo]:
    return list(_catalog()[0].values())


def calendar_code(subject: str) -> str:
    """Exchange-calendars code for a subject (XNYS when the catalog does not know it)."""
    info = series_info(subject)
    if info is not None:
        return info.calendar
    return _catalog()[2].get(subject, "XNYS")


def siblings(subject: str) -> tuple[str, ...]:
    info = series_info(subject)
    return info.siblings if info else ()


def is_proxy(subject: str) -> bool:
    info = series_info(subject)
    return bool(info and info.proxy)


def sector_proxy_markets() -> frozenset[str]:
    """Markets whose sector claims may be checked through the US sector ETFs."""
    return frozenset(str(m).lower() for m in _data().get("sector_proxy_markets", ["us"]))


def sector_proxy_langs() -> frozenset[str]:
    """Languages whose sector claims without a market are taken as US sectors."""
    return frozenset(str(m).lower() for m in _data().get("sector_proxy_langs", ["en"]))


def sector_boards(market: str) -> str:
    """What a market's sector groups are called in a reason ("A-share sector boards")."""
    names = _data().get("sector_boards") or {}
    return str(names.get(market, f"{market} sector boards" if market else "sector boards outside the US"))
