"""1d, level, change_abs, ytd, Nd, from_peak, record_high, intraday and sector-proxy checks.

True figures are computed here straight from the shared CSVs; claims built with them must be
supported and perturbed ones contradicted, in an English-like and a Chinese-like record.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _shared import SHARED

from extractor.checking.prices import load_prices
from extractor.checking.verdicts import check_claims

PRICES = SHARED / "data/prices"


@pytest.fixture(scope="module")
def csv() -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("GSPC", "000001.SS", "XLK", "BTC-USD"):
        df = pd.read_csv(PRICES / f"{name}.csv", parse_dates=["date"]).set_index("date")
        out[name] = df
    return out


@pytest.fixture(scope="module")
def prices() -> pd.DataFrame:
    return load_prices([PRICES / f for f in ("GSPC.csv", "000001.SS.csv", "XLK.csv", "BTC-USD.csv")])


def truths(df: pd.DataFrame, day: str) -> dict:
    close = df["close"]
    i = close.index.get_loc(pd.Timestamp(day))
    d = pd.Timestamp(day)
    prior_year = close[close.index < pd.Timestamp(f"{d.year}-01-01")].iloc[-1]
    window = close.iloc[max(0, i - 251): i + 1]
    return {
        "close": close.iloc[i], "prev": close.iloc[i - 1],
        "pct": round((close.iloc[i] / close.iloc[i - 1] - 1) * 100, 2),
        "abs": round(close.iloc[i] - close.iloc[i - 1], 2),
        "ytd": round((close.iloc[i] / prior_year - 1) * 100, 2),
        "5d": round((close.iloc[i] / close.iloc[i - 5] - 1) * 100, 2),
        "peak": round((close.iloc[i] / window.max() - 1) * 100, 2),
        "record": bool(close.iloc[i] > close.iloc[:i].max()),
        "low": df["low"].iloc[i], "high": df["high"].iloc[i],
    }


CASES = [("en", "^GSPC", "GSPC", "2025-04-09", "S&P 500"), ("en", "^GSPC", "GSPC", "2025-03-10", "S&P 500"),
         ("zh", "000001.SS", "000001.SS", "2025-10-09", "上证指数"),
         ("zh", "000001.SS", "000001.SS", "2025-04-07", "上证指数")]


def records(lang, subject, name, day, t):
    def rec(**kw):
        base = dict(doc_id=f"{lang}-{day}", lang=lang, kind="index_move", subject=subject, date=day,
                    period="1d", approx=False, record_high=False, text=f"{name} {kw.get('change_pct', '')}")
        base.update(kw)
        return base

    level = round(t["close"], 2)
    mid = round((t["low"] + t["high"]) / 2, 2)
    return [
        rec(change_pct=t["pct"], level=level, change_abs=t["abs"]),   # 1d + level + points
        rec(change_pct=t["ytd"], period="ytd"),
        rec(change_pct=t["5d"], period="5d"),
        rec(change_pct=t["peak"], period="from_peak"),
        rec(level=mid, period="intraday"),
        rec(record_high=True),
    ]


def perturb(rows):
    out = [dict(r) for r in rows]
    out[0]["change_pct"] += 0.3 if out[0]["change_pct"] < 0 else -0.3
    out[1]["change_pct"] += 1.0
    out[2]["change_pct"] -= 0.5
    out[3]["change_pct"] -= 2.0
    out[4]["level"] = round(rows[0]["level"] * 1.2, 2)  # far outside the day's range
    return out


@pytest.mark.parametrize("lang,subject,file,day,name", CASES)
def test_true_figures_supported_perturbed_contradicted(csv, prices, lang, subject, file, day, name):
    t = truths(csv[file], day)
    rows = records(lang, subject, name, day, t)
    out = check_claims(pd.DataFrame(rows), prices)
    expect_record = "supported" if t["record"] else "contradicted"
    assert list(out.verdict) == ["supported"] * 5 + [expect_record], list(out.verdict_reason)
    assert out.observed_level[0] == pytest.approx(t["close"])
    assert "year to date" in out.verdict_reason[1]
    assert "over 5 sessions" in out.verdict_reason[2]
    assert "252-session high" in out.verdict_reason[3]
    bad = check_claims(pd.DataFrame(perturb(rows)), prices)
    assert list(bad.verdict[:5]) == ["contradicted"] * 5, list(bad.verdict_reason)


def test_record_high_true_case(csv, prices):
    closes = csv["GSPC"]["close"]
    recs = closes[(closes > closes.cummax().shift(1)) & (closes.index >= "2025-01-01")]
    day = str(recs.index[0].date())
    out = check_claims(pd.DataFrame([dict(kind="index_move", subject="^GSPC", date=day, record_high=True,
                                          text="S&P 500 closed at a record", lang="en")]), prices)
    assert out.verdict[0] == "supported"


def test_tolerance_follows_precision_and_approx(csv, prices):
    t = truths(csv["GSPC"], "2025-04-09")  # +9.52%
    base = dict(kind="index_move", subject="^GSPC", date="2025-04-09", lang="en")
    rows = [dict(base, change_pct=9.5, text="rose 9.5%"),            # ±0.05+0.01: holds
            dict(base, change_pct=9.4, text="rose 9.4%"),            # off by 0.12: fails
            dict(base, change_pct=9.4, approx=True, text="rose about 9.4%"),   # approx widens
            dict(base, change_pct=9.0, bound="at_least", text="rose more than 9%"),
            dict(base, change_pct=10.0, bound="at_least", text="rose more than 10%"),
            dict(base, change_pct_low=9.0, change_pct_high=10.0, text="rose 9 to 10 percent"),
            dict(base, level=round(t["close"]), approx=True, text=f"about {round(t['close'])}")]
    out = check_claims(pd.DataFrame(rows), prices)
    assert list(out.verdict) == ["supported", "contradicted", "supported", "supported", "contradicted",
                                 "supported", "supported"], list(out.verdict_reason)


def test_sector_proxy_and_asset(csv, prices):
    xlk = csv["XLK"]["close"]
    pct = round((xlk.loc["2025-04-09"] / xlk.loc["2025-04-08"] - 1) * 100, 2)
    btc = truths(csv["BTC-USD"], "2025-06-07")  # a Saturday: BTC trades 24/7
    rows = [dict(kind="sector_move", subject="information technology", date="2025-04-09", change_pct=pct,
                 text=f"科技板块上涨{pct}%", lang="zh", market="us"),
            dict(kind="sector_move", subject="information technology", date="2025-04-09",
                 change_pct=pct - 1, text="tech", lang="en"),
            dict(kind="asset_move", subject="BTC-USD", date="2025-06-07", change_pct=btc["pct"],
                 text=f"比特币上涨{btc['pct']}%", lang="zh"),
            dict(kind="sector_move", subject="semiconductors", date="2025-04-09", change_pct=5.0,
                 text="chips", lang="en")]
    out = check_claims(pd.DataFrame(rows), prices)
    assert list(out.verdict) == ["supported", "contradicted", "supported", "unverifiable"]
    assert "proxy XLK" in out.verdict_reason[0]


def test_intraday_without_high_low_says_so(prices):
    ndx = load_prices(PRICES / "NDX.csv")
    row = dict(kind="index_move", subject="^NDX", date="2026-02-06", level=25000.0, period="intraday",
               text="纳斯达克100指数盘中一度跌至25000点", lang="zh")
    out = check_claims(pd.DataFrame([row]), ndx)
    assert out.verdict[0] == "unverifiable"
    assert "no intraday high/low" in out.verdict_reason[0]
