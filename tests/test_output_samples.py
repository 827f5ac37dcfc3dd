"""Small realistic frames shared by the output tests (documents, checked claims, prices).

The Chinese article mimics a market wrap (seed-000-like): four index moves with offsets into the
normalized text, checked as supported / contradicted / unverifiable, plus an unchecked money
claim and a percent claim that overlaps an index move.
"""

from __future__ import annotations

import pandas as pd

from extractor.claims.record import CHECK_COLUMNS, CLAIM_COLUMNS, Claim
from extractor.documents.record import DOCUMENT_COLUMNS, Document, Reference

ZH_TEXT = (
    "AI抛售潮下美股分化,对冲基金录得一年来最差单日表现\n"
    "2026年2月4日,美国股市出现明显的板块轮动,资金撤出科技股。据路透社报道,高盛称这是对冲基金近一年来最糟糕的交易日 [1]。\n"
    "当日纳斯达克综合指数下跌1.35%,收于22904.58点 [2]。道琼斯工业平均指数则上涨0.36%,收于49501.31点,"
    "显示资金转向防御性板块。标普500指数下跌0.60%,罗素2000指数下跌1.24% [2]。\n"
    "高盛估计,动量策略组合的总敞口约为2万亿美元,空头仓位占比升至38%。\n"
    "参考来源:\n[1] 路透社 - 《Hedge funds suffer worst day in a year》 URL: https://example.com/a 日期:2026-02-05\n"
    "[2] 华尔街日报 - 《Stocks Mixed as Tech Slides》 URL: https://example.com/b 日期:2026-02-04\n"
)
EN_TEXT = (
    "Tech rout deepens as Nasdaq slides\n"
    "The Nasdaq Composite fell 1.4% to 22,904.58 on Wednesday, while the Dow gained 0.5%.\n"
    "Investors pulled about $650 billion from megacap technology names this year, strategists said.\n"
    "<script>alert('x')</script> should stay text, not markup.\n"
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def sample_documents() -> pd.DataFrame:
    refs = [Reference(1, "路透社", "Hedge funds suffer worst day in a year", "https://example.com/a", "2026-02-05"),
            Reference(2, "华尔街日报", "Stocks Mixed as Tech Slides", "https://example.com/b", "2026-02-04")]
    docs = [
        Document("zh/000_market_wrap.txt", "/data/news/zh/000_market_wrap.txt", ZH_TEXT, lang="zh",
                 title="AI抛售潮下美股分化,对冲基金录得一年来最差单日表现", published="2026-02-05",
                 encoding="utf-8", format="txt", references=refs, content_hash="a" * 16),
        Document("en/001_tech_rout.md", "/data/news/en/001_tech_rout.md", EN_TEXT, lang="en",
                 title="Tech rout deepens as Nasdaq slides", published="2026-02-05T08:00:00",
                 outlet="Example Wire", url="https://example.com/c", encoding="utf-8", format="md",
                 content_hash="b" * 16),
    ]
    frame = pd.DataFrame([d.to_row() for d in docs], columns=DOCUMENT_COLUMNS)
    frame.insert(0, "path_key", [f"{d.path}#0" for d in docs])
    return frame


def _claim(doc_id: str, doc_hash: str, lang: str, kind: str, text: str, span: tuple[int, int],
           sentence: str, **kw) -> Claim:
    return Claim(doc_id, lang, kind, text, span[0], span[1], sentence=sentence,
                 doc_hash=doc_hash, **kw)


def sample_claims() -> pd.DataFrame:
    """Checked claims: CLAIM_COLUMNS + CHECK_COLUMNS + ``path_key`` + an extra ``consistency`` column."""
    z, e = "zh/000_market_wrap.txt", "en/001_tech_rout.md"
    rows: list[dict] = []

    def add(claim: Claim, path: str, **check) -> None:
        assert ZH_TEXT[claim.start:claim.end] == claim.text or EN_TEXT[claim.start:claim.end] == claim.text
        row = claim.to_row()
        row.update({c: check.get(c) for c in CHECK_COLUMNS})
        row["path_key"] = f"{path}#0"
        row["consistency"] = check.get("consistency", "ok")
        rows.append(row)

    zs = "当日纳斯达克综合指数下跌1.35%,收于22904.58点 [2]。"
    t = "纳斯达克综合指数下跌1.35%,收于22904.58点"
    add(_claim(z, "a" * 16, "zh", "index_move", t, _span(ZH_TEXT, t), zs, subject="^IXIC",
               subject_text="纳斯达克综合指数", refs=[2], date="2026-02-04", change_pct=-1.35, level=22904.58),
        "/data/news/zh/000_market_wrap.txt", verdict="supported",
        verdict_reason="Nasdaq Composite closed at 22904.58 (-1.35%) on 2026-02-04.",
        observed_change_pct=-1.3501, observed_level=22904.58, observed_date="2026-02-04", price_series="IXIC")
    t = "道琼斯工业平均指数则上涨0.36%,收于49501.31点"
    zs2 = "道琼斯工业平均指数则上涨0.36%,收于49501.31点,显示资金转向防御性板块。"
    add(_claim(z, "a" * 16, "zh", "index_move", t, _span(ZH_TEXT, t), zs2, subject="^DJI",
               subject_text="道琼斯工业平均指数", date="2026-02-04", change_pct=0.36, level=49501.31),
        "/data/news/zh/000_market_wrap.txt", verdict="contradicted",
        verdict_reason="Dow Jones closed at 49501.31 but rose 0.53%, not 0.36%.",
        observed_change_pct=0.53, observed_level=49501.31, observed_date="2026-02-04", price_series="DJI",
        explanation="0.36% matches the open-to-close move.", consistency="level_vs_change")
    t = "标普500指数下跌0.60%"
    zs3 = "标普500指数下跌0.60%,罗素2000指数下跌1.24% [2]。"
    add(_claim(z, "a" * 16, "zh", "index_move", t, _span(ZH_TEXT, t), zs3, subject="^GSPC",
               subject_text="标普500指数", refs=[2], date="2026-02-04", change_pct=-0.6),
        "/data/news/zh/000_market_wrap.txt", verdict="supported",
        verdict_reason="S&P 500 fell 0.60% on 2026-02-04.", observed_change_pct=-0.5987,
        observed_level=6882.72, observed_date="2026-02-04", price_series="GSPC")
    t = "罗素2000指数下跌1.24%"
    add(_claim(z, "a" * 16, "zh", "index_move", t, _span(ZH_TEXT, t), zs3, subject="^RUT",
               subject_text="罗素2000指数", refs=[2], date="2026-02-04", change_pct=-1.24),
        "/data/news/zh/000_market_wrap.txt", verdict="unverifiable",
        verdict_reason="No price series for ^RUT.")
    t = "约为2万亿美元"
    zs4 = "高盛估计,动量策略组合的总敞口约为2万亿美元,空头仓位占比升至38%。"
    add(_claim(z, "a" * 16, "zh", "money", t, _span(ZH_TEXT, t), zs4, subject="momentum exposure",
               source="Goldman Sachs", source_text="高盛", amount=2e12, currency="USD", approx=True),
        "/data/news/zh/000_market_wrap.txt")
    t = "升至38%"
    add(_claim(z, "a" * 16, "zh", "percent", t, _span(ZH_TEXT, t), zs4, subject="short share",
               source="Goldman Sachs", source_text="高盛", percent=38.0, unit="%"),
        "/data/news/zh/000_market_wrap.txt")
    es = "The Nasdaq Composite fell 1.4% to 22,904.58 on Wednesday, while the Dow gained 0.5%."
    t = "The Nasdaq Composite fell 1.4% to 22,904.58"
    add(_claim(e, "b" * 16, "en", "index_move", t, _span(EN_TEXT, t), es, subject="^IXIC",
               subject_text="Nasdaq Composite", date="2026-02-04", change_pct=-1.4, level=22904.58, approx=False),
        "/data/news/en/001_tech_rout.md", verdict="supported",
        verdict_reason="Within rounding: -1.35% observed.", observed_change_pct=-1.3501,
        observed_level=22904.58, observed_date="2026-02-04", price_series="IXIC")
    t = "1.4%"  # overlaps the index move above: a nested percent reading
    add(_claim(e, "b" * 16, "en", "percent", t, _span(EN_TEXT, t), es, subject="nasdaq fall", percent=-1.4,
               unit="%"), "/data/news/en/001_tech_rout.md")
    t = "the Dow gained 0.5%"
    add(_claim(e, "b" * 16, "en", "index_move", t, _span(EN_TEXT, t), es, subject="^DJI", subject_text="the Dow",
               date="2026-02-04", change_pct=0.5), "/data/news/en/001_tech_rout.md", verdict="supported",
        verdict_reason="Dow rose 0.53%; 0.5% is within rounding.", observed_change_pct=0.53,
        observed_level=49501.31, observed_date="2026-02-04", price_series="DJI")
    t = "about $650 billion"
    es2 = "Investors pulled about $650 billion from megacap technology names this year, strategists said."
    add(_claim(e, "b" * 16, "en", "money", t, _span(EN_TEXT, t), es2, subject="outflows", amount=6.5e11,
               currency="USD", approx=True), "/data/news/en/001_tech_rout.md")
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS + CHECK_COLUMNS + ["path_key", "consistency"])


