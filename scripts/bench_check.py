"""Benchmark the check stage: claims/s of ``check_claims`` on 10k/50k/200k realistic claims.

The claims are built from the real price data (seeded, deterministic): index, sector and asset moves
on 2025-2026 sessions of ^GSPC, ^IXIC, ^DJI, ^RUT, 000001.SS, BTC-USD and sector ETFs, over the
periods the extractor emits (1d, ytd, 5d, wtd, from_peak, intraday, record closes), about a third
of them perturbed so that contradicted rows (and their explanations) cost what they cost for real,
plus A-share boards, weekend dates, unknown subjects and percent / money rows.

Usage: python scripts/bench_check.py [--prices /work/shared/data/prices] [N ...]
Other scripts may ``from scripts.bench_check import bench_check`` (returns a dict per size).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor.checking.prices import load_prices  # noqa: E402
from extractor.checking.verdicts import check_claims  # noqa: E402

DEFAULT_PRICES = Path("/work/shared/data/prices")
if not DEFAULT_PRICES.is_dir():
    DEFAULT_PRICES = ROOT / "corpora" / "prices"
SUBJECTS = {"^GSPC": ("index_move", "S&P 500"), "^IXIC": ("index_move", "Nasdaq Composite"),
            "^DJI": ("index_move", "Dow"), "^RUT": ("index_move", "Russell 2000"),
            "000001.SS": ("index_move", "上证指数"), "BTC-USD": ("asset_move", "bitcoin"),
            "information technology": ("sector_move", "tech stocks"),
            "energy": ("sector_move", "energy shares"), "utilities": ("sector_move", "utilities")}
PERIODS = ["1d"] * 8 + ["ytd", "5d", "wtd", "from_peak", "intraday", "record"]


def make_claims(n: int, prices=DEFAULT_PRICES, seed: int = 7) -> pd.DataFrame:
    """``n`` claims: a pool of ~600 realistic ones repeated (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    frame = load_prices(prices)
    frame = frame[(frame["date"] >= "2023-06-01") & frame["subject"].isin(SUBJECTS)]
    frame = frame.sort_values(["subject", "date"]).reset_index(drop=True)
    g = frame.groupby("subject")["close"]
    bases = {"1d": g.shift(1), "5d": g.shift(5),
             "from_peak": g.rolling(252, min_periods=1).max().reset_index(level=0, drop=True)}
    for p, freq in (("ytd", "Y"), ("wtd", "W")):
        key = frame["date"].dt.to_period(freq).astype("int64")
        last = frame.assign(k=key).groupby(["subject", "k"])["close"].last()
        prior = last.groupby(level=0).shift(1).rename("b").reset_index()
        bases[p] = frame.assign(k=key).merge(prior, on=["subject", "k"], how="left")["b"]
    frame = frame.assign(prev=bases["1d"], **{f"base_{k}": v for k, v in bases.items()})
    frame = frame[frame["date"] >= "2025-01-02"].dropna(subset=["prev"])
    pool: list[dict] = []
    picks = frame.iloc[rng.choice(len(frame), size=min(480, len(frame)), replace=False)]
    for r in picks.itertuples(index=False):
        kind, name = SUBJECTS[r.subject]
        period = PERIODS[int(rng.integers(len(PERIODS)))]
        base = getattr(r, f"base_{period}", r.prev)
        pct = round((r.close / base - 1) * 100, 2)
        if rng.random() < 0.3:
            pct = round(pct + float(rng.choice([-0.4, 0.25, 0.8])), 2)
        zh = r.subject == "000001.SS"
        rec = dict(doc_id=f"bench/{r.subject}/{r.date:%Y%m%d}.txt", lang="zh" if zh else "en",
                   kind=kind, subject=r.subject, date=f"{r.date:%Y-%m-%d}", period=period,
                   approx=bool(rng.random() < 0.1), record_high=False, bound=None,
                   market="cn" if zh else "us")
        if period == "record":
            rec.update(period="1d", record_high=True, level=round(r.close, 2),
                       text=f"{name} closed at a record {r.close:,.2f}")
        elif period == "intraday":
            rec.update(level=round((r.high + r.low) / 2, 2) if np.isfinite(r.high) else round(r.close, 2),
                       text=f"{name} touched {r.close:,.2f} intraday")
        else:
            rec.update(change_pct=pct, text=f"{name} {'rose' if pct > 0 else 'fell'} {abs(pct):.2f}%")
            if kind == "index_move" and period == "1d":
                rec["level"] = round(r.close, 2)
                rec["text"] += f" to {r.close:,.2f}"
        pool.append(rec)
    for _ in range(40):  # A-share boards, weekends, unknown subjects
        pool.append(dict(doc_id="bench/zh_board.txt", lang="zh", kind="sector_move", subject="utilities",
                         market="cn", date="2026-02-05", period="1d", change_pct=1.2, text="公用事业板块涨1.2%"))
        pool.append(dict(doc_id="bench/weekend.txt", lang="en", kind="index_move", subject="^GSPC",
                         date="2026-02-07", period="1d", change_pct=0.5, text="S&P 500 rose 0.5%"))
        pool.append(dict(doc_id="bench/unknown.txt", lang="en", kind="asset_move", subject="NVDA",
                         date="2026-02-04", change_pct=-3.4, text="Nvidia fell 3.4%"))
    for k in range(60):
        pool.append(dict(doc_id="bench/macro.txt", lang="en", kind="percent", percent=2.5 + k / 10,
                         unit="%", text=f"inflation at {2.5 + k / 10:.1f}%"))
        pool.append(dict(doc_id="bench/money.txt", lang="zh", kind="money", amount=2e12 + k,
                         currency="USD", text="约2万亿美元"))
    base = pd.DataFrame(pool)
    idx = np.resize(np.arange(len(base)), n)
    out = base.iloc[idx].reset_index(drop=True)
    out["doc_id"] = out["doc_id"] + "#" + (np.arange(n) // len(base)).astype(str)
    return out


def bench_check(n: int, prices=DEFAULT_PRICES, repeat: int = 3) -> dict:
    """Time ``check_claims`` on ``n`` claims: cold (first call, loads prices) and best warm run."""
    claims = make_claims(n, prices)
    t0 = time.perf_counter()
    out = check_claims(claims, prices=str(prices))
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        check_claims(claims, prices=str(prices))
        warm.append(time.perf_counter() - t0)
    best = min(warm)
    counts = out["verdict"].value_counts().to_dict()
    return {"n": n, "cold_s": round(cold, 3), "warm_s": round(best, 3),
            "claims_per_s": round(n / best), "cold_claims_per_s": round(n / cold), "verdicts": counts}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 50_000, 200_000])
    ap.add_argument("--prices", default=str(DEFAULT_PRICES))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    for n in args.sizes:
        r = bench_check(n, Path(args.prices), args.repeat)
        print(f"{r['n']:>8} claims: {r['claims_per_s']:>9,} claims/s warm ({r['warm_s']:.3f} s), "
              f"{r['cold_claims_per_s']:>9,} cold ({r['cold_s']:.3f} s)  {r['verdicts']}")


if __name__ == "__main__":
    main()
