"""Name the reading that fits a contradicted figure.

Real articles get moves wrong in a few recurring ways: open-to-close instead of close-to-close,
an intraday snapshot (a figure between the day's low and high), the previous or next session,
a sibling index (Nasdaq 100 for the Composite, S&P 500 for the Dow), points taken for percent, or
a level with one digit changed. We try them in that order of specificity and name the first that
fits; None when none does. Previous / next sessions come from the exchange calendar (the table's
links), never from a neighbouring row of a sparse file. Every reading is tested on all rows at
once; only the chosen one is formatted.
"""

from __future__ import annotations

import numpy as np

from extractor.checking import catalog
from extractor.checking.table import PriceTable


def _lv(x: float) -> str:
    return f"{x:.2f}" if abs(x) >= 1 else f"{x:.4f}"


def _pc(x: float) -> str:
    return f"{x:+.2f}%".replace("-", "−")


def one_digit_apart(claimed: float, actual: float, decimals: int) -> bool:
    """Whether two levels written at ``decimals`` differ in exactly one digit (48163.29 / 48063.29)."""
    if not (np.isfinite(claimed) and np.isfinite(actual)):
        return False
    a, b = f"{claimed:.{int(decimals)}f}", f"{actual:.{int(decimals)}f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _first(conds: list[np.ndarray], n: int) -> np.ndarray:
    """Index of the first true condition per row (-1 when none holds)."""
    if not conds:
        return np.full(n, -1)
    stack = np.vstack(conds)
    return np.where(stack.any(axis=0), stack.argmax(axis=0), -1)


def _take(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """values[idx] with NaN where idx < 0."""
    return np.where(idx >= 0, values[np.maximum(idx, 0)], np.nan)


def explain_rows(pt: PriceTable, ctx: dict) -> list[str | None]:
    """One explanation (or None) per contradicted row described by ``ctx`` arrays."""
    at = np.asarray(ctx["at"])
    n = len(at)
    o, c, hi, lo = pt.open[at], pt.close[at], pt.high[at], pt.low[at]
    prev = pt.prev_close[at]
    before, after = pt.prev_idx[at], pt.next_idx[at]
    subjects = ctx["subject"]
    uniq = {s: catalog.siblings(s) for s in set(subjects)}
    names = {sib: (catalog.series_info(sib).name if catalog.series_info(sib) else sib)
             for sibs in uniq.values() for sib in sibs}
    width = max((len(x) for x in uniq.values()), default=0)
    sib_name = [np.array([uniq[s][k] if len(uniq[s]) > k else "" for s in subjects], dtype=object)
                for k in range(width)]
    sib_at = [pt.find(np.array([pt.code.get(x, -1) for x in sn.tolist()], dtype="int64"), pt.day[at])
              for sn in sib_name]
    claimed, tp, tl, lvl = ctx["pct"], ctx["tp"], ctx["tl"], ctx["lvl"]
    rng = ctx["rng_fail"]
    low = np.where(rng, ctx["lo"] - tp, claimed - tp)
    high = np.where(rng, ctx["hi"] + tp, claimed + tp)
    with np.errstate(invalid="ignore", divide="ignore"):
        def fits(v):
            return np.isfinite(v) & (low <= v) & (v <= high)

        def near(v):
            return np.isfinite(v) & (np.abs(v - lvl) <= tl)

        oc = np.where(np.isfinite(o) & (o != 0), (c / o - 1) * 100, np.nan)
        day_b, day_a = _take(pt.day_pct, before), _take(pt.day_pct, after)
        sib_day = [_take(pt.day_pct, j) for j in sib_at]
        sib_close = [_take(pt.close, j) for j in sib_at]
        implied = prev * (1 + claimed / 100)
        snap = np.isfinite(implied) & np.isfinite(lo) & np.isfinite(hi) & (
            lo - prev * tp / 100 <= implied) & (implied <= hi + prev * tp / 100)
        sib_fit = _first([fits(v) for v in sib_day], n)
        move = _first([fits(oc), fits(day_b), fits(day_a), sib_fit >= 0, fits(ctx["obs_abs"]), snap], n)
        move = np.where(ctx["pct_fail"] | rng, move, -1)
        close_b, close_a = _take(pt.close, before), _take(pt.close, after)
        sib_near = _first([near(v) for v in sib_close], n)
        level = _first([near(close_b), near(close_a), near(o), sib_near >= 0], n)
        level = np.where(ctx["lvl_fail"], level, -1)
        in_range = np.isfinite(lo) & (lo - tl <= lvl) & (lvl <= hi + tl)
        pmax = pt.prior_max[at]
        record = ctx["rec_fail"] & np.isfinite(hi) & (hi > pmax)
    day_s = lambda j: str(np.datetime64(int(pt.day[j]), "D"))  # noqa: E731
    out: list[str | None] = [None] * n
    for i in np.flatnonzero((move >= 0) | ctx["lvl_fail"] | record).tolist():
        parts = []
        m = move[i]
        if m == 0:
            parts.append(f"matches the open-to-close move ({_lv(o[i])} → {_lv(c[i])} is {_pc(oc[i])})")
        elif m == 1:
            parts.append(f"matches the previous session's move ({day_s(before[i])}: {_pc(day_b[i])})")
        elif m == 2:
            parts.append(f"matches the next session's move ({day_s(after[i])}: {_pc(day_a[i])})")
        elif m == 3:
            k = sib_fit[i]
            sib = sib_name[k][i]
            parts.append(f"matches the {names[sib]} ({sib}) close-to-close move ({_pc(sib_day[k][i])})")
        elif m == 4:
            parts.append(f"matches the point change ({ctx['obs_abs'][i]:+.2f} points), not a percentage")
        elif m == 5:
            parts.append(f"fits an intraday snapshot ({_pc(claimed[i])} from the previous close "
                         f"{_lv(prev[i])} is {_lv(implied[i])}, inside the day's range "
                         f"{_lv(lo[i])}–{_lv(hi[i])})")
        if ctx["lvl_fail"][i]:
            k = level[i]
            if k == 0:
                parts.append(f"the level matches the previous session's close ({day_s(before[i])})")
            elif k == 1:
                parts.append(f"the level matches the next session's close ({day_s(after[i])})")
            elif k == 2:
                parts.append(f"the level matches the day's open ({_lv(o[i])})")
            elif k == 3:
                s = sib_near[i]
                sib = sib_name[s][i]
                parts.append(f"the level matches the {names[sib]} ({sib}) close ({_lv(sib_close[s][i])})")
            elif one_digit_apart(lvl[i], c[i], ctx["dl"][i]):
                parts.append(f"the level differs from the close {_lv(c[i])} in one digit "
                             f"({lvl[i] - c[i]:+.2f} points): a typo or an altered figure")
            elif in_range[i]:
                parts.append(f"the level is an intraday level (inside the day's range {_lv(lo[i])}–{_lv(hi[i])})")
        if record[i]:
            parts.append(f"the intraday high {_lv(hi[i])} topped the record close {_lv(pmax[i])}, the close did not")
        out[i] = "; ".join(parts) if parts else None
    return out
