"""Name the reading that fits a contradicted figure.

Real articles get moves wrong in a few recurring ways: open-to-close instead of close-to-close,
an intraday snapshot (a figure between the day's low and high), the previous or next session,
a sibling index (Nasdaq 100 for the Composite, S&P 500 for the Dow), points taken for percent, or
a level with one digit changed. We try them in that order of specificity and name the first that
fits; None when none does. Previous / next sessions come from the exchange calendar (the table's
links), never from a neighbouring row of a sparse file. Runs only over contradicted rows.
"""

from __future__ import annotations

import numpy as np

from extractor.checking import catalog
from extractor.checking.table import PriceTable


def _lv(x: float) -> str:
    return f"{x:.2f}" if abs(x) >= 1 else f"{x:.4f}"


def _pc(x: float) -> str:
    return f"{x:+.2f}%".replace("-", "−")


def _day(pt: PriceTable, j: int) -> str:
    return str(np.datetime64(int(pt.day[j]), "D"))


def one_digit_apart(claimed: float, actual: float, decimals: int) -> bool:
    """Whether two levels written at ``decimals`` differ in exactly one digit (48163.29 / 48063.29)."""
    a, b = f"{claimed:.{int(decimals)}f}", f"{actual:.{int(decimals)}f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def explain_rows(pt: PriceTable, ctx: dict) -> list[str | None]:
    """One explanation (or None) per contradicted row described by ``ctx`` arrays."""
    o, c, hi, lo = pt.open, pt.close, pt.high, pt.low
    prev, day = pt.prev_close, pt.day_pct
    at = np.asarray(ctx["at"])
    subjects = ctx["subject"]
    uniq = {s: catalog.siblings(s) for s in set(subjects)}
    names = {sib: (catalog.series_info(sib).name if catalog.series_info(sib) else sib)
             for sibs in uniq.values() for sib in sibs}
    sib_lists = [uniq[s] for s in subjects]
    days = pt.day[at]
    sib_at = [pt.find(np.array([pt.code.get(x[k], -1) if len(x) > k else -1 for x in sib_lists], dtype="int64"),
                      days) for k in range(max((len(x) for x in uniq.values()), default=0))]
    out: list[str | None] = []
    for i, a in enumerate(at):
        claimed, tp, tl = ctx["pct"][i], ctx["tp"][i], ctx["tl"][i]
        if ctx["rng_fail"][i]:
            low, high = ctx["lo"][i] - tp, ctx["hi"][i] + tp
        else:
            low, high = claimed - tp, claimed + tp

        def fits(v: float, low=low, high=high) -> bool:
            return bool(np.isfinite(v) and low <= v <= high)

        sibs = [(sib, names[sib], int(sib_at[k][i])) for k, sib in enumerate(sib_lists[i]) if sib_at[k][i] >= 0]
        before, after = int(pt.prev_idx[a]), int(pt.next_idx[a])
        parts = []
        if ctx["pct_fail"][i] or ctx["rng_fail"][i]:
            oc = (c[a] / o[a] - 1) * 100 if np.isfinite(o[a]) and o[a] else np.nan
            implied = prev[a] * (1 + claimed / 100) if np.isfinite(claimed) else np.nan
            if fits(oc):
                parts.append(f"matches the open-to-close move ({_lv(o[a])} → {_lv(c[a])} is {_pc(oc)})")
            elif before >= 0 and fits(day[before]):
                parts.append(f"matches the previous session's move ({_day(pt, before)}: {_pc(day[before])})")
            elif after >= 0 and fits(day[after]):
                parts.append(f"matches the next session's move ({_day(pt, after)}: {_pc(day[after])})")
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
                parts.append(f"the level matches the previous session's close ({_day(pt, before)})")
            elif after >= 0 and near(c[after]):
                parts.append(f"the level matches the next session's close ({_day(pt, after)})")
            elif near(o[a]):
                parts.append(f"the level matches the day's open ({_lv(o[a])})")
            elif any(near(c[j]) for _, _, j in sibs):
                sib, name, j = next(x for x in sibs if near(c[x[2]]))
                parts.append(f"the level matches the {name} ({sib}) close ({_lv(c[j])})")
            elif one_digit_apart(v, c[a], ctx["dl"][i]):
                parts.append(f"the level differs from the close {_lv(c[a])} in one digit "
                             f"({v - c[a]:+.2f} points): a typo or an altered figure")
            elif np.isfinite(lo[a]) and lo[a] - tl <= v <= hi[a] + tl:
                parts.append(f"the level is an intraday level (inside the day's range {_lv(lo[a])}–{_lv(hi[a])})")
        if ctx["rec_fail"][i]:
            pm = pt.prior_max[a]
            if np.isfinite(hi[a]) and hi[a] > pm:
                parts.append(f"the intraday high {_lv(hi[a])} topped the record close {_lv(pm)}, the close did not")
        out.append("; ".join(parts) if parts else None)
    return out
