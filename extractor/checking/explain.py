"""Name the reading that fits a contradicted figure.

Real articles get moves wrong in a few recurring ways: open-to-close instead of close-to-close,
an intraday snapshot (a figure between the day's low and high), the previous or next session,
a sibling index (Nasdaq 100 for the Composite, S&P 500 for the Dow) or points taken for percent.
We try them in that order of specificity and name the first that fits; None when none does.
Runs only over contradicted rows, so a plain loop is fine here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from extractor.checking import catalog


def _lv(x: float) -> str:
    return f"{x:.2f}" if abs(x) >= 1 else f"{x:.4f}"


def _pc(x: float) -> str:
    return f"{x:+.2f}%".replace("-", "−")


def explain_rows(ctx: dict) -> list[str | None]:
    t: pd.DataFrame = ctx["t"]
    subj_col = t["subject"].to_numpy(dtype=object)
    date_col = t["date"].to_numpy()
    o, c, hi, lo = (t[k].to_numpy("float64") for k in ("open", "close", "high", "low"))
    prev, day = t["prev_close"].to_numpy("float64"), t["day_pct"].to_numpy("float64")
    key = pd.MultiIndex.from_arrays([t["subject"], t["date"]])
    n_rows = len(t)
    pmax = t["prior_max"].to_numpy("float64")
    at = np.asarray(ctx["at"])
    sib_lists = [catalog.siblings(s) for s in ctx["subject"]]
    width = max((len(x) for x in sib_lists), default=0)
    sib_at = []
    for k in range(width):
        names = [x[k] if len(x) > k else "" for x in sib_lists]
        sib_at.append(key.get_indexer(pd.MultiIndex.from_arrays([pd.Index(names, dtype=object),
                                                                  pd.DatetimeIndex(date_col[at])])))
    out: list[str | None] = []
    for i, a in enumerate(at):
        s = ctx["subject"][i]
        claimed, tp, tl = ctx["pct"][i], ctx["tp"][i], ctx["tl"][i]
        if ctx["rng_fail"][i]:
            low, high = ctx["lo"][i] - tp, ctx["hi"][i] + tp
        else:
            low, high = claimed - tp, claimed + tp

        def fits(v: float, low=low, high=high) -> bool:
            return bool(np.isfinite(v) and low <= v <= high)

        sibs = []
        for k, sib in enumerate(sib_lists[i]):
            j = sib_at[k][i]
            if j >= 0:
                info = catalog.series_info(sib)
                sibs.append((sib, info.name if info else sib, j))
        before = a - 1 if a > 0 and subj_col[a - 1] == s else -1
        after = a + 1 if a + 1 < n_rows and subj_col[a + 1] == s else -1
        parts = []
        if ctx["pct_fail"][i] or ctx["rng_fail"][i]:
            oc = (c[a] / o[a] - 1) * 100 if np.isfinite(o[a]) and o[a] else np.nan
            implied = prev[a] * (1 + claimed / 100) if np.isfinite(claimed) else np.nan
            if fits(oc):
                parts.append(f"matches the open-to-close move ({_lv(o[a])} → {_lv(c[a])} is {_pc(oc)})")
            elif before >= 0 and fits(day[before]):
                parts.append(f"matches the previous session's move ({str(date_col[before])[:10]}: "
                             f"{_pc(day[before])})")
            elif after >= 0 and fits(day[after]):
                parts.append(f"matches the next session's move ({str(date_col[after])[:10]}: {_pc(day[after])})")
            elif any(fits(day[j]) for _, _, j in sibs):
                sib, name, j = next(x for x in sibs if fits(day[x[2]]))
                parts.append(f"matches the {name} ({sib}) close-to-close move ({_pc(day[j])})")
            elif fits(ctx["obs_abs"][i]):
                parts.append(f"matches the point change ({ctx['obs_abs'][i]:+.2f} points), not a percentage")
            elif np.isfinite(implied) and np.isfinite(lo[a]) and np.isfinite(hi[a]) and (
                    lo[a] - prev[a] * tp / 100 <= implied <= hi[a] + prev[a] * tp / 100):
                parts.append(f"fits an intraday snapshot ({_pc(claimed)} from the previous close "
                             f"{_lv(prev[a])} is {_lv(implied)}, inside the day's range "
                             f"{_lv(lo[a])}–{_lv(hi[a])})")
        if ctx["lvl_fail"][i]:
            v = ctx["lvl"][i]

            def near(x: float, v=v, tl=tl) -> bool:
                return bool(np.isfinite(x) and abs(x - v) <= tl)

            if before >= 0 and near(c[before]):
                parts.append(f"the level matches the previous session's close ({str(date_col[before])[:10]})")
            elif after >= 0 and near(c[after]):
                parts.append(f"the level matches the next session's close ({str(date_col[after])[:10]})")
            elif near(o[a]):
                parts.append(f"the level matches the day's open ({_lv(o[a])})")
            elif any(near(c[j]) for _, _, j in sibs):
                sib, name, j = next(x for x in sibs if near(c[x[2]]))
                parts.append(f"the level matches the {name} ({sib}) close ({_lv(c[j])})")
            elif np.isfinite(lo[a]) and lo[a] - tl <= v <= hi[a] + tl:
                parts.append(f"the level is an intraday level (inside the day's range {_lv(lo[a])}–{_lv(hi[a])})")
        if ctx["rec_fail"][i]:
            pm = pmax[a]
            if np.isfinite(hi[a]) and hi[a] > pm:
                parts.append(f"the intraday high {_lv(hi[a])} topped the record close {_lv(pm)}, the close did not")
        out.append("; ".join(parts) if parts else None)
    return out