def sample_prices() -> pd.DataFrame:
    """Synthetic daily closes around 2026-02-04 that agree with the sample verdicts."""
    dates = pd.bdate_range("2026-01-05", "2026-02-27")
    out = []
    anchors = {"IXIC": ("^IXIC", 23218.0, 22904.58), "DJI": ("^DJI", 49236.4, 49501.31),
               "GSPC": ("^GSPC", 6924.18, 6882.72)}
    for series, (subject, before, on_day) in anchors.items():
        i0 = list(dates).index(pd.Timestamp("2026-02-04"))
        for i, d in enumerate(dates):
            wiggle = ((i * 37) % 11 - 5) / 1000.0
            close = on_day if i == i0 else before * (1 + wiggle + (i - i0) * 0.0008)
            if i == i0 - 1:
                close = before
            out.append({"series": series, "subject": subject, "date": d, "open": close * 0.998,
                        "high": close * 1.004, "low": close * 0.995, "close": round(close, 2),
                        "source": f"{series}.csv"})
    return pd.DataFrame(out, columns=["series", "subject", "date", "open", "high", "low", "close", "source"])


def test_sample_offsets_point_into_document_text():
    docs = sample_documents().set_index("doc_id")
    claims = sample_claims()
    for row in claims.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start:row.end] == row.text
    assert claims["claim_id"].is_unique
    assert set(claims["verdict"].dropna()) == {"supported", "contradicted", "unverifiable"}


def test_sample_prices_match_supported_claim():
    prices = sample_prices()
    ixic = prices[prices.series == "IXIC"].set_index("date")["close"]
    change = (ixic[pd.Timestamp("2026-02-04")] / ixic[pd.Timestamp("2026-02-03")] - 1) * 100
    assert round(change, 2) == -1.35
