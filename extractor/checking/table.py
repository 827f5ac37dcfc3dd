"""The price table every check reads: one series per subject, numpy arrays, calendar-aware links.

Built once per price source and cached (see :func:`price_table`): a path by its files' names,
sizes and mtimes, a store by its file's, a frame by identity plus a fingerprint. Rows are sorted
by (subject, date) and found through one sorted int64 key ``subject code << 20 | day``, so a batch
of claims is located with a single ``searchsorted``.

Why calendar links and not "the previous row": price files may be sparse (the project's samples
keep only the rows their checks need), so the previous session comes from the exchange calendar
and, when its row is missing, the check says so instead of comparing with an older row. Only for
dates outside the calendar's range (before 1990) does the previous row stand in.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from extractor.checking import catalog
from extractor.checking.calendar import ALWAYS_OPEN, sessions

PERIOD_KEYS = {"ytd": "Y", "qtd": "Q", "mtd": "M", "wtd": "W"}
_SHIFT = 20
_OFFSET = 1 << 19  # days since 1970 fit in ±524k


def to_days(values) -> np.ndarray:
    """Datetimes -> int64 days since 1970 (NaT -> a very negative sentinel)."""
    arr = np.asarray(values, dtype="datetime64[D]")
    out = arr.astype("int64")
    out[np.isnat(arr)] = -(1 << 40)
    return out


@cache
def session_days(code: str) -> np.ndarray:
    """Sessions of a calendar as sorted int64 days (empty for 24/7)."""
    return to_days(sessions(code).to_numpy()) if code != ALWAYS_OPEN else np.array([], dtype="int64")


def choose_series(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep one series per subject: most rows, then name (deterministic)."""
    counts = frame.groupby(["subject", "series"], sort=True).size().rename("n").reset_index()
    counts = counts.sort_values(["subject", "n", "series"], ascending=[True, False, True], kind="stable")
    chosen = counts.drop_duplicates("subject")["series"]
    return frame[frame["series"].isin(set(chosen))]


