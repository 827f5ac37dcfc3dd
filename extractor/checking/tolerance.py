"""How close a claimed figure must be to the data: the stated precision plus a small slack.

A figure written "1.35%" stands for anything that rounds to it (±0.005) and we add PCT_SLACK
(0.01 pct pts) for the rounding of the closes themselves. Levels get half a unit of their last
stated decimal plus LEVEL_SLACK (0.01 pts: Yahoo's float32 closes differ from the official close by
a cent, e.g. S&P 500 6882.72 vs 6882.71). "约/about/approx" widens percentages by
max(0.05 pts, 5 % of the figure) and levels by 0.1 % (1 % for round numbers such as "about 50,000").
Stated decimals are read from the claim text where the figure appears there ("0.60%" has two,
although the float 0.6 has one); otherwise from the float.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PCT_SLACK = 0.01
LEVEL_SLACK = 0.01
APPROX_PCT_MIN = 0.05
APPROX_PCT_REL = 0.05
APPROX_LEVEL_REL = 0.001
APPROX_ROUND_LEVEL_REL = 0.01
PROXY_PCT_SLACK = 0.1
MAX_DECIMALS = 6
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"


def float_decimals(values: pd.Series) -> np.ndarray:
    """Decimals needed to write each float (0.6 -> 1, 22904.58 -> 2); NaN -> 0."""
    v = np.abs(pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64"))
    out = np.full(v.shape, MAX_DECIMALS, dtype="int64")
    done = ~np.isfinite(v)
    out[done] = 0
    for d in range(MAX_DECIMALS + 1):
        scaled = v * 10.0**d
        hit = ~done & (np.abs(scaled - np.round(scaled)) < 1e-6 * np.maximum(1.0, scaled))
        out[hit] = d
        done |= hit
    return out


def text_numbers(texts: pd.Series) -> pd.DataFrame:
    """Every number written in each text: row (position), value, decimals."""
    s = pd.Series(texts).reset_index(drop=True).fillna("").astype(str)
    found = s.str.extractall(_NUMBER)[0]
    if found.empty:
        return pd.DataFrame({"row": [], "value": [], "decimals": []})
    raw = found.str.replace(",", "", regex=False)
    dec = raw.str.partition(".")[2].str.len()
    return pd.DataFrame({
        "row": found.index.get_level_values(0).to_numpy(),
        "value": np.round(pd.to_numeric(raw, errors="coerce").to_numpy(dtype="float64"), 6),
        "decimals": dec.to_numpy(dtype="int64"),
    })


def stated_decimals(values: pd.Series, numbers: pd.DataFrame | None = None) -> np.ndarray:
    """Decimals as written: the text's spelling of the same value when present, else the float's."""
    base = float_decimals(values)
    if numbers is None or numbers.empty:
        return base
    v = np.round(np.abs(pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")), 6)
    probe = pd.DataFrame({"row": np.arange(len(v)), "value": v})
    hit = probe.merge(numbers, on=["row", "value"], how="inner").groupby("row")["decimals"].max()
    out = base.copy()
    rows = hit.index.to_numpy()
    out[rows] = np.maximum(out[rows], hit.to_numpy())
    return out


def half_unit(decimals: np.ndarray) -> np.ndarray:
    return 0.5 * 10.0 ** (-decimals.astype("float64"))


def pct_tolerance(claimed, decimals, approx, proxy=None) -> np.ndarray:
    """Allowed |claimed - observed| in percentage points."""
    c = np.abs(np.asarray(claimed, dtype="float64"))
    tol = half_unit(np.asarray(decimals)) + PCT_SLACK
    tol = tol + np.where(np.asarray(approx, dtype=bool), np.maximum(APPROX_PCT_MIN, APPROX_PCT_REL * c), 0.0)
    if proxy is not None:
        tol = tol + np.where(np.asarray(proxy, dtype=bool), PROXY_PCT_SLACK, 0.0)
    return tol


def level_tolerance(claimed, decimals, approx) -> np.ndarray:
    """Allowed |claimed - observed| in points (or price units)."""
    c = np.abs(np.asarray(claimed, dtype="float64"))
    dec = np.asarray(decimals)
    tol = half_unit(dec) + LEVEL_SLACK
    rounded = (dec == 0) & np.isfinite(c) & (np.mod(np.nan_to_num(c), 100) == 0) & (c > 0)
    widen = np.where(rounded, APPROX_ROUND_LEVEL_REL, APPROX_LEVEL_REL) * c
    return tol + np.where(np.asarray(approx, dtype=bool), np.nan_to_num(widen), 0.0)
