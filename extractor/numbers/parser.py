"""Find every number mention in a text: one grammar, one compiled regex per language.

``find_quantities`` runs the language's master regex (see ``lexicon.py``) over a same-length
ASCII-folded copy of the text; each match is a protected span (date, ticker, index name...)
to skip, or a quantity whose named groups are read here into a ``Quantity``.
"""

from __future__ import annotations

import re

from extractor.numbers.lexicon import Lexicon, UnitInfo, lexicon, norm
from extractor.numbers.quantity import MONEY, PERCENT, PERCENTILE, POINTS, Quantity
from extractor.numbers.values import fold, number_data, parse_number, parse_plain

__all__ = ["find_quantities", "parse_number"]

_ARABIC_LEAD = re.compile(r"[\d,]*\.?\d+")
_ARABIC_ONLY = re.compile(r"\d+")
_LIST_NUM = re.compile(r"\d+(?:\.\d+)?")
_CHENG_ZHE = ("成", "折")


def _num(txt: str, lex: Lexicon) -> tuple[float | None, bool]:
    """Value of a number core and whether it carried a more-than marker (2万多亿)."""
    more = any(c in lex.more for c in txt) if lex.lang == "zh" else False
    return parse_plain(txt), more


def _kind(txt: str) -> str:
    c = txt.lstrip()[:1]
    if c.isdigit():
        return "arabic"
    if c.isascii():
        return "word"
    return "cjk"


def _has_scale(txt: str) -> bool:
    return not _ARABIC_LEAD.fullmatch(txt.strip())


def _unit(lex: Lexicon, written: str | None) -> UnitInfo | None:
    if not written:
        return None
    key = norm(written)
    info = lex.units.get(key)
    if info is None and key[:1] in _CHENG_ZHE:
        return UnitInfo(PERCENT, tenths=key[:1])
    return info


def _minor(lex: Lexicon, written: str) -> UnitInfo | None:
    key = norm(written)
    info = lex.minors.get(key)
    if info is not None:
        return info
    for pat, minfo in lex.minor_patterns:
        if pat.fullmatch(key):
            return minfo
    return None


def _tenths(value: float, n1: str, written: str, kind: str) -> float | None:
    """成 / 折 to percent: 七成六 -> 76, 三成半 -> 35, 75折 -> 75, 九九折 -> 99; 十折 is no discount."""
    key = norm(written)
    if kind == "成":
        if value > 10:
            return None
        tail = key[1:]
        extra = 0.0
        if tail == "半":
            extra = 5.0
        elif tail:
            extra = float(number_data().digits.get(tail, 0))
        return value * 10 + extra
    if value < 10:
        return value * 10
    if value < 100 and not any(c in number_data().small for c in n1):
        return value
    return None


