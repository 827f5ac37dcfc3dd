"""Verdicts: compare every move claim with the price series, all claims at once.

The hot path is a merge of the claims with a per-session table on (subject, date) plus vectorized
comparisons; only the reason strings are formatted row by row and only contradicted rows go through
:mod:`extractor.checking.explain`. Every unverifiable claim says why (no series, no date, outside
the data, not a trading day, no base close, no intraday high/low) - never a silent guess.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from extractor.checking import catalog
from extractor.checking.calendar import ALWAYS_OPEN, sessions
from extractor.checking.consistency import internal_consistency, repeated_figures
from extractor.checking.explain import explain_rows
from extractor.checking.store import resolve_prices
from extractor.checking.table import (
    PERIOD_KEYS,
    add_extremes,
    add_period_base,
    extreme_dates,
    session_table,
)
from extractor.checking.tolerance import (
    level_tolerance,
    pct_tolerance,
    stated_decimals,
    text_numbers,
)
from extractor.claims.record import CHECK_COLUMNS, MOVE_KINDS

FIGURES = ["change_pct", "change_abs", "level", "from_level", "change_pct_low", "change_pct_high"]
EXTRA_COLUMNS = ["consistency"]
_NAT = np.datetime64("NaT", "ns")


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


def fmt_date(d) -> str:
    return "" if pd.isna(d) else str(pd.Timestamp(d).date())


def _dates(values) -> list[str]:
    text = np.datetime_as_string(np.asarray(values, dtype="datetime64[ns]"), unit="D")
    return ["" if v == "NaT" else v for v in text.tolist()]


def _bool(col: pd.Series) -> np.ndarray:
    if col.dtype == bool:
        return col.to_numpy()
    return col.map(lambda v: v is True or (isinstance(v, str) and v.strip().lower() in ("true", "1"))
                   or (isinstance(v, int | float | np.bool_) and not pd.isna(v) and bool(v))).to_numpy(bool)


def _prepare(claims: pd.DataFrame) -> pd.DataFrame:
    df = claims.reset_index(drop=True).copy()
    for c in ["kind", "subject", "date", "period", "bound", "text", "doc_id", "record_high", "approx"] + FIGURES:
        if c not in df:
            df[c] = None
    for c in FIGURES:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df["_date"] = pd.to_datetime(df["date"].astype("string").str.slice(0, 10), format="%Y-%m-%d",
                                 errors="coerce").astype("datetime64[ns]")
    per = df["period"].astype("string").str.strip().str.lower().fillna("1d")
    df["_period"] = per.mask(per == "", "1d")
    df["_record"] = _bool(df["record_high"])
    df["_approx"] = _bool(df["approx"])
    df["_bound"] = df["bound"].astype("string").fillna("")
    df["_subject"] = df["subject"].astype("string")
    return df


def check_claims(claims: pd.DataFrame, prices=None, *, store=None,
                 default_window_days: int = 252) -> pd.DataFrame:
    """Return a copy of ``claims`` with CHECK_COLUMNS and ``consistency`` filled in.

    ``prices``: a folder/file path, a :class:`PriceStore`, a long price DataFrame, or None for
    ``store`` (a PriceStore or path) or the default store. ``default_window_days`` is the
    from_peak/from_low window in sessions (252 = one trading year) when the claim states none.
    """
    df = _prepare(claims)
    n = len(df)
    res = {
        "verdict": np.full(n, None, dtype=object), "verdict_reason": np.full(n, None, dtype=object),
        "observed_change_pct": np.full(n, np.nan), "observed_level": np.full(n, np.nan),
        "observed_date": np.full(n, None, dtype=object), "price_series": np.full(n, None, dtype=object),
        "explanation": np.full(n, None, dtype=object),
    }
    kind = df["kind"].astype("string").fillna("")
    moves = kind.isin(MOVE_KINDS).to_numpy()
    numbers = text_numbers(df["text"]) if n else None
    dec = {c: stated_decimals(df[c], numbers) for c in FIGURES}
    note = internal_consistency(df, dec)
    rep = repeated_figures(df, moves)
    consistency = note.where(note.notna(), rep)
    both = note.notna() & rep.notna()
    consistency[both] = note[both] + "; " + rep[both]

    has_fig = df[FIGURES].notna().any(axis=1).to_numpy() | df["_record"].to_numpy()
    market = moves & has_fig
    if market.any():
        _check_market(df, np.flatnonzero(market), dec, res, prices, store, default_window_days)

    # internal inconsistency decides where the data could not
    cons = consistency.notna().to_numpy()
    fig_bad = note.notna().to_numpy()
    undecided = np.array([v in (None, "unverifiable") for v in res["verdict"]])
    for i in np.flatnonzero(cons):
        reason = res["verdict_reason"][i]
        res["verdict_reason"][i] = (f"{reason.rstrip('.')}; internally inconsistent: {consistency[i]}."
                                    if reason else f"Internally inconsistent: {consistency[i]}.")
        if fig_bad[i] and undecided[i]:
            res["verdict"][i] = "contradicted"
    out = claims.copy()
    for c in CHECK_COLUMNS:
        dtype = "float64" if c.startswith("observed_") and c != "observed_date" else object
        out[c] = pd.Series(res[c], index=out.index, dtype=dtype)
    out["consistency"] = pd.Series([None if pd.isna(v) else v for v in consistency.to_numpy(dtype=object)],
                                  index=out.index, dtype=object)
    return out


def _unverifiable(res, rows, reasons):
    res["verdict"][rows] = "unverifiable"
    res["verdict_reason"][rows] = reasons


def _check_market(df, rows, dec, res, prices, store, window) -> None:
    subj = df["_subject"].to_numpy(dtype=object)[rows]
    wanted = {s for s in subj if isinstance(s, str)}
    wanted |= {sib for s in list(wanted) for sib in catalog.siblings(s)}
    frame, label = resolve_prices(prices, store, wanted)
    if frame.empty:
        _unverifiable(res, rows, f"No price data ({label}).")
        return
    t = session_table(frame, wanted)
    known = set(t["subject"].unique())
    dates = df["_date"].to_numpy()[rows]
    # subject / date problems first
    no_subj = np.array([not isinstance(s, str) for s in subj])
    no_series = np.array([isinstance(s, str) and s not in known for s in subj])
    no_date = pd.isna(dates) & ~no_subj & ~no_series
    if no_subj.any():
        _unverifiable(res, rows[no_subj], "No subject to look up.")
    for i in np.flatnonzero(no_series):
        _unverifiable(res, rows[i], f"No price series for {subj[i]}.")
    for i in np.flatnonzero(no_date):
        _unverifiable(res, rows[i], f"No date for this {subj[i]} claim, so no session to compare.")
    ok = ~(no_subj | no_series | no_date)
    rows, subj, dates = rows[ok], subj[ok], dates[ok]
    if len(rows) == 0:
        return
    key = pd.MultiIndex.from_arrays([t["subject"], t["date"]])
    at = key.get_indexer(pd.MultiIndex.from_arrays([pd.Index(subj, dtype=object), pd.DatetimeIndex(dates)]))
    _explain_missing(df, t, rows[at < 0], subj[at < 0], dates[at < 0], res)
    hit = at >= 0
    _compare(df, t, rows[hit], at[hit], dec, res, window)


def _explain_missing(df, t, rows, subj, dates, res) -> None:
    if len(rows) == 0:
        return
    span = t.groupby("subject")["date"].agg(["min", "max"])
    for code in {catalog.calendar_code(s) for s in subj}:
        sel = np.array([catalog.calendar_code(s) == code for s in subj])
        sess = sessions(code) if code != ALWAYS_OPEN else None
        for i in np.flatnonzero(sel):
            s, d = subj[i], pd.Timestamp(dates[i])
            lo, hi = span.loc[s, "min"], span.loc[s, "max"]
            day = d.date().isoformat()
            if d < lo or d > hi:
                why = f"{day} is outside the data for {s} ({lo.date()} to {hi.date()})."
            elif sess is not None and len(sess) and sess[0] <= d <= sess[-1] and d not in sess:
                what = d.day_name() if d.weekday() >= 5 else "a holiday"
                why = f"{day} is not a trading day for {s} ({what}, {code} calendar)."
            else:
                why = f"No price row for {s} on {day}."
            _unverifiable(res, rows[i], why)


def _compare(df, t, rows, at, dec, res, window) -> None:
    if len(rows) == 0:
        return
    g = df.iloc[rows]
    per = g["_period"].to_numpy(dtype=object)
    col = {c: t[c].to_numpy()[at] for c in ("open", "high", "low", "close", "prev_close", "prior_max")}
    close = col["close"]
    base = col["prev_close"].astype("float64").copy()
    base_date = t["prev_date"].to_numpy()[at].copy()
    method = np.full(len(rows), "close-to-close", dtype=object)
    for p in PERIOD_KEYS:
        sel = per == p
        if sel.any():
            add_period_base(t, p)
            base[sel] = t[f"{p}_base"].to_numpy()[at[sel]]
            base_date[sel] = t[f"{p}_date"].to_numpy()[at[sel]]
            method[sel] = {"ytd": "year to date", "qtd": "quarter to date", "mtd": "month to date",
                           "wtd": "week to date"}[p]
    nd = pd.Series(per).str.extract(r"^(\d+)d$")[0].astype("float64").to_numpy()
    sel = np.isfinite(nd) & (nd > 1)
    if sel.any():
        back = at[sel] - nd[sel].astype(int)
        same = (back >= 0) & (t["subject"].to_numpy()[np.maximum(back, 0)] == t["subject"].to_numpy()[at[sel]])
        b, bd = np.full(sel.sum(), np.nan), np.full(sel.sum(), _NAT)
        b[same] = t["close"].to_numpy()[back[same]]
        bd[same] = t["date"].to_numpy()[back[same]]
        base[sel], base_date[sel] = b, bd
        method[sel] = [f"over {int(k)} sessions" for k in nd[sel]]
    for p, c in (("from_peak", "peak"), ("from_low", "trough")):
        sel = per == p
        if sel.any():
            add_extremes(t, window)
            base[sel] = t[c].to_numpy()[at[sel]]
            base_date[sel] = extreme_dates(t, at[sel], c, window)
            method[sel] = f"from the {window}-session {'high' if c == 'peak' else 'low'}"
    intraday = per == "intraday"
    method[intraday] = "intraday"
    with np.errstate(invalid="ignore", divide="ignore"):
        obs_pct = (close / base - 1) * 100
        obs_abs = close - base

    proxy = np.array([catalog.is_proxy(s) for s in g["_subject"]])
    approx = g["_approx"].to_numpy()
    bound = g["_bound"].to_numpy(dtype=object)
    r = lambda c: g[c].to_numpy(dtype="float64")  # noqa: E731
    d = lambda c: dec[c][rows]  # noqa: E731
    pct, lvl, ab, frm, lo, hi = (r(c) for c in ("change_pct", "level", "change_abs", "from_level",
                                               "change_pct_low", "change_pct_high"))
    tp = pct_tolerance(pct, d("change_pct"), approx, proxy)
    exact = np.full(len(rows), 6)  # a bound ("more than 10%") is a threshold, not a rounded figure
    tpb = pct_tolerance(pct, exact, approx, proxy)
    have_hl = np.isfinite(col["high"]) & np.isfinite(col["low"])
    nan = np.full(len(rows), np.nan)
    with np.errstate(invalid="ignore"):
        # percentage
        diff = np.abs(obs_pct - pct)
        pct_ok = np.where(bound == "at_least", (np.sign(obs_pct) == np.sign(pct)) & (np.abs(obs_pct) >= np.abs(pct) - tpb),
                 np.where(bound == "at_most", (np.abs(obs_pct) <= np.abs(pct) + tpb)
                          & ((np.sign(obs_pct) == np.sign(pct)) | (np.abs(obs_pct) <= tpb)), diff <= tp))
        implied = col["prev_close"] * (1 + pct / 100)
        tol_pts = col["prev_close"] * tp / 100
        intra_pct_ok = (implied >= col["low"] - tol_pts) & (implied <= col["high"] + tol_pts)
        pct_ok = np.where(intraday, intra_pct_ok, pct_ok)
        pct_res = np.where(np.isfinite(pct) & np.isfinite(obs_pct) & (~intraday | have_hl), pct_ok, nan)
        # range of moves
        tr = pct_tolerance(np.maximum(np.abs(lo), np.abs(hi)), np.minimum(d("change_pct_low"),
                           d("change_pct_high")), approx, proxy)
        rng_res = np.where(np.isfinite(lo + hi + obs_pct), (obs_pct >= lo - tr) & (obs_pct <= hi + tr), nan)
        # level
        tl = level_tolerance(lvl, d("level"), approx)
        tlb = level_tolerance(lvl, exact, approx)
        lvl_plain = np.where(np.isfinite(pct) | (bound == ""), np.abs(close - lvl) <= tl,
                    np.where(bound == "at_least", close >= lvl - tlb, close <= lvl + tlb))
        lvl_ok = np.where(intraday, (lvl >= col["low"] - tl) & (lvl <= col["high"] + tl), lvl_plain)
        lvl_res = np.where(np.isfinite(lvl) & ~proxy & (~intraday | have_hl), lvl_ok, nan)
        ta = level_tolerance(ab, d("change_abs"), approx)
        abs_res = np.where(np.isfinite(ab + obs_abs) & ~proxy & ~intraday, np.abs(obs_abs - ab) <= ta, nan)
        tf = level_tolerance(frm, d("from_level"), approx)
        frm_res = np.where(np.isfinite(frm + base) & ~proxy, np.abs(base - frm) <= tf, nan)
        rec = g["_record"].to_numpy()
        rec_res = np.where(rec & np.isfinite(col["prior_max"]), close > col["prior_max"], nan)
    checks = np.vstack([pct_res, rng_res, lvl_res, abs_res, frm_res, rec_res])
    failed = (checks == 0).any(axis=0)
    passed = (checks == 1).any(axis=0)
    verdict = np.where(failed, "contradicted", np.where(passed, "supported", "unverifiable")).astype(object)

    src = t["source"].to_numpy(dtype=object)[at]
    series = t["series"].to_numpy(dtype=object)[at]
    prior_date = t["prior_max_date"].to_numpy()[at]
    res["verdict"][rows] = verdict
    res["observed_change_pct"][rows] = np.round(obs_pct, 4)
    res["observed_level"][rows] = close
    res["observed_date"][rows] = _dates(t["date"].to_numpy()[at])
    res["price_series"][rows] = src
    names = ["change", "range", "level", "point change", "starting level", "record close"]
    subj = g["_subject"].to_numpy(dtype=object)
    day = g["_date"].to_numpy()
    dp, dlo, dhi, da, dl, df_ = (d(c) for c in ("change_pct", "change_pct_low", "change_pct_high",
                                                "change_abs", "level", "from_level"))
    bad = np.flatnonzero(failed)
    if len(bad):
        ctx = {"t": t, "at": at[bad], "pct": pct[bad], "lvl": lvl[bad], "ab": ab[bad],
               "tp": tp[bad], "tl": tl[bad], "pct_fail": pct_res[bad] == 0, "lvl_fail": lvl_res[bad] == 0,
               "rng_fail": rng_res[bad] == 0, "rec_fail": rec_res[bad] == 0, "lo": lo[bad], "hi": hi[bad],
               "subject": subj[bad], "obs_pct": obs_pct[bad], "obs_abs": obs_abs[bad]}
        res["explanation"][rows[bad]] = explain_rows(ctx)
    mixed = failed & passed
    bad_at = {i: [names[k] for k in range(len(names)) if checks[k, i] == 0] for i in np.flatnonzero(mixed)}
    ok_at = {i: [names[k] for k in range(len(names)) if checks[k, i] == 1] for i in np.flatnonzero(mixed)}
    day_s = _dates(day)
    base_s = _dates(base_date)
    prior_s = _dates(prior_date)
    low_, high_, prev_ = col["low"].tolist(), col["high"].tolist(), col["prev_close"].tolist()
    pmax_ = col["prior_max"].tolist()
    (pct, lo, hi, ab, lvl, frm, close, base, obs_pct, obs_abs, implied, lvl_res, rec_res) = (
        np.asarray(x, dtype="float64").tolist() for x in (pct, lo, hi, ab, lvl, frm, close, base, obs_pct,
                                                           obs_abs, implied, lvl_res, rec_res))
    rec, intraday, proxy, have_hl, approx = (np.asarray(x, dtype=bool).tolist() for x in (
        rec, intraday, proxy, have_hl, approx))
    dp, dlo, dhi, da, dl, df_ = (np.asarray(x).tolist() for x in (dp, dlo, dhi, da, dl, df_))
    verdict_l = verdict.tolist()
    fin = math.isfinite
    reasons = []
    for i in range(len(rows)):
        claimed = []
        if fin(pct[i]):
            claimed.append(("intraday " if intraday[i] else "") + fmt_claim_pct(pct[i], dp[i]))
        if fin(lo[i] + hi[i]):
            claimed.append(f"{fmt_claim_pct(lo[i], dlo[i])} to {fmt_claim_pct(hi[i], dhi[i])}")
        if fin(ab[i]):
            claimed.append(f"{'+' if ab[i] > 0 else ''}{fmt_claim(ab[i], da[i])} points")
        if fin(lvl[i]):
            claimed.append(f"{'intraday level' if intraday[i] else 'close'} {fmt_claim(lvl[i], dl[i])}")
        if fin(frm[i]):
            claimed.append(f"from {'about ' if approx[i] else ''}{fmt_claim(frm[i], df_[i])}")
        if rec[i]:
            claimed.append("a record close")
        head = f"Claimed {' and '.join(claimed)} for {subj[i]} on {day_s[i]}"
        if bound[i]:
            head += f" ({bound[i].replace('_', ' ')})"
        via = f"{src[i]}" + (f", proxy {series[i]}" if proxy[i] else "")
        facts = []
        if fin(pct[i] if not fin(lo[i]) else lo[i]) or fin(ab[i]) or fin(frm[i]):
            if intraday[i]:
                if have_hl[i]:
                    facts.append(f"from the previous close {fmt_level(prev_[i])} that is "
                                 f"{fmt_level(implied[i]) if fin(implied[i]) else 'n/a'}, the day's "
                                 f"range was {fmt_level(low_[i])}–{fmt_level(high_[i])}")
                else:
                    facts.append(f"{src[i]} has no intraday high/low for that day")
            elif fin(base[i]):
                facts.append(f"{method[i]} from {fmt_level(base[i])} ({base_s[i]}) to "
                             f"{fmt_level(close[i])} is {fmt_pct(obs_pct[i])} "
                             f"({fmt_pts(obs_abs[i])} points)")
            else:
                facts.append(f"there is no base close for '{per[i]}' in {src[i]}")
        if fin(lvl[i]):
            if proxy[i]:
                facts.append("a level is not checked against a proxy ETF")
            elif intraday[i] and not have_hl[i]:
                if not facts:
                    facts.append(f"{src[i]} has no intraday high/low for that day")
            elif intraday[i]:
                if not fin(pct[i]):
                    facts.append(f"the day's range was {fmt_level(low_[i])}–{fmt_level(high_[i])}")
            else:
                gap = abs(close[i] - lvl[i])
                near = f", within {gap:.2f} points of the claim" if lvl_res[i] == 1 and gap >= 0.005 else ""
                facts.append(f"the close was {fmt_level(close[i])}{near}")
        if rec[i]:
            if fin(pmax_[i]):
                facts.append(f"the close {fmt_level(close[i])} {'tops' if rec_res[i] == 1 else 'does not top'} "
                             f"the earlier record close {fmt_level(col['prior_max'][i])} "
                             f"({prior_s[i]})")
            else:
                facts.append(f"{src[i]} has no earlier closes to compare")
        text = f"{head}; {', and '.join(facts)} ({via})"
        if i in bad_at:
            held, fail = ok_at[i], bad_at[i]
            text += f": the {' and '.join(held)} {'hold' if len(held) > 1 else 'holds'} but the " \
                    f"{' and '.join(fail)} {'fail' if len(fail) > 1 else 'fails'}"
        elif verdict_l[i] == "unverifiable":
            text += ": nothing could be compared"
        reasons.append(text + ".")
    res["verdict_reason"][rows] = reasons

