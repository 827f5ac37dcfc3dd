"""Per-session facts every check needs, computed once per price frame with group-wise shifts.

One series answers each subject (the longest when several map to it). Each row carries the
previous close, the day's move, the highest earlier close (record check), the session's position
(N-day checks) and, on request, the base closes of ytd/qtd/mtd/wtd and the rolling peak/trough.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PERIOD_KEYS = {"ytd": "Y", "qtd": "Q", "mtd": "M", "wtd": "W"}


def choose_series(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep one series per subject: most rows, then name (deterministic)."""
    counts = frame.groupby(["subject", "series"], sort=True).size().rename("n").reset_index()
    counts = counts.sort_values(["subject", "n", "series"], ascending=[True, False, True], kind="stable")
    chosen = counts.drop_duplicates("subject")["series"]
    return frame[frame["series"].isin(set(chosen))]


def session_table(frame: pd.DataFrame, subjects=None) -> pd.DataFrame:
    """The per-session table for ``subjects`` (all when None), sorted by subject and date."""
    t = frame if subjects is None else frame[frame["subject"].isin(set(subjects))]
    t = choose_series(t)
    t = t.sort_values(["subject", "date"], kind="stable").reset_index(drop=True)
    t["date"] = pd.to_datetime(t["date"]).astype("datetime64[ns]")
    g = t.groupby("subject", sort=False)
    t["pos"] = g.cumcount()
    t["prev_close"] = g["close"].shift(1)
    t["prev_date"] = g["date"].shift(1)
    t["day_pct"] = (t["close"] / t["prev_close"] - 1) * 100
    cm = g["close"].cummax()
    new_high = t["close"] >= cm
    peak_date = t["date"].where(new_high).groupby(t["subject"], sort=False).ffill()
    t["prior_max"] = cm.groupby(t["subject"], sort=False).shift(1)
    t["prior_max_date"] = peak_date.groupby(t["subject"], sort=False).shift(1)
    return t


def add_period_base(t: pd.DataFrame, period: str) -> None:
    """Columns ``<period>_base``/``<period>_date``: last close of the previous calendar period."""
    col = f"{period}_base"
    if col in t:
        return
    freq = PERIOD_KEYS[period]
    key = t["date"].dt.to_period(freq).astype("int64")
    last = t.assign(_k=key).groupby(["subject", "_k"], sort=False)[["close", "date"]].last()
    last = last.reset_index()
    shifted = last.groupby("subject", sort=False)[["close", "date"]].shift(1)
    last["b"], last["bd"] = shifted["close"], shifted["date"]
    merged = t[["subject"]].assign(_k=key).merge(last[["subject", "_k", "b", "bd"]], how="left",
                                                 on=["subject", "_k"])
    t[col] = merged["b"].to_numpy()
    t[f"{period}_date"] = merged["bd"].to_numpy()


def add_extremes(t: pd.DataFrame, window: int) -> None:
    """Rolling highest / lowest close over ``window`` sessions ending on each row."""
    if "peak" in t:
        return
    g = t.groupby("subject", sort=False)["close"]
    t["peak"] = g.rolling(window, min_periods=1).max().reset_index(level=0, drop=True).sort_index()
    t["trough"] = g.rolling(window, min_periods=1).min().reset_index(level=0, drop=True).sort_index()


def extreme_dates(t: pd.DataFrame, rows: np.ndarray, col: str, window: int) -> np.ndarray:
    """Date of the latest close equal to ``t[col]`` within the window ending at each of ``rows``."""
    if len(rows) == 0:
        return np.array([], dtype="datetime64[ns]")
    q = pd.DataFrame({"q": np.arange(len(rows)), "subject": t["subject"].to_numpy()[rows],
                      "close": t[col].to_numpy()[rows], "end": t["pos"].to_numpy()[rows]})
    hits = q.merge(t[["subject", "close", "pos", "date"]], on=["subject", "close"], how="inner")
    hits = hits[(hits["pos"] <= hits["end"]) & (hits["pos"] > hits["end"] - window)]
    best = hits.groupby("q")["date"].max()
    out = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    out[best.index.to_numpy()] = best.to_numpy()
    return out