def _qualify(kind: str | None, approx: bool, bound: str | None) -> tuple[bool, str | None]:
    if kind == "approx":
        return True, bound
    if kind in ("at_least", "at_most"):
        return approx, kind
    return approx, bound


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every number mention in ``text`` (zh or en), sorted by start, spans into ``text``."""
    lex = lexicon("zh" if lang == "zh" else "en")
    w = fold(text)
    out: list[Quantity] = []
    search = lex.master.search
    pos = 0
    n = len(w)
    while pos < n:
        m = search(w, pos)
        if m is None:
            break
        if m.group("prot") is not None:
            pos = max(m.end(), m.start() + 1)
            continue
        found, end = _read(m, w, text, lex)
        out.extend(found)
        pos = max(end, m.start() + 1)
    return out


def _read(m: re.Match[str], w: str, text: str, lex: Lexicon) -> tuple[list[Quantity], int]:
    """The quantities of one master-regex match and where the search goes on."""
    gd = m.groupdict()
    g = gd.get
    if gd["u1"] is None and gd["pre"] is None and gd["sep"] is None and gd["fden"] is None and gd["upre"] is None:
        n1 = gd["n1"]
        if n1 is not None and not (gd["sw"] or gd["ord"] or gd["sg1"] or gd["cp1"] or gd["plist"] or gd["tail"]):
            if gd["post"] is None and gd["sp"] is None:
                return _bare(m, n1, text, lex), m.end()
    start = m.start("q")
    approx, bound = False, None
    pre = g("pre")
    pre_kind = lex.qualifiers.get(norm(pre)) if pre else None
    approx, bound = _qualify(pre_kind, approx, bound)
    sign = 0
    if g("sw"):
        sign = lex.sign_words.get(norm(g("sw")), 0)

    def make(s: int, e: int, value, unit, currency=None, low=None, high=None, sgn=0, ap=approx, bd=bound):
        return Quantity(s, e, text[s:e], _r(value), _r(low), _r(high), unit, currency, sgn, ap, bd)

    post = g("post")
    post_kind = lex.post_qualifiers.get(norm(post)) if post else None

    # 百分之五 / 千分之二 / 万分之三
    if g("fden") is not None:
        den = parse_plain(re.sub(r"\s+", "", g("fden")))
        fnum = g("fnum")
        val = 100.0 if norm(fnum) == "百" else parse_plain(fnum)
        if den is None or val is None or den <= 0:
            return [], m.end()
        more = any(c in lex.more for c in fnum)
        if more:
            bound = "at_least"
        value = val * 100.0 / den
        if sign < 0:
            value = -value
        ap, bd = _qualify(post_kind, approx, bound)
        if pre_kind == "between":
            start = m.start("fden") if not g("sw") else m.start("sw")
        return [make(start, m.end(), value, PERCENT, sgn=sign, ap=ap, bd=bd)], m.end()

    # percent of 10
    if g("upre") is not None:
        val = parse_plain(g("unum"))
        if val is None:
            return [], m.end()
        value = -val if sign < 0 else val
        ap, bd = _qualify(post_kind, approx, bound)
        return [make(start, m.end(), value, lex.unit_prefixes[norm(g("upre"))], sgn=sign, ap=ap, bd=bd)], m.end()

    # 打对折, 半成
    if g("sp") is not None:
        return [make(m.start("sp"), m.end("sp"), lex.specials[norm(g("sp"))], PERCENT)], m.end()

    n1 = g("n1")
    v1, more1 = _num(n1, lex)
    if v1 is None:
        return [], m.end()
    kind1 = _kind(n1)
    if more1:
        bound = "at_least"
    if g("sg1"):
        sign = -1 if g("sg1") == "-" else 1
    cp1 = lex.prefix_currency.get(norm(g("cp1"))) if g("cp1") else None
    u1 = _unit(lex, g("u1"))
    if cp1 is not None and u1 is not None and u1.unit == MONEY:
        u1 = None  # the regex keeps $-prefixed amounts from taking a second currency
    end = m.end("n1")
    if u1 is not None and u1.tenths:
        pct = _tenths(v1, n1, g("u1"), u1.tenths)
        if pct is None:
            return [], m.end()
        v1 = pct
    if u1 is not None:
        end = m.end("u1")

    # 第15/47百分位数: a list of percentiles
    if g("plist"):
        if u1 is None or u1.unit != PERCENTILE or kind1 != "arabic":
            if g("ord"):
                return [], m.end("n1")
            u1 = None
            end = m.end("n1")
        else:
            qs = [make(start, m.end("n1"), v1, PERCENTILE)]
            base = m.start("plist")
            hits = list(_LIST_NUM.finditer(g("plist")))
            for i, h in enumerate(hits):
                s = base + h.start()
                e = base + h.end() if i < len(hits) - 1 else end
                qs.append(make(s, e, float(h.group()), PERCENTILE))
            return qs, end
    if g("ord") and (u1 is None or u1.unit != PERCENTILE):
        return [], m.end("n1")

    unit_info = u1 if u1 is not None else cp1
    factor = 1.0
    if cp1 is not None:
        factor *= cp1.factor
    if u1 is not None:
        factor *= u1.factor
    if g("sc3") and unit_info is not None and unit_info.unit == MONEY and g("u1"):
        factor *= number_data().latin[g("sc3").lower()]
        end = m.end("sc3")

    value: float | None = v1
    low = high = None
    ranged = False
    if g("n2") is not None:
        ranged, low, high, unit_info, factor, end2 = _range(m, w, lex, v1, sign, u1, cp1, unit_info, factor, pre_kind)
        if ranged:
            end = end2
            value = None
    if not ranged and g("tn0") and unit_info is not None and unit_info.unit == MONEY and u1 is not None:
        tv = parse_plain(g("tn0"))
        if tv is not None and tv < 100 and unit_info.factor == 1.0 and unit_info.currency != "JPY":
            value = v1 * factor + tv * 0.01  # 15 dollars 50
            factor = 1.0
            end = m.end("tail")
    elif not ranged and g("tail") and unit_info is not None and unit_info.unit == MONEY:
        extra = 0.0
        ok = True
        for tn, tm in (("tn1", "tm1"), ("tn2", "tm2")):
            if g(tn) is None:
                continue
            minfo = _minor(lex, g(tm))
            tv = parse_plain(g(tn))
            if minfo is None or tv is None or (unit_info.currency and minfo.currency != unit_info.currency):
                ok = False
                break
            extra += tv * minfo.factor
        if ok:
            value = v1 * factor + extra
            factor = 1.0
            end = m.end("tail")
    if cp1 is not None and u1 is None and not ranged:
        same = lex.suffix_currency.match(w, end)
        if same and not same.group("u").isascii() and (_unit(lex, same.group("u")) or cp1).currency == cp1.currency:
            end = same.end()  # 人民币 50元
    if post is not None and end <= m.start("post") and not w[end : m.start("post")].strip():
        approx, bound = _qualify(post_kind, approx, bound)
        end = m.end()
    if pre_kind == "between":
        if not ranged:
            start = m.start("n1") if not (g("cp1") or g("sg1")) else min(
                x for x in (m.start("cp1"), m.start("sg1"), m.start("n1")) if x >= 0
            )

    unit = unit_info.unit if unit_info is not None else None
    currency = unit_info.currency if unit_info is not None else None
    if unit == "permille":
        unit = PERCENT
        factor /= 10.0
    if not ranged:
        value = v1 * factor if value is v1 else value
        if sign < 0 and value is not None:
            value = -value
    if unit is None:
        if kind1 != "arabic" or (not ranged and _bare_skip(n1, sign, approx, bound)):
            return [], end
    elif unit == POINTS and kind1 != "arabic":
        return [], end
    return [make(start, end, value, unit, currency, low, high, sign, approx, bound)], end


def _r(v: float | None) -> float | None:
    """12 significant digits: 1081.35亿 is 108135000000.0, not ...99998."""
    return None if v is None else float(f"{v:.12g}")


def _bare(m: re.Match[str], n1: str, text: str, lex: Lexicon) -> list[Quantity]:
    """Fast path: a number with nothing around it (most matches in running text)."""
    if not n1[:1].isdigit():
        return []
    value, more = _num(n1, lex)
    if value is None or (not more and _bare_skip(n1, 0, False, None)):
        return []
    s, e = m.start("n1"), m.end("n1")
    return [Quantity(s, e, text[s:e], _r(value), bound="at_least" if more else None)]


def _bare_skip(n1: str, sign: int, approx: bool, bound: str | None) -> bool:
    """Years (2026) and six-digit security codes (600519) written bare are no quantities."""
    if sign or approx or bound or not _ARABIC_ONLY.fullmatch(n1):
        return False
    if len(n1) == 4 and 1900 <= int(n1) <= 2100:
        return True
    return len(n1) == 6 and n1[0] in "036"


def _range(m, w, lex, v1, sign1, u1, cp1, unit_info, factor, pre_kind):
    """Read ``n1 SEP n2`` as a range when the units agree; else tell the caller to stop at n1."""
    g = m.group
    fail = (False, None, None, unit_info, factor, 0)
    sep = norm(g("sep"))
    if sep == "and" and pre_kind != "between":
        return fail
    if sep in ("to", "through", "and") and pre_kind != "between" and u1 is not None and g("u2") is None:
        return fail
    head = w[max(0, m.start("q") - 8) : m.start("q")].rstrip().lower()
    if pre_kind != "between" and any(head.endswith(x) for x in lex.range_not_after):
        return fail
    n2 = g("n2")
    v2, _ = _num(n2, lex)
    if v2 is None:
        return fail
    u2 = _unit(lex, g("u2"))
    cp2 = lex.prefix_currency.get(norm(g("cp2"))) if g("cp2") else None
    if u2 is not None and u2.tenths:
        return fail
    if u1 is not None and u2 is None and cp2 is None:
        return fail
    first = u1 or cp1
    second = u2 or cp2
    if first is not None and second is not None and (first.unit, first.currency) != (second.unit, second.currency):
        return fail
    info = first or second
    f1 = factor
    f2 = (cp2.factor if cp2 else 1.0) * (u2.factor if u2 else 1.0)
    if first is None and second is not None:
        f1 = f2
    n1 = g("n1")
    if _kind(n1) == "arabic" and not _has_scale(n1) and _kind(n2) == "arabic" and _has_scale(n2):
        lead = _ARABIC_LEAD.match(n2)
        if lead:
            lead_v = float(lead.group().replace(",", ""))
            if lead_v and abs(v1) <= lead_v:
                v1 = v1 * (v2 / lead_v)  # 3590-3810亿: the scale of the second end is the first's too
    low = v1 * f1
    high = v2 * f2
    if sign1 < 0:
        low = -low
    if g("sg2") == "-":
        high = -high
    end = m.end("u2") if g("u2") else m.end("n2")
    return True, low, high, info, 1.0, end