@dataclass
class PriceTable:
    """Per-row arrays of the chosen series, sorted by (subject, date), plus calendar links."""

    subjects: list[str]
    code: dict[str, int]
    subj: np.ndarray
    day: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    key: np.ndarray
    source: list[str]          # per subject code
    series: list[str]          # per subject code
    calendar: list[str]        # per subject code
    first_day: np.ndarray      # per subject code
    last_day: np.ndarray       # per subject code
    prev_idx: np.ndarray = field(default=None)   # row of the previous session (-1: missing)
    next_idx: np.ndarray = field(default=None)
    prev_day: np.ndarray = field(default=None)   # the previous session's day (known even if missing)
    prev_close: np.ndarray = field(default=None)
    day_pct: np.ndarray = field(default=None)
    prior_max: np.ndarray = field(default=None)
    prior_max_idx: np.ndarray = field(default=None)
    _sparse: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.close)

    def find(self, codes: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Row index of each (subject code, day); -1 where the table has no such row."""
        codes = np.asarray(codes, dtype="int64")
        days = np.asarray(days, dtype="int64")
        ok = (codes >= 0) & (np.abs(days) < _OFFSET)
        k = np.where(ok, (codes << _SHIFT) | (days + _OFFSET), -1)
        pos = np.searchsorted(self.key, k)
        pos = np.minimum(pos, len(self.key) - 1) if len(self.key) else pos
        hit = ok & (len(self.key) > 0)
        if len(self.key):
            hit &= self.key[pos] == k
        return np.where(hit, pos, -1)

    def first_at_or_after(self, codes: np.ndarray, days: np.ndarray) -> np.ndarray:
        """First row of each subject on or after ``day`` (may be past the subject's last row)."""
        k = (np.asarray(codes, dtype="int64") << _SHIFT) | (np.clip(days, -_OFFSET + 1, _OFFSET - 1) + _OFFSET)
        return np.searchsorted(self.key, k)

    def range_extreme(self, lo: np.ndarray, hi: np.ndarray, kind: str) -> np.ndarray:
        """Row of the highest (``max``) / lowest (``min``) close in rows [lo, hi]; latest on ties."""
        levels = self._sparse.get(kind)
        v = self.close if kind == "max" else -self.close
        if levels is None:
            levels = [np.arange(len(v))]
            step = 1
            while 2 * step <= len(v):
                a = levels[-1][: len(v) - 2 * step + 1]
                b = levels[-1][step: step + len(a)]
                levels.append(np.where(v[b] >= v[a], b, a))
                step *= 2
            self._sparse[kind] = levels
        n = hi - lo + 1
        k = np.floor(np.log2(np.maximum(n, 1))).astype(int)
        out = np.empty(len(lo), dtype="int64")
        for lv in np.unique(k):
            sel = k == lv
            a = levels[lv][lo[sel]]
            b = levels[lv][hi[sel] - (1 << lv) + 1]
            out[sel] = np.where(v[b] >= v[a], b, a)
        return out


def build_table(frame: pd.DataFrame) -> PriceTable:
    """The table for a long price frame (``load_prices`` layout)."""
    t = choose_series(frame)
    t = t.sort_values(["subject", "date"], kind="stable").reset_index(drop=True)
    subj_codes, subjects = pd.factorize(t["subject"].astype(str), sort=True)
    subjects = [str(s) for s in subjects]
    day = to_days(pd.to_datetime(t["date"]).to_numpy())
    subj = subj_codes.astype("int64")
    f = lambda c: pd.to_numeric(t[c], errors="coerce").to_numpy("float64")  # noqa: E731
    starts = np.searchsorted(subj, np.arange(len(subjects)))
    ends = np.append(starts[1:], len(subj)) - 1
    first = t.groupby(subj, sort=True)
    src = first["source"].first().astype(str).tolist() if len(t) else []
    ser = first["series"].first().astype(str).tolist() if len(t) else []
    pt = PriceTable(
        subjects=subjects, code={s: i for i, s in enumerate(subjects)}, subj=subj, day=day,
        open=f("open"), high=f("high"), low=f("low"), close=f("close"),
        key=(subj << _SHIFT) | (day + _OFFSET), source=src, series=ser,
        calendar=[catalog.calendar_code(s) for s in subjects],
        first_day=day[starts] if len(day) else np.array([], "int64"),
        last_day=day[ends] if len(day) else np.array([], "int64"),
    )
    _link_sessions(pt)
    cm = pd.Series(pt.close).groupby(subj, sort=False).cummax().to_numpy()
    same = np.r_[False, subj[1:] == subj[:-1]]
    pt.prior_max = np.where(same, np.r_[np.nan, cm[:-1]], np.nan)
    new_high = pt.close >= cm
    idx = pd.Series(np.where(new_high, np.arange(len(subj)), np.nan)).groupby(subj, sort=False).ffill()
    shifted = np.r_[np.nan, idx.to_numpy()[:-1]]
    pt.prior_max_idx = np.where(same & np.isfinite(shifted), np.nan_to_num(shifted), -1).astype("int64")
    return pt


def _link_sessions(pt: PriceTable) -> None:
    """prev/next session rows by the exchange calendar (previous row outside the calendar's range)."""
    n = len(pt.day)
    prev_day = pt.day - 1
    next_day = pt.day + 1
    cal = np.array(pt.calendar, dtype=object)[pt.subj] if n else np.array([], dtype=object)
    fallback = np.zeros(n, dtype=bool)
    for code in set(pt.calendar):
        if code == ALWAYS_OPEN:
            continue
        sel = cal == code
        s = session_days(code)
        d = pt.day[sel]
        pos = np.searchsorted(s, d, "left")
        inside = (len(s) > 0) & (d > s[0]) & (d <= s[-1]) if len(s) else np.zeros(len(d), bool)
        prev_day[sel] = np.where(inside, s[np.clip(pos - 1, 0, max(len(s) - 1, 0))], d - 1)
        npos = np.searchsorted(s, d, "right")
        next_day[sel] = np.where(npos < len(s), s[np.minimum(npos, len(s) - 1)], d + 1)
        fallback[sel] = ~inside
    pt.prev_day = prev_day
    pt.prev_idx = pt.find(pt.subj, prev_day)
    same = np.r_[False, pt.subj[1:] == pt.subj[:-1]]
    row_prev = np.where(same, np.arange(n) - 1, -1)
    pt.prev_idx = np.where(fallback, row_prev, pt.prev_idx)
    pt.prev_day = np.where(fallback & (row_prev >= 0), pt.day[np.maximum(row_prev, 0)], prev_day)
    pt.next_idx = pt.find(pt.subj, next_day)
    pt.prev_close = np.where(pt.prev_idx >= 0, pt.close[np.maximum(pt.prev_idx, 0)], np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        pt.day_pct = (pt.close / pt.prev_close - 1) * 100


# ---- caching -------------------------------------------------------------------------------

_CACHE: dict = {}
_FRAMES: dict = {}
_MAX = 4


def _path_token(prices) -> tuple:
    from extractor.checking.prices import price_files

    paths = prices if isinstance(prices, list | tuple) else [prices]
    out = []
    for p in paths:
        for f in price_files(p):
            st = f.stat()
            out.append((str(f.resolve()), st.st_size, st.st_mtime_ns))
    return tuple(out)


def _remember(key, value):
    if len(_CACHE) >= _MAX:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = value
    return value


def _frame_table(frame: pd.DataFrame) -> PriceTable:
    close = pd.to_numeric(frame["close"], errors="coerce") if len(frame) else pd.Series(dtype=float)
    finger = (len(frame), float(np.nansum(close.to_numpy("float64"))),
              str(frame["date"].min()) if len(frame) else "", str(frame["date"].max()) if len(frame) else "")
    hit = _FRAMES.get(id(frame))
    if hit is not None and hit[0]() is frame and hit[1] == finger:
        return hit[2]
    table = build_table(frame)
    try:
        ref = weakref.ref(frame, lambda _r, k=id(frame): _FRAMES.pop(k, None))
    except TypeError:
        return table
    if len(_FRAMES) >= _MAX:
        _FRAMES.pop(next(iter(_FRAMES)))
    _FRAMES[id(frame)] = (ref, finger, table)
    return table


def price_table(prices=None, store=None, subjects=None) -> tuple[PriceTable, str]:
    """The (cached) table for a path, a PriceStore, a long frame or the default store; plus a label."""
    from extractor.checking.prices import load_prices
    from extractor.checking.store import PriceStore

    if isinstance(prices, pd.DataFrame):
        return _frame_table(prices), "given frame"
    if isinstance(prices, PriceStore):
        store, prices = prices, None
    if prices is not None:
        key = ("path", _path_token(prices))
        if key not in _CACHE:
            _remember(key, build_table(load_prices(prices)))
        return _CACHE[key], str(prices)
    store = store if isinstance(store, PriceStore) else PriceStore(store)
    wanted = None if subjects is None else tuple(sorted({str(s) for s in subjects}))
    st = store.path.stat() if store.exists() else None
    key = ("store", str(store.path), st and (st.st_size, st.st_mtime_ns), wanted)
    if key not in _CACHE:
        _remember(key, build_table(store.frame(wanted)))
    return _CACHE[key], f"store {store.path}"


def clear_cache() -> None:
    _CACHE.clear()
    _FRAMES.clear()

