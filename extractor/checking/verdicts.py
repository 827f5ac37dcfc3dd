"""Verdicts: compare every move claim with the price series, all claims at once.

The hot path is vectorized: claims are located in the cached :class:`PriceTable` with one
``searchsorted``, bases come from the exchange calendar (previous session, last session of the
prior year/quarter/month/week, N sessions back, the from-peak window), comparisons are numpy; the
reason sentences are one pass over plain Python lists and only contradicted rows go through
:mod:`extractor.checking.explain`. Every unverifiable claim says why (no series, no date, outside
the data, not a trading day, no close for the base session, no intraday high/low, a non-US sector
board) - never a silent guess and never a comparison with an older row of a sparse file.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from extractor.checking import catalog
from extractor.checking.calendar import ALWAYS_OPEN
from extractor.checking.consistency import internal_consistency, repeated_figures
from extractor.checking.explain import explain_rows
from extractor.checking.table import PriceTable, price_table, session_days, to_days
from extractor.checking.tolerance import level_tolerance, pct_tolerance, stated_decimals, text_numbers
from extractor.claims.record import CHECK_COLUMNS, MOVE_KINDS

FIGURES = ["change_pct", "change_abs", "level", "from_level", "change_pct_low", "change_pct_high"]
EXTRA_COLUMNS = ["consistency"]
PERIODS = {"ytd": ("year to date", "Y"), "qtd": ("quarter to date", "Q"), "mtd": ("month to date", "M"),
           "wtd": ("week to date", "W")}
_NO_DAY = -(1 << 40)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fmt_level(x: float) -> str:
    return f"{x:.2f}" if abs(x) >= 1 else f"{x:.4f}"


def fmt_pct(x: float) -> str:
    return f"{x:+.2f}%".replace("-", "−")


def fmt_claim_pct(x: float, d: int | None = None) -> str:
    text = f"{x:+g}%" if d is None else f"{x:+.{int(d)}f}%"
    return text.replace("-", "−")


def fmt_claim(x: float, d: int) -> str:
    return f"{x:.{int(d)}f}".replace("-", "−")


def fmt_pts(x: float) -> str:
    return f"{x:+.2f}".replace("-", "−")


def day_strings(days) -> list[str]:
    """int days -> ISO dates ("" for missing); formats each distinct day once."""
    d = np.asarray(days, dtype="int64")
    if not len(d):
        return []
    uniq, inv = np.unique(d, return_inverse=True)
    ok = np.abs(uniq) < (1 << 30)
    text = np.datetime_as_string(np.where(ok, uniq, 0).astype("datetime64[D]"), unit="D").astype(object)
    text[~ok] = ""
    return text[inv.ravel()].tolist()


def _labels(col, lower: bool = False) -> np.ndarray:
    """A column as an object array of stripped strings ("" for missing), via its distinct values."""
    codes, uniq = pd.factorize(pd.Series(col, dtype=object), use_na_sentinel=True)
    u = [str(x).strip().lower() if lower else str(x).strip() for x in uniq] + [""]
    return np.asarray(u, dtype=object)[codes]


def _bool(col: pd.Series) -> np.ndarray:
    if col.dtype == bool:
        return col.to_numpy()
    return col.astype("string").str.strip().str.lower().isin(["true", "1", "1.0", "yes"]).to_numpy(bool)


def _days(col) -> np.ndarray:
    codes, uniq = pd.factorize(pd.Series(col, dtype=object), use_na_sentinel=True)
    parsed = pd.to_datetime(pd.Series([str(u)[:10] for u in uniq], dtype=object), format="%Y-%m-%d",
                            errors="coerce")
    udays = np.append(to_days(parsed.to_numpy(dtype="datetime64[ns]")), _NO_DAY)
    return udays[codes]


def _prepare(claims: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """A light frame of the figures (for the consistency notes) and plain arrays of the rest."""
    n = len(claims)
    get = lambda c: claims[c].to_numpy(dtype=object) if c in claims else np.full(n, None, dtype=object)  # noqa: E731
    num = lambda c: (pd.to_numeric(claims[c], errors="coerce").to_numpy("float64", na_value=np.nan)  # noqa: E731
                     if c in claims else np.full(n, np.nan))
    df = pd.DataFrame({c: num(c) for c in FIGURES})
    for c in ("doc_id", "subject", "date", "period"):
        df[c] = get(c)
    per = _labels(get("period"), lower=True)
    per[per == ""] = "1d"
    arr = {
        "kind": _labels(get("kind")), "subject": _labels(get("subject")), "period": per,
        "market": _labels(get("market"), lower=True), "lang": _labels(get("lang"), lower=True),
        "bound": _labels(get("bound")), "day": _days(get("date")),
        "record": _bool(pd.Series(get("record_high"))), "approx": _bool(pd.Series(get("approx"))),
    }
    return df, arr


def check_claims(claims: pd.DataFrame, prices=None, *, store=None,
                 default_window_days: int = 252) -> pd.DataFrame:
    """Return a copy of ``claims`` with CHECK_COLUMNS and ``consistency`` filled in.

    ``prices``: a folder/file path, a :class:`PriceStore`, a long price DataFrame, or None for
    ``store`` (a PriceStore or path) or the default store; the prepared table is cached per source.
    ``default_window_days`` is the from_peak/from_low window in sessions (252 = one trading year).
    Sector claims use the US sector ETF proxies only when ``market`` is "us", or missing with
    ``lang`` "en".
    """
    df, arr = _prepare(claims)
    n = len(df)
    res = {
        "verdict": np.full(n, None, dtype=object), "verdict_reason": np.full(n, None, dtype=object),
        "observed_change_pct": np.full(n, np.nan), "observed_level": np.full(n, np.nan),
        "observed_date": np.full(n, None, dtype=object), "price_series": np.full(n, None, dtype=object),
        "explanation": np.full(n, None, dtype=object),
    }
    moves = np.isin(arr["kind"], list(MOVE_KINDS))
    numbers = text_numbers(claims["text"]) if n and "text" in claims else None
    dec = {c: stated_decimals(df[c], numbers) for c in FIGURES}
    note = internal_consistency(df, dec)
    rep = repeated_figures(df, moves)
    consistency = note.where(note.notna(), rep)
    both = note.notna() & rep.notna()
    consistency[both] = note[both] + "; " + rep[both]

    has_fig = df[FIGURES].notna().any(axis=1).to_numpy() | arr["record"]
    market = moves & has_fig
    if market.any():
        _check_market(arr, df, np.flatnonzero(market), dec, res, prices, store, default_window_days)

    # internal inconsistency decides where the data could not
    cons = consistency.notna().to_numpy()
    fig_bad = note.notna().to_numpy()
    for i in np.flatnonzero(cons):
        reason = res["verdict_reason"][i]
        res["verdict_reason"][i] = (f"{reason.rstrip('.')}; internally inconsistent: {consistency[i]}."
                                    if reason else f"Internally inconsistent: {consistency[i]}.")
        if fig_bad[i] and res["verdict"][i] in (None, "unverifiable"):
            res["verdict"][i] = "contradicted"
    out = claims.copy()
    for c in CHECK_COLUMNS:
        dtype = "float64" if c.startswith("observed_") and c != "observed_date" else object
        out[c] = pd.Series(res[c], index=out.index, dtype=dtype)
    out["consistency"] = pd.Series([None if pd.isna(v) else v for v in consistency.to_numpy(dtype=object)],
                                  index=out.index, dtype=object)
    return out


def _unverifiable(res, rows, reasons) -> None:
    res["verdict"][rows] = "unverifiable"
    res["verdict_reason"][rows] = reasons


def _check_market(arr, df, rows, dec, res, prices, store, window) -> None:
    subj, kind = arr["subject"][rows], arr["kind"][rows]
    mkt, lang = arr["market"][rows], arr["lang"][rows]
    us = np.isin(mkt, list(catalog.sector_proxy_markets())) | (
        (mkt == "") & np.isin(lang, list(catalog.sector_proxy_langs())))
    gate = (kind == "sector_move") & ~us & (subj != "")
    if gate.any():
        _unverifiable(res, rows[gate], [
            f"No series for {catalog.sector_boards(m)} ({f'market {m}' if m else f'no market given, lang {la}'}); "
            f"US sector ETFs do not stand in for them." for m, la in zip(mkt[gate], lang[gate], strict=True)])
        rows, subj = rows[~gate], subj[~gate]
    if len(rows) == 0:
        return
    wanted = {s for s in set(subj) if s}
    wanted |= {catalog.canonical_subject(s) for s in wanted}
    wanted |= {sib for s in list(wanted) for sib in catalog.siblings(s)}
    pt, label = price_table(prices, store, wanted)
    if len(pt) == 0:
        _unverifiable(res, rows, f"No price data ({label}).")
        return
    resolved = {}
    for s in set(subj):
        code = pt.code.get(s, -1) if s else -1
        via_alias = False
        if code < 0 and s:
            alias = catalog.canonical_subject(s)
            if alias != s and alias in pt.code:
                code, via_alias = pt.code[alias], True
        resolved[s] = (code, via_alias)
    code = np.array([resolved[s][0] for s in subj], dtype="int64")
    alias = np.array([resolved[s][1] for s in subj], dtype=bool)
    day = arr["day"][rows]
    no_subj = subj == ""
    no_series = (code < 0) & ~no_subj
    no_date = (day == _NO_DAY) & ~no_subj & ~no_series
    if no_subj.any():
        _unverifiable(res, rows[no_subj], "No subject to look up.")
    if no_series.any():
        _unverifiable(res, rows[no_series], [f"No price series for {s}." for s in subj[no_series]])
    if no_date.any():
        _unverifiable(res, rows[no_date], [f"No date for this {s} claim, so no session to compare."
                                           for s in subj[no_date]])
    ok = ~(no_subj | no_series | no_date)
    rows, subj, code, day, alias = rows[ok], subj[ok], code[ok], day[ok], alias[ok]
    if len(rows) == 0:
        return
    at = pt.find(code, day)
    miss = at < 0
    if miss.any():
        _explain_missing(pt, rows[miss], subj[miss], code[miss], day[miss], res)
    hit = ~miss
    if hit.any():
        _compare(arr, df, pt, rows[hit], at[hit], subj[hit], code[hit], alias[hit], dec, res, window)


def _explain_missing(pt: PriceTable, rows, subj, code, day, res) -> None:
    first, last = pt.first_day[code], pt.last_day[code]
    outside = (day < first) | (day > last)
    cal = np.asarray(pt.calendar, dtype=object)[code]
    closed = np.zeros(len(rows), dtype=bool)
    for c in set(cal.tolist()):
        if c == ALWAYS_OPEN:
            continue
        sel = cal == c
        s = session_days(c)
        if len(s):
            d = day[sel]
            pos = np.minimum(np.searchsorted(s, d), len(s) - 1)
            closed[sel] = (d >= s[0]) & (d <= s[-1]) & (s[pos] != d)
    src = np.asarray(pt.source, dtype=object)[code]
    days, lo, hi = day_strings(day), day_strings(first), day_strings(last)
    wd = ((day + 3) % 7).tolist()
    reasons = []
    for i, s in enumerate(subj.tolist()):
        if outside[i]:
            reasons.append(f"{days[i]} is outside the data for {s} ({lo[i]} to {hi[i]}).")
        elif closed[i]:
            what = _WEEKDAYS[wd[i]] if wd[i] >= 5 else "a holiday"
            reasons.append(f"{days[i]} is not a trading day for {s} ({what}, {cal[i]} calendar).")
        else:
            reasons.append(f"No close for the session {days[i]} in {src[i]} (no {s} row for that day).")
    _unverifiable(res, rows, reasons)


def _period_start(day: np.ndarray, freq: str) -> np.ndarray:
    """First calendar day of the year / quarter / month / week (Monday) holding each day."""
    d = day.astype("datetime64[D]")
    if freq == "Y":
        return d.astype("datetime64[Y]").astype("datetime64[D]").astype("int64")
    if freq == "M":
        return d.astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    if freq == "Q":
        m = d.astype("datetime64[M]").astype("int64")
        return (m - m % 3).astype("datetime64[M]").astype("datetime64[D]").astype("int64")
    return day - (day + 3) % 7


def _sessions_back(cals: np.ndarray, day: np.ndarray, k: np.ndarray, before: bool) -> tuple[np.ndarray, np.ndarray]:
    """The session ``k`` sessions before ``day`` (``before``: the last session strictly before ``day``).

    Returns (days, known); known is False where the calendar does not cover the date.
    """
    out = np.full(len(day), _NO_DAY, dtype="int64")
    known = np.zeros(len(day), dtype=bool)
    for c in set(cals.tolist()):
        sel = cals == c
        d, kk = day[sel], k[sel]
        if c == ALWAYS_OPEN:
            out[sel], known[sel] = d - kk, True
            continue
        s = session_days(c)
        if not len(s):
            continue
        pos = np.searchsorted(s, d, "left") - kk
        good = (pos >= 0) & (d > s[0]) & (d <= s[-1] + (1 if before else 0))
        out[sel] = np.where(good, s[np.clip(pos, 0, len(s) - 1)], _NO_DAY)
        known[sel] = good
    return out, known


def _row_back(pt: PriceTable, at: np.ndarray, code: np.ndarray, k: np.ndarray) -> np.ndarray:
    back = at - k
    ok = (back >= 0) & (pt.subj[np.maximum(back, 0)] == code)
    return np.where(ok, back, -1)


def _bases(pt, per, at, code, window):
    """Base row, base day, what the base is and the method, per claim (calendar first)."""
    n = len(at)
    cal = np.asarray(pt.calendar, dtype=object)[code]
    day = pt.day[at]
    base_idx, base_day = pt.prev_idx[at].copy(), pt.prev_day[at].copy()
    what = np.full(n, "the previous session {}", dtype=object)
    method = np.full(n, "close-to-close", dtype=object)
    for p, (label, freq) in PERIODS.items():
        sel = per == p
        if not sel.any():
            continue
        start = _period_start(day[sel], freq)
        bd, known = _sessions_back(cal[sel], start, np.ones(sel.sum(), dtype="int64"), before=True)
        idx = pt.find(code[sel], bd)
        fallback = pt.first_at_or_after(code[sel], start) - 1
        fb_ok = (fallback >= 0) & (pt.subj[np.maximum(fallback, 0)] == code[sel])
        idx = np.where(known, idx, np.where(fb_ok, fallback, -1))
        base_idx[sel] = idx
        base_day[sel] = np.where(known, bd, np.where(fb_ok, pt.day[np.maximum(fallback, 0)], _NO_DAY))
        years = (start.astype("datetime64[D]").astype("datetime64[Y]").astype("int64") + 1969).tolist()
        what[sel] = ([f"the last session of {y} ({{}})" for y in years] if p == "ytd" else
                     f"the last session of the previous {dict(Q='quarter', M='month', W='week')[freq]} ({{}})")
        method[sel] = label
    codes, uniq = pd.factorize(per)
    nd = pd.Series(uniq, dtype=object).str.extract(r"^(\d+)d$")[0].astype("float64").to_numpy()[codes]
    sel = np.isfinite(nd) & (nd > 1)
    if sel.any():
        k = nd[sel].astype("int64")
        bd, known = _sessions_back(cal[sel], day[sel], k, before=False)
        rb = _row_back(pt, at[sel], code[sel], k)
        base_idx[sel] = np.where(known, pt.find(code[sel], bd), rb)
        base_day[sel] = np.where(known, bd, np.where(rb >= 0, pt.day[np.maximum(rb, 0)], _NO_DAY))
        what[sel] = [f"the session {int(x)} sessions back ({{}})" for x in k]
        method[sel] = [f"over {int(x)} sessions" for x in k]
    for p, kind in (("from_peak", "max"), ("from_low", "min")):
        sel = per == p
        if not sel.any():
            continue
        m = sel.sum()
        first, known = _sessions_back(cal[sel], day[sel], np.full(m, window - 1, dtype="int64"), before=False)
        rb = _row_back(pt, at[sel], code[sel], np.full(m, window - 1, dtype="int64"))
        starts = np.searchsorted(pt.subj, code[sel], "left")
        lo = np.where(known, pt.first_at_or_after(code[sel], first), np.where(rb >= 0, rb, starts))
        lo = np.minimum(np.maximum(lo, starts), at[sel])
        idx = pt.range_extreme(lo, at[sel], kind)
        base_idx[sel], base_day[sel] = idx, pt.day[idx]
        method[sel] = f"from the {window}-session {'high' if kind == 'max' else 'low'}"
    method[per == "intraday"] = "intraday"
    return base_idx, base_day, what, method


def _compare(arr, df, pt: PriceTable, rows, at, subj, code, alias, dec, res, window) -> None:
    n = len(rows)
    per = arr["period"][rows]
    base_idx, base_day, what, method = _bases(pt, per, at, code, window)
    close = pt.close[at]
    high, low, prev = pt.high[at], pt.low[at], pt.prev_close[at]
    base = np.where(base_idx >= 0, pt.close[np.maximum(base_idx, 0)], np.nan)
    intraday = per == "intraday"
    with np.errstate(invalid="ignore", divide="ignore"):
        obs_pct = (close / base - 1) * 100
        obs_abs = close - base
    proxy_of = {s: catalog.is_proxy(s) for s in set(subj.tolist())}
    adjusted_of = [catalog.is_proxy(s) for s in pt.subjects]
    proxy = np.array([proxy_of[s] for s in subj], dtype=bool) & ~alias
    adjusted = np.asarray(adjusted_of, dtype=bool)[code]
    approx = arr["approx"][rows]
    bound = arr["bound"][rows]
    fig = {c: df[c].to_numpy("float64")[rows] for c in FIGURES}
    d = {c: dec[c][rows] for c in FIGURES}
    pct, lvl, ab, frm = fig["change_pct"], fig["level"], fig["change_abs"], fig["from_level"]
    lo, hi = fig["change_pct_low"], fig["change_pct_high"]
    tp = pct_tolerance(pct, d["change_pct"], approx, proxy)
    exact = np.full(n, 6)  # a bound ("more than 10%") is a threshold, not a rounded figure
    tpb = pct_tolerance(pct, exact, approx, proxy)
    have_hl = np.isfinite(high) & np.isfinite(low)
    nan = np.full(n, np.nan)
    rec = arr["record"][rows]
    pmax = pt.prior_max[at]
    with np.errstate(invalid="ignore"):
        diff = np.abs(obs_pct - pct)
        same_sign = np.sign(obs_pct) == np.sign(pct)
        pct_ok = np.where(bound == "at_least", same_sign & (np.abs(obs_pct) >= np.abs(pct) - tpb),
                 np.where(bound == "at_most", (np.abs(obs_pct) <= np.abs(pct) + tpb)
                          & (same_sign | (np.abs(obs_pct) <= tpb)), diff <= tp))
        implied = prev * (1 + pct / 100)
        tol_pts = prev * tp / 100
        pct_ok = np.where(intraday, (implied >= low - tol_pts) & (implied <= high + tol_pts), pct_ok)
        pct_res = np.where(np.isfinite(pct) & np.where(intraday, np.isfinite(implied) & have_hl,
                                                       np.isfinite(obs_pct)), pct_ok, nan)
        tr = pct_tolerance(np.maximum(np.abs(lo), np.abs(hi)), np.minimum(d["change_pct_low"],
                           d["change_pct_high"]), approx, proxy)
        rng_res = np.where(np.isfinite(lo + hi + obs_pct), (obs_pct >= lo - tr) & (obs_pct <= hi + tr), nan)
        tl = level_tolerance(lvl, d["level"], approx)
        tlb = level_tolerance(lvl, exact, approx)
        lvl_plain = np.where(np.isfinite(pct) | (bound == ""), np.abs(close - lvl) <= tl,
                    np.where(bound == "at_least", close >= lvl - tlb, close <= lvl + tlb))
        lvl_ok = np.where(intraday, (lvl >= low - tl) & (lvl <= high + tl), lvl_plain)
        lvl_res = np.where(np.isfinite(lvl) & ~adjusted & (~intraday | have_hl), lvl_ok, nan)
        ta = level_tolerance(ab, d["change_abs"], approx)
        abs_res = np.where(np.isfinite(ab + obs_abs) & ~adjusted & ~intraday, np.abs(obs_abs - ab) <= ta, nan)
        tf = level_tolerance(frm, d["from_level"], approx)
        frm_res = np.where(np.isfinite(frm + base) & ~adjusted, np.abs(base - frm) <= tf, nan)
        rec_res = np.where(rec & np.isfinite(pmax), close > pmax, nan)
    checks = np.vstack([pct_res, rng_res, lvl_res, abs_res, frm_res, rec_res])
    failed = (checks == 0).any(axis=0)
    passed = (checks == 1).any(axis=0)
    # a figure that needed a base close nobody has: the claim cannot be supported on the rest alone
    needs_base = np.where(intraday, np.isfinite(pct) & ~np.isfinite(prev) & have_hl,
                          (np.isfinite(pct) | np.isfinite(lo + hi) | (np.isfinite(ab) & ~adjusted)
                           | (np.isfinite(frm) & ~adjusted)) & ~np.isfinite(base))
    verdict = np.where(failed, "contradicted", np.where(passed & ~needs_base, "supported",
                                                        "unverifiable")).astype(object)
    src = np.asarray(pt.source, dtype=object)[code]
    series = np.asarray(pt.series, dtype=object)[code]
    res["verdict"][rows] = verdict
    res["observed_change_pct"][rows] = np.round(obs_pct, 4)
    res["observed_level"][rows] = close
    res["observed_date"][rows] = day_strings(pt.day[at])
    res["price_series"][rows] = src
    bad = np.flatnonzero(failed)
    if len(bad):
        ctx = {"at": at[bad], "subject": subj[bad].tolist(), "pct": pct[bad], "lvl": lvl[bad], "tp": tp[bad],
               "tl": tl[bad], "dl": d["level"][bad], "pct_fail": pct_res[bad] == 0,
               "lvl_fail": lvl_res[bad] == 0, "rng_fail": rng_res[bad] == 0, "rec_fail": rec_res[bad] == 0,
               "lo": lo[bad], "hi": hi[bad], "obs_abs": obs_abs[bad]}
        res["explanation"][rows[bad]] = explain_rows(pt, ctx)
    res["verdict_reason"][rows] = _reasons(
        n=n, at=at, base_idx=base_idx, subj=subj, day=pt.day[at], per=per, bound=bound, src=src, series=series, proxy=proxy,
        adjusted=adjusted, intraday=intraday, approx=approx, rec=rec, have_hl=have_hl, fig=fig, d=d,
        close=close, base=base, base_day=base_day, what=what, method=method, obs_pct=obs_pct,
        obs_abs=obs_abs, prev=prev, prev_day=pt.prev_day[at], implied=implied, low=low, high=high,
        pmax=pmax, pmax_day=pt.day[np.maximum(pt.prior_max_idx[at], 0)], lvl_res=lvl_res,
        rec_res=rec_res, checks=checks, failed=failed, passed=passed, verdict=verdict,
        needs_base=needs_base)


def _shared_facts(a: dict) -> tuple[list, list]:
    """The data-side phrases that depend only on the rows compared, formatted once per distinct row.

    Claims cluster on a few sessions (every wrap quotes the same closes), so the move fact
    ("close-to-close from A (date) to B is x% (y points)") is keyed by (session row, base row,
    method) and the close by its row.
    """
    n = a["n"]
    at, base_idx = np.asarray(a["at"], dtype="int64"), np.asarray(a["base_idx"], dtype="int64")
    std = ~np.asarray(a["intraday"], dtype=bool) & np.isfinite(a["base"])
    move_fact: list = [None] * n
    if std.any():
        rows = np.flatnonzero(std)
        methods = np.asarray(a["method"], dtype=object)
        mcode, _ = pd.factorize(methods[rows])
        key = np.stack([at[rows], base_idx[rows], mcode])
        _, first, inv = np.unique(key, axis=1, return_index=True, return_inverse=True)
        src = rows[first]
        text = [f"{m}{' ' if m.startswith('from') else ' from '}{fmt_level(b)} ({bd}) to {fmt_level(c)} "
                f"is {fmt_pct(p)} ({fmt_pts(q)} points)"
                for m, b, bd, c, p, q in zip(methods[src].tolist(), a["base"][src].tolist(),
                                             day_strings(a["base_day"][src]), a["close"][src].tolist(),
                                             a["obs_pct"][src].tolist(), a["obs_abs"][src].tolist(), strict=True)]
        for i, j in zip(rows.tolist(), np.asarray(inv).ravel().tolist(), strict=True):
            move_fact[i] = text[j]
    uniq, first, inv = np.unique(at, return_index=True, return_inverse=True)
    close_text = [fmt_level(x) for x in np.asarray(a["close"])[first].tolist()]
    return move_fact, [close_text[j] for j in np.asarray(inv).ravel().tolist()]


_NAMES = ["change", "range", "level", "point change", "starting level", "record close"]


def _reasons(**a) -> list[str]:
    """One sentence per compared claim: what was claimed, what the data says, what held."""
    L = lambda x: np.asarray(x).tolist()  # noqa: E731
    fig, d = a["fig"], a["d"]
    pct, lo, hi, ab, lvl, frm = (L(fig[c]) for c in ("change_pct", "change_pct_low", "change_pct_high",
                                                      "change_abs", "level", "from_level"))
    dp, dlo, dhi, da, dl, dfr = (L(d[c]) for c in ("change_pct", "change_pct_low", "change_pct_high",
                                                    "change_abs", "level", "from_level"))
    close, prev = L(a["close"]), L(a["prev"])
    implied, low, high, pmax = (L(a[k]) for k in ("implied", "low", "high", "pmax"))
    lvl_res, rec_res = L(a["lvl_res"]), L(a["rec_res"])
    subj, per, bound, src, series = (L(a[k]) for k in ("subj", "per", "bound", "src", "series"))
    what, verdict = L(a["what"]), L(a["verdict"])
    proxy, adjusted, intraday, approx, rec, have_hl = (L(a[k]) for k in (
        "proxy", "adjusted", "intraday", "approx", "rec", "have_hl"))
    needs_base = L(a["needs_base"])
    day_s, base_s, prev_s, pmax_s = (day_strings(a[k]) for k in ("day", "base_day", "prev_day", "pmax_day"))
    mixed = a["failed"] & a["passed"]
    checks = a["checks"]
    held = {i: [_NAMES[k] for k in range(6) if checks[k, i] == 1] for i in np.flatnonzero(mixed | (
        a["passed"] & a["needs_base"]))}
    fail = {i: [_NAMES[k] for k in range(6) if checks[k, i] == 0] for i in np.flatnonzero(mixed)}
    fin = math.isfinite
    move_fact, close_s = _shared_facts(a)
    f_pct, f_ab, f_lvl, f_frm = (np.isfinite(fig[c]).tolist() for c in ("change_pct", "change_abs", "level",
                                                                          "from_level"))
    f_rng = (np.isfinite(fig["change_pct_low"]) & np.isfinite(fig["change_pct_high"])).tolist()
    out = []
    for i in range(a["n"]):
        claimed = []
        if f_pct[i]:
            claimed.append(("intraday " if intraday[i] else "") + fmt_claim_pct(pct[i], dp[i]))
        if f_rng[i]:
            claimed.append(f"{fmt_claim_pct(lo[i], dlo[i])} to {fmt_claim_pct(hi[i], dhi[i])}")
        if f_ab[i]:
            claimed.append(f"{'+' if ab[i] > 0 else ''}{fmt_claim(ab[i], da[i])} points")
        if f_lvl[i]:
            claimed.append(f"{'intraday level' if intraday[i] else 'close'} {fmt_claim(lvl[i], dl[i])}")
        if f_frm[i]:
            claimed.append(f"from {'about ' if approx[i] else ''}{fmt_claim(frm[i], dfr[i])}")
        if rec[i]:
            claimed.append("a record close")
        head = f"Claimed {' and '.join(claimed)} for {subj[i]} on {day_s[i]}"
        if bound[i]:
            head += f" ({bound[i].replace('_', ' ')})"
        facts = []
        if f_pct[i] or f_rng[i] or f_ab[i] or f_frm[i]:
            if move_fact[i] is not None:
                facts.append(move_fact[i])
            elif intraday[i]:
                if not have_hl[i]:
                    facts.append(f"{src[i]} has no intraday high/low for that day")
                elif fin(prev[i]):
                    facts.append(f"from the previous close {fmt_level(prev[i])} that is "
                                 f"{fmt_level(implied[i]) if fin(implied[i]) else 'n/a'}, the day's "
                                 f"range was {fmt_level(low[i])}–{fmt_level(high[i])}")
                else:
                    facts.append(f"no close for the previous session {prev_s[i]} in {src[i]}")
            elif base_s[i]:
                facts.append(f"no close for {what[i].format(base_s[i])} in {src[i]}")
            else:
                facts.append(f"there is no base close for '{per[i]}' in {src[i]}")
        if f_lvl[i]:
            if adjusted[i]:
                facts.append("a level is not checked against an adjusted ETF series")
            elif intraday[i] and not have_hl[i]:
                if not facts:
                    facts.append(f"{src[i]} has no intraday high/low for that day")
            elif intraday[i]:
                if not fin(pct[i]):
                    facts.append(f"the day's range was {fmt_level(low[i])}–{fmt_level(high[i])}")
            else:
                gap = abs(close[i] - lvl[i])
                near = f", within {gap:.2f} points of the claim" if lvl_res[i] == 1 and gap >= 0.005 else ""
                facts.append(f"the close was {close_s[i]}{near}")
        if rec[i]:
            if fin(pmax[i]):
                facts.append(f"the close {close_s[i]} {'tops' if rec_res[i] == 1 else 'does not top'} "
                             f"the earlier record close {fmt_level(pmax[i])} ({pmax_s[i]})")
            else:
                facts.append(f"{src[i]} has no earlier closes to compare")
        via = f"{src[i]}, proxy {series[i]}" if proxy[i] else src[i]
        text = f"{head}; {', and '.join(facts)} ({via})"
        if i in fail:
            h, f = held[i], fail[i]
            text += (f": the {' and '.join(h)} {'hold' if len(h) > 1 else 'holds'} but the "
                     f"{' and '.join(f)} {'fail' if len(f) > 1 else 'fails'}")
        elif verdict[i] == "unverifiable":
            if needs_base[i] and i in held:
                h = held[i]
                text += f": the {' and '.join(h)} {'hold' if len(h) > 1 else 'holds'} but the rest cannot be checked"
            else:
                text += ": nothing could be compared"
        out.append(text + ".")
    return out
