"""Property tests: numbers written the ways real writers write them parse back to their value."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.numbers import MONEY, PERCENT, POINTS, find_quantities, parse_number

FW = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
ZH_SCALES = {"万": 1e4, "亿": 1e8, "万亿": 1e12}
EN_SCALES = {" thousand": 1e3, " million": 1e6, " billion": 1e9, " trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
ZH_CUR = {"美元": "USD", "元": "CNY", "港元": "HKD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP"}
EN_PRE = {"$": "USD", "US$": "USD", "HK$": "HKD", "€": "EUR", "£": "GBP"}

mantissa = st.tuples(st.integers(1, 9999), st.integers(0, 99), st.booleans())


def close(a, b):
    return a is not None and math.isclose(a, b, rel_tol=1e-9)


def written(m):
    whole, cents, decimals = m
    return (f"{whole}.{cents:02d}" if decimals else str(whole)), whole + (cents / 100 if decimals else 0)


def grouped(n: int) -> str:
    return f"{n:,}"


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 99), st.booleans())
def test_thousand_separators(n, cents, decimals):
    s = grouped(n) + (f".{cents:02d}" if decimals else "")
    v = n + (cents / 100 if decimals else 0)
    assert close(parse_number(s), v) or v == 0 and parse_number(s) == 0
    assert close(parse_number(s.translate(FW)), v) or v == 0


@settings(max_examples=150, deadline=None)
@given(mantissa, st.sampled_from(sorted(ZH_SCALES)), st.sampled_from(sorted(ZH_CUR)), st.booleans())
def test_zh_money(m, scale, cur, fullwidth):
    s, v = written(m)
    text = f"营收达到{s}{scale}{cur},同比增长"
    if fullwidth:
        text = text.translate(FW)
    qs = find_quantities(text, "zh")
    assert len(qs) == 1
    q = qs[0]
    assert q.unit == MONEY and q.currency == ZH_CUR[cur]
    assert close(q.value, v * ZH_SCALES[scale])
    assert text[q.start : q.end] == q.text


@settings(max_examples=150, deadline=None)
@given(mantissa, st.sampled_from(sorted(EN_SCALES)), st.sampled_from(sorted(EN_PRE)))
def test_en_money(m, scale, pre):
    s, v = written(m)
    text = f"The company reported revenue of {pre}{s}{scale}, analysts said."
    qs = find_quantities(text, "en")
    assert len(qs) == 1
    q = qs[0]
    assert q.unit == MONEY and q.currency == EN_PRE[pre]
    assert close(q.value, v * EN_SCALES[scale])


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 99), st.integers(0, 99), st.sampled_from(["zh", "en"]), st.booleans(), st.booleans())
def test_percent(whole, frac, lang, neg, fullwidth):
    s = f"{whole}.{frac:02d}%"
    v = whole + frac / 100
    if neg:
        s, v = "-" + s, -v
    text = (f"该指数变动{s},收盘" if lang == "zh" else f"The index moved {s} on the day")
    if fullwidth:
        text = text.translate(FW)
    qs = find_quantities(text, lang)
    assert len(qs) == 1 and qs[0].unit == PERCENT
    assert close(qs[0].value, v) or v == 0 and qs[0].value == 0


@settings(max_examples=100, deadline=None)
@given(st.integers(100, 99999), st.integers(0, 99))
def test_levels(whole, frac):
    v = whole + frac / 100
    zh = find_quantities(f"收于{whole}.{frac:02d}点", "zh")
    en = find_quantities(f"closed at {grouped(whole)}.{frac:02d} points", "en")
    assert [q.unit for q in zh + en] == [POINTS, POINTS]
    assert close(zh[0].value, v) and close(en[0].value, v)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5000), st.integers(1, 5000), st.sampled_from(["-", "至", "~"]), st.sampled_from(sorted(ZH_SCALES)))
def test_zh_ranges(a, b, sep, scale):
    lo, hi = min(a, b), max(a, b) + 1
    qs = find_quantities(f"预计在{lo}{sep}{hi}{scale}美元之间", "zh")
    assert len(qs) == 1 and qs[0].is_range
    assert close(qs[0].low, lo * ZH_SCALES[scale]) and close(qs[0].high, hi * ZH_SCALES[scale])


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 20), st.integers(0, 9), st.integers(0, 9))
def test_en_percent_ranges(a, d1, d2):
    lo, hi = f"{a}.{d1}", f"{a + 1}.{d2}"
    qs = find_quantities(f"shares fell {lo} to {hi} percent", "en")
    assert len(qs) == 1 and qs[0].is_range and qs[0].unit == PERCENT
    assert close(qs[0].low, float(lo)) or float(lo) == 0
    assert close(qs[0].high, float(hi))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 99999999))
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n)) == n


def to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + name
                zero = False
            else:
                zero = True
        return out

    hi, lo = divmod(n, 10000)
    if not hi:
        return below_10k(lo)
    return below_10k(hi) + "万" + (("零" if lo < 1000 else "") + below_10k(lo) if lo else "")
