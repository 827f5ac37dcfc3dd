"""Unit tests of the one number grammar (extractor/numbers), both languages."""

from __future__ import annotations

import math

import pytest
from _shared import SHARED

from extractor.numbers import BP, MONEY, PERCENT, PERCENTILE, POINTS, PP, find_quantities, parse_number


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def one(text, lang):
    qs = find_quantities(text, lang)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize(
    "s, value",
    [
        ("1,350", 1350), ("3.5万", 35000), ("2万亿", 2e12), ("1,350亿", 1.35e11), ("两千", 2000), ("三点五", 3.5),
        ("一万二", 12000), ("百分之五", 5), ("十五", 15), ("二〇二六", 2026), ("12.5k", 12500), ("1.2bn", 1.2e9),
        ("3 million", 3e6), ("２．５", 2.5), ("一百零五", 105), ("三千五", 3500), ("七十五万", 750000),
        ("四十九兆九千五百九十二億", 49959200000000), ("拾万零五十六点叁叁", 100056.33), ("九九", 99),
        ("twenty-two", 22), ("three quarters billion", 7.5e8), ("-170", -170), ("百分之百", 100), ("2万多亿", 2e12),
        ("1,234,567.89", 1234567.89), ("１２３", 123), ("6,882.71", 6882.71), ("5 trillion", 5e12), ("2tn", 2e12),
        ("负3.9", -3.9), ("minus five", -5),
    ],
)
def test_parse_number(s, value):
    assert close(parse_number(s), value)


@pytest.mark.parametrize("s", ["", "abc", "二三十", "1.2.3", "万科"])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


