"""Verdicts on the real 2026-02 seed claims against /work/shared/data/prices."""

from __future__ import annotations

import pandas as pd
import pytest
from _shared import SHARED

from extractor.checking.prices import load_prices
from extractor.checking.verdicts import check_claims
from extractor.claims.record import CHECK_COLUMNS

PRICES = SHARED / "data/prices"
FILES = ["IXIC.csv", "NDX.csv", "GSPC.csv", "DJI.csv", "RUT.csv"]


@pytest.fixture(scope="module")
def prices() -> pd.DataFrame:
    return load_prices([PRICES / f for f in FILES])


def claim(**kw):
    base = dict(doc_id="000_0091997cf9910f11.txt", lang="zh", kind="index_move", period="1d",
                approx=False, record_high=False, change_pct=None, level=None, from_level=None,
                change_abs=None, bound=None)
    base.update(kw)
    return base


SEED_000 = [
    claim(text="纳斯达克综合指数下跌1.35%,收于约22904.58点", subject="^IXIC", date="2026-02-04",
          change_pct=-1.35, level=22904.58, approx=True),
    claim(text="标普500指数下跌0.60%,收于约6882.71点", subject="^GSPC", date="2026-02-04",
          change_pct=-0.6, level=6882.71, approx=True),
    claim(text="罗素2000指数下跌1.24%,收于约2624.55点", subject="^RUT", date="2026-02-04",
          change_pct=-1.24, level=2624.55, approx=True),
    claim(text="道琼斯工业平均指数上涨0.36%,收于49501.31点", subject="^DJI", date="2026-02-04",
          change_pct=0.36, level=49501.31),
]
OPEN_TO_CLOSE = {"^IXIC": "23217.02 → 22904.58", "^GSPC": "6924.50 → 6882.72",
                 "^RUT": "2657.45 → 2624.55", "^DJI": "49323.59 → 49501.30"}


def test_seed_000_levels_hold_percentages_are_open_to_close(prices):
    out = check_claims(pd.DataFrame(SEED_000), prices)
    for c in CHECK_COLUMNS + ["consistency"]:
        assert c in out
    for row in out.itertuples():
        assert row.verdict == "contradicted", row.verdict_reason
        assert "the level holds but the change fails" in row.verdict_reason
        assert row.explanation.startswith("matches the open-to-close move")
        assert OPEN_TO_CLOSE[row.subject] in row.explanation
        assert row.observed_date == "2026-02-04"
        assert row.price_series.endswith(".csv")
    ixic = out.iloc[0]
    assert ixic.observed_level == pytest.approx(22904.58)
    assert ixic.observed_change_pct == pytest.approx(-1.5077, abs=1e-3)
    assert "close-to-close from 23255.19 (2026-02-03) to 22904.58 is −1.51%" in ixic.verdict_reason
    assert "within 0.01 points" in out.iloc[1].verdict_reason  # 6882.71 vs 6882.72


def test_seed_000_inconsistent_from_level_is_flagged(prices):
    c = claim(text="纳斯达克综合指数从约23255点下跌1.35%,收于22904.58点", subject="^IXIC",
              date="2026-02-04", change_pct=-1.35, level=22904.58, from_level=23255.0, approx=True)
    out = check_claims(pd.DataFrame([c]), prices)
    row = out.iloc[0]
    assert "22941" in row.consistency and "not 22904.58" in row.consistency
    assert "internally inconsistent" in row.verdict_reason
    assert row.verdict == "contradicted"
    # with no price data at all the arithmetic alone contradicts it
    out = check_claims(pd.DataFrame([c]), prices.iloc[0:0])
    assert out.iloc[0].verdict == "contradicted"
    assert "No price data" in out.iloc[0].verdict_reason and "22941" in out.iloc[0].verdict_reason
    # a consistent one is not flagged
    ok = dict(c, change_pct=-1.51, from_level=23255.19)
    assert check_claims(pd.DataFrame([ok]), prices).iloc[0].consistency is None


