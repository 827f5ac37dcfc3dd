"""Sector claims and markets: US sector ETFs answer only for US sectors.

An A-share board (公用事业 in an A-share wrap) must not be checked against XLU; a Chinese report of
the US session may be, once its claims say market "us". English claims without a market are US.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from extractor.checking.verdicts import check_claims

PRICES = Path(__file__).resolve().parents[1] / "corpora" / "prices"
XLU = pd.read_csv(PRICES / "XLU.csv").set_index("date")["close"]
PCT = round((XLU["2025-04-09"] / XLU["2025-04-08"] - 1) * 100, 2)  # +3.94


def sector(lang, market, **kw):
    row = dict(doc_id="m.txt", lang=lang, kind="sector_move", subject="utilities", date="2025-04-09",
               change_pct=PCT, text=f"公用事业板块涨{PCT}%" if lang == "zh" else f"utilities rose {PCT}%")
    if market is not ...:
        row["market"] = market
    row.update(kw)
    return row


def test_sector_proxy_only_for_us_market():
    rows = [sector("zh", "cn"), sector("zh", None), sector("zh", "us"), sector("en", None),
            sector("en", np.nan), sector("zh", "hk"), sector("en", "US"), sector("en", "cn")]
    out = check_claims(pd.DataFrame(rows), prices=PRICES)
    assert list(out.verdict) == ["unverifiable", "unverifiable", "supported", "supported", "supported",
                                 "unverifiable", "supported", "unverifiable"], list(out.verdict_reason)
    assert out.verdict_reason[0].startswith("No series for A-share sector boards (market cn)")
    assert "no market given, lang zh" in out.verdict_reason[1]
    assert "proxy XLU" in out.verdict_reason[2]
    assert out.verdict_reason[5].startswith("No series for Hong Kong sector indices")
    assert out.price_series[0] is None and out.observed_change_pct[0] != out.observed_change_pct[0]


def test_without_a_market_column_english_is_us():
    rows = [sector("en", ...), sector("zh", ...)]
    out = check_claims(pd.DataFrame(rows), prices=PRICES)
    assert list(out.verdict) == ["supported", "unverifiable"]


def test_etf_as_an_asset_is_its_own_series():
    xlk = pd.read_csv(PRICES / "XLK.csv").set_index("date")["close"]
    pct = round((xlk["2026-02-06"] / xlk["2026-02-05"] - 1) * 100, 2)
    rows = [dict(doc_id="a.txt", lang="en", kind="asset_move", subject="XLK", date="2026-02-06",
                 change_pct=pct, text=f"XLK up {pct}%"),
            dict(doc_id="a.txt", lang="en", kind="asset_move", subject="XLK", date="2026-02-06",
                 change_pct=pct + 0.08, level=150.0, text="XLK up, at $150.00")]
    out = check_claims(pd.DataFrame(rows), prices=PRICES)
    assert out.verdict[0] == "supported" and "proxy" not in out.verdict_reason[0]
    # no proxy slack for the ETF itself, and its adjusted level is never compared
    assert out.verdict[1] == "contradicted"
    assert "a level is not checked against an adjusted ETF series" in out.verdict_reason[1]
