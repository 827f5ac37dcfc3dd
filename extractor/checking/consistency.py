"""Internal consistency: figures of one claim, and repeats of one figure in an article, must agree.

Needs no price data. Within a claim, ``from_level``, ``change_pct``, ``change_abs`` and ``level``
are tied by level = from_level × (1 + change_pct/100) = from_level + change_abs; each pair of
figures present is compared at the stated precision of the figures (approx ignored: a rounded
figure is already covered by its precision). Across a document, one subject on one date and period
quoted with two different percentages or levels is flagged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from extractor.checking.tolerance import LEVEL_SLACK, PCT_SLACK, half_unit


def _fmt(x: float, d: int = 2) -> str:
    return f"{x:,.{d}f}".replace(",", "") if abs(x) < 1e4 else f"{x:.{d}f}"


def _pct(x: float) -> str:
    return f"{x:+.2f}%".replace("-", "−")


def internal_consistency(df: pd.DataFrame, dec: dict[str, np.ndarray]) -> pd.Series:
    """One note per inconsistent row (None elsewhere). ``dec`` holds stated decimals per figure."""
    pct = pd.to_numeric(df["change_pct"], errors="coerce").to_numpy("float64")
    lvl = pd.to_numeric(df["level"], errors="coerce").to_numpy("float64")
    frm = pd.to_numeric(df["from_level"], errors="coerce").to_numpy("float64")
    ab = pd.to_numeric(df["change_abs"], errors="coerce").to_numpy("float64")
    tp = half_unit(dec["change_pct"]) + PCT_SLACK
    tl = half_unit(dec["level"]) + LEVEL_SLACK
    tf = half_unit(dec["from_level"]) + LEVEL_SLACK
    ta = half_unit(dec["change_abs"]) + LEVEL_SLACK
    notes = np.full(len(df), None, dtype=object)

    with np.errstate(invalid="ignore", divide="ignore"):
        # level vs from_level and change_pct
        implied = frm * (1 + pct / 100)
        slack = tf * np.abs(1 + pct / 100) + np.abs(frm) * tp / 100 + tl
        bad1 = np.isfinite(implied) & np.isfinite(lvl) & (np.abs(implied - lvl) > slack)
        # level vs from_level and change_abs
        bad2 = np.isfinite(frm + ab + lvl) & (np.abs(frm + ab - lvl) > tf + ta + tl)
        # change_abs vs change_pct (from whichever base is known)
        base = np.where(np.isfinite(frm), frm, lvl - ab)
        implied_pct = ab / base * 100
        pslack = tp + 100 * (ta + np.where(np.isfinite(frm), tf, tl + ta)) / np.abs(base)
        bad3 = np.isfinite(implied_pct + pct) & (np.abs(implied_pct - pct) > pslack) & ~bad1 & ~bad2
    for i in np.flatnonzero(bad1 | bad2 | bad3):
        parts = []
        if bad1[i]:
            sign = "−" if pct[i] < 0 else "+"
            parts.append(
                f"{_fmt(frm[i], int(dec['from_level'][i]))} × (1 {sign} {abs(pct[i]):g}%) ≈ "
                f"{_fmt(implied[i])}, not {_fmt(lvl[i], int(dec['level'][i]))} "
                f"(those levels imply {_pct((lvl[i] / frm[i] - 1) * 100)})")
        if bad2[i]:
            parts.append(f"{_fmt(frm[i], int(dec['from_level'][i]))} {ab[i]:+g} points = "
                         f"{_fmt(frm[i] + ab[i])}, not {_fmt(lvl[i], int(dec['level'][i]))}")
        if bad3[i]:
            parts.append(f"{ab[i]:+g} points is {_pct(implied_pct[i])} of {_fmt(base[i])}, "
                         f"not {pct[i]:+g}%")
        notes[i] = "figures disagree: " + "; ".join(parts)
    lo = pd.to_numeric(df.get("change_pct_low"), errors="coerce").to_numpy("float64") if (
        "change_pct_low" in df) else np.full(len(df), np.nan)
    hi = pd.to_numeric(df.get("change_pct_high"), errors="coerce").to_numpy("float64") if (
        "change_pct_high" in df) else np.full(len(df), np.nan)
    for i in np.flatnonzero(np.isfinite(lo + hi) & (lo > hi)):
        notes[i] = f"range reversed: low {lo[i]:g}% above high {hi[i]:g}%"
    return pd.Series(notes, index=df.index, dtype=object)


def repeated_figures(df: pd.DataFrame, moves: np.ndarray) -> pd.Series:
    """Flag rows whose subject+date+period is quoted elsewhere in the document with another figure."""
    notes = pd.Series(None, index=df.index, dtype=object)
    if "doc_id" not in df or not moves.any():
        return notes
    sub = df.loc[moves, ["doc_id", "subject", "date", "period", "change_pct", "level"]].copy()
    sub = sub.dropna(subset=["doc_id", "subject", "date"])
    if sub.empty:
        return notes
    sub["period"] = sub["period"].fillna("1d")
    keys = ["doc_id", "subject", "date", "period"]
    for col, label, unit in (("change_pct", "change", "%"), ("level", "level", "")):
        vals = pd.to_numeric(sub[col], errors="coerce").round(6)
        g = vals.groupby([sub[k].astype(str) for k in keys])
        lo, hi = g.transform("min"), g.transform("max")
        bad = vals.notna() & (lo != hi)
        for i in sub.index[bad.to_numpy()]:
            text = (f"the article also gives another {label} for {sub.at[i, 'subject']} on "
                    f"{sub.at[i, 'date']} ({lo[i]:g}{unit} vs {hi[i]:g}{unit})")
            notes[i] = text if notes[i] is None else f"{notes[i]}; {text}"
    return notes