def test_seed_000_altered_figures_contradicted(prices):
    rows = [dict(SEED_000[0], change_pct=-1.51, level=22904.58, approx=False),  # true figures
            dict(SEED_000[0], change_pct=-1.51, level=22994.58, approx=False),  # level altered
            dict(SEED_000[3], change_pct=0.53, level=49501.31),
            dict(SEED_000[3], change_pct=0.73, level=49501.31)]
    out = check_claims(pd.DataFrame(rows), prices)
    assert list(out.verdict) == ["supported", "contradicted", "supported", "contradicted"]
    assert "the change holds but the level fails" in out.iloc[1].verdict_reason


def test_seed_002_record_high_and_intraday_snapshots(prices):
    rows = [claim(doc_id="002", text="Dow Jones工业平均指数创下历史新高", subject="^DJI", date="2026-02-06",
                  record_high=True),
            claim(doc_id="002", text="Dow Jones工业平均指数创下历史新高", subject="^DJI", date="2026-02-05",
                  record_high=True),
            claim(doc_id="002", text="S&P 500指数1.78%的涨幅", subject="^GSPC", date="2026-02-06", change_pct=1.78),
            claim(doc_id="002", text="Nasdaq 100指数1.98%的涨幅", subject="^NDX", date="2026-02-06", change_pct=1.98)]
    out = check_claims(pd.DataFrame(rows), prices)
    assert out.iloc[0].verdict == "supported"
    assert "49590.20 (2026-01-12)" in out.iloc[0].verdict_reason
    assert out.iloc[1].verdict == "contradicted"
    assert out.iloc[2].verdict == "contradicted"
    assert out.iloc[2].explanation.startswith("fits an intraday snapshot")
    assert out.iloc[3].verdict == "contradicted"  # NDX has no high/low: nothing to name
    assert out.iloc[3].explanation is None


def test_unverifiable_reasons(prices):
    rows = [claim(text="FTSE 100 fell 1%", lang="en", subject="^FTSE", date="2026-02-04", change_pct=-1.0),
            claim(text="纳指下跌1.35%", subject="^IXIC", date=None, change_pct=-1.35),
            claim(text="纳指下跌1.35%", subject="^IXIC", date="2026-02-07", change_pct=-1.35),
            claim(text="纳指下跌1.35%", subject="^IXIC", date="2026-02-16", change_pct=-1.35),
            claim(text="纳指下跌1.35%", subject="^IXIC", date="2031-01-06", change_pct=-1.35),
            dict(claim(text="5%", kind="percent", subject="margin"), percent=5.0)]
    out = check_claims(pd.DataFrame(rows), prices)
    assert list(out.verdict[:5]) == ["unverifiable"] * 5
    assert out.verdict_reason[0] == "No price series for ^FTSE."
    assert "No date" in out.verdict_reason[1]
    assert "not a trading day" in out.verdict_reason[2] and "Saturday" in out.verdict_reason[2]
    assert "not a trading day" in out.verdict_reason[3] and "holiday" in out.verdict_reason[3]
    assert "outside the data" in out.verdict_reason[4]
    assert out.verdict[5] is None and out.verdict_reason[5] is None


def test_no_price_data_anywhere(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCLAIMS_STORE", str(tmp_path / "none.duckdb"))
    out = check_claims(pd.DataFrame(SEED_000[:1]))
    assert out.iloc[0].verdict == "unverifiable"
    assert out.iloc[0].verdict_reason.startswith("No price data")


def test_repeated_figure_in_one_article_flagged(prices):
    rows = [SEED_000[0], dict(SEED_000[0], change_pct=-1.5, text="纳指下跌1.5%", level=None)]
    out = check_claims(pd.DataFrame(rows), prices)
    assert all("-1.5% vs -1.35%" in c or "-1.35% vs -1.5%" in c for c in out.consistency)