# text, lang, expected span text, value, unit, currency
SINGLE = [
    ("约2万亿美元", "zh", "约2万亿美元", 2e12, MONEY, "USD"),
    ("$650 billion", "en", "$650 billion", 6.5e11, MONEY, "USD"),
    ("US$1.2bn", "en", "US$1.2bn", 1.2e9, MONEY, "USD"),
    ("$3.3 billion", "en", "$3.3 billion", 3.3e9, MONEY, "USD"),
    ("1.35%", "zh", "1.35%", 1.35, PERCENT, None),
    ("1,350亿", "zh", "1,350亿", 1.35e11, None, None),
    ("22904.58点", "zh", "22904.58点", 22904.58, POINTS, None),
    ("1,000 points", "en", "1,000 points", 1000, POINTS, None),
    ("收窄16个基点", "zh", "16个基点", 16, BP, None),
    ("spreads narrowed 16 basis points", "en", "16 basis points", 16, BP, None),
    ("down 25 bps", "en", "25 bps", 25, BP, None),
    ("上升2.4个百分点", "zh", "2.4个百分点", 2.4, PP, None),
    ("up 2 percentage points", "en", "2 percentage points", 2, PP, None),
    ("a 0.5 percentage point cut", "en", "0.5 percentage point", 0.5, PP, None),
    ("1年周期内处于第99百分位", "zh", "第99百分位", 99, PERCENTILE, None),
    ("61个百分位", "zh", "61个百分位", 61, PERCENTILE, None),
    ("in the 99th percentile", "en", "99th percentile", 99, PERCENTILE, None),
    ("in the 61st percentile versus", "en", "61st percentile", 61, PERCENTILE, None),
    ("in the top 5%", "en", "5%", 5, PERCENT, None),
    ("百分之五", "zh", "百分之五", 5, PERCENT, None),
    ("２２％", "zh", "２２％", 22, PERCENT, None),
    ("rose 5 per cent", "en", "5 per cent", 5, PERCENT, None),
    ("rose 5 percent", "en", "5 percent", 5, PERCENT, None),
    ("rose 5 pct", "en", "5 pct", 5, PERCENT, None),
    ("千分之２．４", "zh", "千分之２．４", 0.24, PERCENT, None),
    ("九成", "zh", "九成", 90, PERCENT, None),
    ("七成六", "zh", "七成六", 76, PERCENT, None),
    ("三成半", "zh", "三成半", 35, PERCENT, None),
    ("打对折", "zh", "对折", 50, PERCENT, None),
    ("75折", "zh", "75折", 75, PERCENT, None),
    ("$1.21 a share", "en", "$1.21", 1.21, MONEY, "USD"),
    ("19 cents", "en", "19 cents", 0.19, MONEY, "USD"),
    ("10 dollars", "en", "10 dollars", 10, MONEY, "USD"),
    ("5 euros", "en", "5 euros", 5, MONEY, "EUR"),
    ("100 yen", "en", "100 yen", 100, MONEY, "JPY"),
    ("3 pounds", "en", "3 pounds", 3, MONEY, "GBP"),
    ("100 billion yuan", "en", "100 billion yuan", 1e11, MONEY, "CNY"),
    ("5 billion renminbi", "en", "5 billion renminbi", 5e9, MONEY, "CNY"),
    ("HK$3 million", "en", "HK$3 million", 3e6, MONEY, "HKD"),
    ("C$5", "en", "C$5", 5, MONEY, "CAD"),
    ("won a $5.1 billion deal", "en", "$5.1 billion", 5.1e9, MONEY, "USD"),
    ("1081.35亿港元", "zh", "1081.35亿港元", 108135000000.0, MONEY, "HKD"),
    ("A$2", "en", "A$2", 2, MONEY, "AUD"),
    ("€2 million", "en", "€2 million", 2e6, MONEY, "EUR"),
    ("£8.10 million", "en", "£8.10 million", 8.1e6, MONEY, "GBP"),
    ("USD 200", "en", "USD 200", 200, MONEY, "USD"),
    ("5美元", "zh", "5美元", 5, MONEY, "USD"),
    ("5美金", "zh", "5美金", 5, MONEY, "USD"),
    ("36.57亿元", "zh", "36.57亿元", 3.657e9, MONEY, "CNY"),
    ("8亿元人民币", "zh", "8亿元人民币", 8e8, MONEY, "CNY"),
    ("人民币 8千元", "zh", "人民币 8千元", 8000, MONEY, "CNY"),
    ("￥300", "zh", "￥300", 300, MONEY, "CNY"),
    ("1.95港元", "zh", "1.95港元", 1.95, MONEY, "HKD"),
    ("HK$10", "zh", "HK$10", 10, MONEY, "HKD"),
    ("3欧元", "zh", "3欧元", 3, MONEY, "EUR"),
    ("1万亿日元", "zh", "1万亿日元", 1e12, MONEY, "JPY"),
    ("10英镑", "zh", "10英镑", 10, MONEY, "GBP"),
    ("300韩元", "zh", "300韩元", 300, MONEY, "KRW"),
    ("5306亿新台币", "zh", "5306亿新台币", 5.306e11, MONEY, "TWD"),
    ("100亿卢布", "zh", "100亿卢布", 1e10, MONEY, "RUB"),
    ("1.0092瑞郎", "zh", "1.0092瑞郎", 1.0092, MONEY, "CHF"),
    ("五元三毛", "zh", "五元三毛", 5.3, MONEY, "CNY"),
    ("比特币一度跌至60017美元", "zh", "60017美元", 60017, MONEY, "USD"),
]


@pytest.mark.parametrize("text, lang, span, value, unit, currency", SINGLE)
def test_single_quantity(text, lang, span, value, unit, currency):
    q = one(text, lang)
    assert q.text == span and text[q.start : q.end] == span
    assert close(q.value, value)
    assert q.unit == unit and q.currency == currency


@pytest.mark.parametrize(
    "text, lang, span, approx, bound",
    [
        ("涨超5%", "zh", "超5%", False, "at_least"),
        ("跌近5%", "zh", "近5%", True, None),
        ("逾3成", "zh", "逾3成", False, "at_least"),
        ("不到1%", "zh", "不到1%", False, "at_most"),
        ("低于2%", "zh", "低于2%", False, "at_most"),
        ("至少3%", "zh", "至少3%", False, "at_least"),
        ("超过100亿美元", "zh", "超过100亿美元", False, "at_least"),
        ("5%以上", "zh", "5%以上", False, "at_least"),
        ("3000点左右", "zh", "3000点左右", True, None),
        ("大约3%", "zh", "大约3%", True, None),
        ("2万多亿美元", "zh", "2万多亿美元", False, "at_least"),
        ("more than $1 billion", "en", "more than $1 billion", False, "at_least"),
        ("at least 4%", "en", "at least 4%", False, "at_least"),
        ("over 1,000 points", "en", "over 1,000 points", False, "at_least"),
        ("less than 15%", "en", "less than 15%", False, "at_most"),
        ("under $5", "en", "under $5", False, "at_most"),
        ("below 2%", "en", "below 2%", False, "at_most"),
        ("up to 10%", "en", "up to 10%", False, "at_most"),
        ("about 5%", "en", "about 5%", True, None),
        ("around 3%", "en", "around 3%", True, None),
        ("nearly 3%", "en", "nearly 3%", True, None),
        ("roughly $2 billion", "en", "roughly $2 billion", True, None),
        ("some 300 points", "en", "some 300 points", True, None),
        ("approximately 7%", "en", "approximately 7%", True, None),
    ],
)
def test_qualifiers(text, lang, span, approx, bound):
    q = one(text, lang)
    assert (q.text, q.approx, q.bound) == (span, approx, bound)


