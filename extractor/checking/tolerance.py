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

import re

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
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


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


def text_numbers(texts: pd.Series) -> dict[tuple[int, float], int]:
    """Every number written in each text: ``(row, value) -> decimals`` (most decimals on repeats).

    Distinct texts are scanned once (a sentence with several claims repeats its span).
    """
    s = pd.Series(texts).reset_index(drop=True)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    found = [_NUMBER_RE.findall(t) if isinstance(t, str) else [] for t in uniques]
    per_text = []
    for nums in found:
        d: dict[float, int] = {}
        for raw in nums:
            raw = raw.replace(",", "")
            dot = raw.find(".")
            dec = len(raw) - dot - 1 if dot >= 0 else 0
            v = round(float(raw), 6)
            if d.get(v, -1) < dec:
                d[v] = dec
        per_text.append(d)
    return {"codes": codes, "per_text": per_text}


def stated_decimals(values: pd.Series, numbers: dict | None = None) -> np.ndarray:
    """Decimals as written: the text's spelling of the same value when present, else the float's."""
    base = float_decimals(values)
    if not numbers:
        return base
    v = np.abs(pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64"))
    rows = np.flatnonzero(np.isfinite(v))
    codes, per_text = numbers["codes"], numbers["per_text"]
    out = base.copy()
    vals = np.round(v[rows], 6).tolist()
    found = [per_text[c].get(x, -1) if c >= 0 else -1 for c, x in zip(codes[rows].tolist(), vals, strict=True)]
    out[rows] = np.maximum(out[rows], np.asarray(found, dtype="int64"))
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