@pytest.mark.parametrize(
    "text, lang, span, low, high, unit, currency",
    [
        ("3590-3810亿美元", "zh", "3590-3810亿美元", 3.59e11, 3.81e11, MONEY, "USD"),
        ("3590至3810亿美元", "zh", "3590至3810亿美元", 3.59e11, 3.81e11, MONEY, "USD"),
        ("-170至-280亿美元", "zh", "-170至-280亿美元", -1.7e10, -2.8e10, MONEY, "USD"),
        ("between $359 billion and $381 billion", "en", "between $359 billion and $381 billion", 3.59e11, 3.81e11,
         MONEY, "USD"),
        ("rose 1%-2%", "en", "1%-2%", 1, 2, PERCENT, None),
        ("tumbling 1.5 to 1.8 percent", "en", "1.5 to 1.8 percent", 1.5, 1.8, PERCENT, None),
        ("2.4%-3.6%", "en", "2.4%-3.6%", 2.4, 3.6, PERCENT, None),
        ("跌幅在2.4%-3.6%之间", "zh", "2.4%-3.6%", 2.4, 3.6, PERCENT, None),
        ("5-20%", "zh", "5-20%", 5, 20, PERCENT, None),
    ],
)
def test_ranges(text, lang, span, low, high, unit, currency):
    q = one(text, lang)
    assert q.is_range and q.value is None
    assert q.text == span and close(q.low, low) and close(q.high, high)
    assert (q.unit, q.currency) == (unit, currency)


def test_signs():
    qs = find_quantities("+1.83%, -0.23%, −170", "en")
    assert [(q.value, q.sign) for q in qs] == [(1.83, 1), (-0.23, -1), (-170, -1)]
    assert one("负3.9%", "zh").value == -3.9
    assert one("just need minus five percent", "en").value == -5


def test_percent_vs_money_scale():
    qs = find_quantities("上涨1.35%，成交1,350亿", "zh")
    assert [(q.text, q.unit, q.value) for q in qs] == [("1.35%", PERCENT, 1.35), ("1,350亿", None, 1.35e11)]


def test_move_with_level_gives_two_quantities():
    qs = find_quantities("The index fell 1.35% to 22,904.58", "en")
    assert [(q.text, q.unit, q.value) for q in qs] == [("1.35%", PERCENT, 1.35), ("22,904.58", None, 22904.58)]
    qs = find_quantities("纳斯达克综合指数下跌1.35%,收于22904.58点", "zh")
    assert [(q.unit, q.value) for q in qs] == [(PERCENT, 1.35), (POINTS, 22904.58)]


def test_percentile_list():
    qs = find_quantities("分别处于第15/47百分位数", "zh")
    assert [(q.value, q.unit) for q in qs] == [(15, PERCENTILE), (47, PERCENTILE)]
    assert qs[0].end <= qs[1].start


def test_percentile_windows_are_not_percent():
    qs = find_quantities("1年周期内处于第99百分位,5年周期内处于第100百分位", "zh")
    assert [(q.value, q.unit) for q in qs] == [(99, PERCENTILE), (100, PERCENTILE)]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("2026年", "zh"), ("2月4日", "zh"), ("9月28日", "zh"), ("2026年2月4日", "zh"), ("15:35", "zh"),
        ("in 2026", "en"), ("2025", "en"), ("Feb. 4", "en"), ("2026-02-04", "en"), ("Dec 7", "en"),
        ("at 1:54 p.m.", "en"), ("as reported [1]", "en"), ("000001.SS", "en"), ("600519", "zh"), ("No. 1", "en"),
        ("Q3 results", "en"), ("its 10-K filing", "en"), ("the G7", "en"), ("COVID-19", "en"), ("S&P 500", "en"),
        ("标普500", "zh"), ("罗素2000", "zh"), ("Nasdaq 100", "en"), ("沪深300", "zh"), ("科创50", "zh"),
        ("上证50", "zh"), ("中证500", "zh"), ("Russell 2000", "en"), ("FTSE 100", "en"), ("DAX 40", "en"),
        ("Nikkei 225", "en"), ("see https://example.com/a/2024/05/x-15.html", "en"), ("成交额放大", "zh"),
        ("一成不变", "zh"), ("成为", "zh"), ("折价", "zh"), ("五角大楼", "zh"), ("标准普尔指数下降", "zh"),
        ("下午3点收盘", "zh"), ("A202107211321363588510367", "zh"), ("有一点", "zh"), ("十分重要", "zh"),
    ],
)
def test_not_quantities(text, lang):
    assert find_quantities(text, lang) == []


def test_index_name_then_move():
    qs = find_quantities("标普500指数下跌0.60%", "zh")
    assert [(q.text, q.value) for q in qs] == [("0.60%", 0.6)]
    qs = find_quantities("S&P 500 fell 0.6%", "en")
    assert [(q.text, q.value) for q in qs] == [("0.6%", 0.6)]


def test_bare_numbers():
    assert [(q.value, q.unit) for q in find_quantities("连续13个交易日", "zh")] == [(13, None)]
    assert [(q.value, q.unit) for q in find_quantities("4 standard deviations", "en")] == [(4, None)]
    assert [(q.value, q.unit) for q in find_quantities("ratio of 1.756", "en")] == [(1.756, None)]
    assert [q.value for q in find_quantities("closed at 6,882.71", "en")] == [6882.71]


def test_money_minor_and_compound():
    assert close(one("50元6角三分", "zh").value, 50.63)
    assert close(one("这台电脑两美元又三美分", "zh").value, 2.03)
    assert close(one("it only cost 3 dollars 50 cents.", "en").value, 3.5)


def test_money_lists_and_prefix_codes():
    qs = find_quantities("$ 20,000.00 $ 37,305.97 february expenses", "en")
    assert [q.value for q in qs] == [20000.0, 37305.97]
    qs = find_quantities("rmb 10 usd 20", "en")
    assert [(q.value, q.currency) for q in qs] == [(10, "CNY"), (20, "USD")]
    qs = find_quantities("4人民币5美元", "zh")
    assert [(q.value, q.currency) for q in qs] == [(4, "CNY"), (5, "USD")]


def test_spans_sorted_and_non_overlapping_on_seeds():
    seeds = SHARED / "corpora/seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    assert texts
    total = 0
    for text in texts:
        qs = find_quantities(text, "zh")
        total += len(qs)
        for a, b in zip(qs, qs[1:], strict=False):
            assert a.end <= b.start
        for q in qs:
            assert text[q.start : q.end] == q.text
    assert total > 50


def test_seed_sentences():
    text = "科技软件板块首当其冲,高盛指出,较近期高位蒸发了约2万亿美元市值,相当于较峰值估值下跌约30% [2]。"
    qs = find_quantities(text, "zh")
    assert [(q.text, q.unit, q.currency, q.approx) for q in qs] == [
        ("约2万亿美元", MONEY, "USD", True),
        ("约30%", PERCENT, None, True),
    ]
    text = "2月4日观察到的市场动态显示,纳斯达克综合指数从约23255点下跌1.35%,收于22904.58点 [0]。"
    qs = find_quantities(text, "zh")
    assert [(q.text, q.unit) for q in qs] == [("约23255点", POINTS), ("1.35%", PERCENT), ("22904.58点", POINTS)]


def test_full_width_digits_offsets():
    text = "上涨２．５％，收于３，１００点"
    qs = find_quantities(text, "zh")
    assert [(q.text, q.value, q.unit) for q in qs] == [("２．５％", 2.5, PERCENT), ("３，１００点", 3100, POINTS)]
