"""Compile the YAML number vocabulary of one language into the grammar's regexes, once.

Everything a writer may put around a number (units, currencies, qualifiers, protected names)
is data in ``models/``; this module turns it into one master regex per language plus lookup
tables keyed by the normalized written form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from extractor.nlp.gated import gates_for
from extractor.numbers.quantity import BP, MONEY, PERCENT, PERCENTILE, POINTS, PP
from extractor.resources import lang_data, load_yaml

UNIT_CODES = {"%": PERCENT, "pp": PP, "bp": BP, "percentile": PERCENTILE, "pt": POINTS, "permille": "permille"}


@dataclass(frozen=True)
class UnitInfo:
    """What a written unit means: a unit code, a currency and a factor on the amount."""

    unit: str
    currency: str | None = None
    factor: float = 1.0
    tenths: str | None = None  # "cheng" / "zhe" for 成 / 折


@dataclass
class Lexicon:
    """Compiled grammar of one language."""

    lang: str
    master: re.Pattern[str]
    units: dict[str, UnitInfo]
    minors: dict[str, UnitInfo]
    minor_patterns: list[tuple[re.Pattern[str], UnitInfo]]
    prefix_currency: dict[str, UnitInfo]
    qualifiers: dict[str, str]
    post_qualifiers: dict[str, str]
    sign_words: dict[str, int]
    unit_prefixes: dict[str, str]
    specials: dict[str, float]
    range_not_after: tuple[str, ...]
    more: frozenset[str]
    suffix_currency: re.Pattern[str] = field(repr=False, default=None)  # type: ignore[assignment]


@lru_cache(maxsize=4096)
def norm(s: str) -> str:
    """Lookup key of a written form: no spaces, lower case."""
    return re.sub(r"\s+", "", s).lower()


def _tokens(word: str, lang: str) -> list[str]:
    """Regex pieces of one written form, one per character; zh tolerates spaces between
    characters (六 个 百 分点), en between words; ``US $`` and ``U.S`` variants allowed."""
    if lang == "zh" and not word.isascii():
        return [re.escape(c) if i == 0 else r"\s*" + re.escape(c) for i, c in enumerate(word)]
    out = []
    for i, c in enumerate(word):
        if c == " ":
            out.append(r"\s+")
        elif c == "$" and i > 1:
            out.append(r"\s?\$")
        elif c == ".":
            out.append(r"\.?")
        else:
            out.append(re.escape(c.lower() if c.isascii() else c))
    return out


def _form(word: str, lang: str) -> str:
    return "".join(_tokens(word, lang))


def _trie_regex(node: dict) -> str:
    """Alternation from a trie: one branch per first character keeps the per-position cost low."""
    end = "" in node
    branches = [tok + _trie_regex(child) for tok, child in sorted(node.items()) if tok != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


def alt(words, lang: str, raw: bool = False) -> str:
    """Alternation of written forms; longest match wins (个百分点 over 点, percentage points over percentage)."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if not words:
        return "(?!)"
    if raw:
        return "(?:" + "|".join(words) + ")"
    trie: dict = {}
    for w in words:
        node = trie
        for tok in _tokens(w, lang):
            node = node.setdefault(tok, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")"


def _chars(chars) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@cache
def lexicon(lang: str) -> Lexicon:
    data = lang_data(lang, "numbers")
    if data is None:
        raise ValueError(f"no number grammar for language {lang!r}")
    zh = lang_data("zh", "numbers")
    cat = load_yaml("catalog/currencies.yaml")

    # ---- units and currencies -------------------------------------------------------
    units: dict[str, UnitInfo] = {}
    for word, code in (data.get("units") or {}).items():
        units[norm(word)] = UnitInfo(UNIT_CODES[code])
    unit_words = list((data.get("units") or {}).keys())
    cur_suffix: list[str] = []
    cur_prefix: list[str] = []
    prefix_currency: dict[str, UnitInfo] = {}
    minors: dict[str, UnitInfo] = {}
    minor_patterns: list[tuple[re.Pattern[str], UnitInfo]] = []
    minor_forms: list[str] = []
    standalone_minor: list[str] = []
    lang_symbols = (cat.get("lang_symbols") or {}).get(lang, {})
    for code, spec in (cat.get("currencies") or {}).items():
        info = UnitInfo(MONEY, code)
        for sym in spec.get("symbols") or []:
            units[norm(sym)] = info
            prefix_currency[norm(sym)] = info
            cur_suffix.append(sym)
            cur_prefix.append(sym)
        for sym in spec.get("suffix") or []:
            units[norm(sym)] = info
            cur_suffix.append(sym)
        for word in spec.get(lang) or []:
            units[norm(word)] = info
            cur_suffix.append(word)
        for word in spec.get(f"prefix_{lang}") or []:
            prefix_currency[norm(word)] = info
            cur_prefix.append(word)
        for scode, factor in (spec.get("scaled") or {}).items():
            sinfo = UnitInfo(MONEY, code, float(factor))
            units[norm(scode)] = sinfo
            prefix_currency[norm(scode)] = sinfo
            cur_suffix.append(scode)
            cur_prefix.append(scode)
        for key in ("minor", "minor2"):
            mspec = spec.get(key)
            if not mspec:
                continue
            minfo = UnitInfo(MONEY, code, float(mspec["factor"]))
            for word in mspec.get(lang) or []:
                if mspec.get("regex"):
                    minor_patterns.append((re.compile(word), minfo))
                    minor_forms.append(word)
                    continue
                minors[norm(word)] = minfo
                minor_forms.append(_form(word, lang))
                if mspec.get("standalone", True):
                    units[norm(word)] = minfo
                    standalone_minor.append(word)
    for sym, code in lang_symbols.items():
        info = UnitInfo(MONEY, code)
        units[norm(sym)] = info
        prefix_currency[norm(sym)] = info
        cur_suffix.append(sym)
        cur_prefix.append(sym)
    for word in (cat.get("uncoded") or {}).get(lang) or []:
        units[norm(word)] = UnitInfo(MONEY, None)
        cur_suffix.append(word)

    tenths = data.get("tenths") or {}
    specials = {norm(s["word"]): float(s["value"]) for s in tenths.get("specials") or []}

    # ---- number cores ---------------------------------------------------------------
    arabic = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    zh_digits = _chars(zh["digits"])
    zh_scale = _chars(list(zh["small_scales"]) + list(zh["large_scales"]))
    zh_large = _chars(zh["large_scales"])
    zh_point = _chars(zh["decimal_points"])
    more = _chars(data.get("more_markers") or zh.get("more_markers") or [])
    latin = data.get("latin_scales") or {}
    attached = set(data.get("attached_scales") or latin)
    word_scales = [w for w in latin if w not in attached]
    latin_parts = []
    if attached:
        latin_parts.append(alt(attached, "en") + r"(?![A-Za-z])")
    if word_scales:
        latin_parts.append(r"\s*" + alt(word_scales, "en") + r"(?![A-Za-z])")
    latin_re = "(?:" + "|".join(latin_parts) + ")" if latin_parts else "(?!)"
    if lang == "zh":
        latin_re = r"(?:\s*[kK](?![A-Za-z]))"
        cjk_num = (
            _chars(zh["numeral_starts"])
            + rf"(?:[ \t]*(?:{zh_digits}|{zh_scale}(?![ \t]*分)))*"
            + rf"(?:[ \t]*{zh_point}[ \t]*{zh_digits}(?:[ \t]*{zh_digits})*(?:[ \t]*{zh_scale})*)?"
        )
        num_word = "(?!)"
        num = rf"(?:{arabic}(?:[ \t]*(?:{zh_scale}(?![ \t]*分))+|{latin_re})?|{cjk_num})(?:{more}{zh_large}*)?"
    else:
        w_all = list(data["word_units"]) + list(data["word_fractions"]) + list(data["word_hundred"]) + word_scales
        w_start = list(data["word_units"]) + list(data["word_fractions"])
        wnum = (
            r"\b(?:" + alt(w_start, "en") + r"|a(?=\s+(?:quarter|half|hundred|thousand|million|billion)\b))"
            + r"(?:(?:\s+|-)(?:and\s+)?" + alt(w_all, "en") + r")*\b"
        )
        num = rf"(?:{arabic}{latin_re}?|{wnum})"
        num_word = wnum

    # ---- qualifiers -----------------------------------------------------------------
    qualifiers: dict[str, str] = {}
    for kind, words in ((data.get("qualifiers") or {}).get("prefix") or {}).items():
        for w in words:
            qualifiers[norm(w)] = kind
    post_qualifiers: dict[str, str] = {}
    for kind, words in ((data.get("qualifiers") or {}).get("suffix") or {}).items():
        for w in words:
            post_qualifiers[norm(w)] = kind
    sign_words = {norm(k): int(v) for k, v in (data.get("sign_words") or {}).items()}
    unit_prefixes = {norm(k): UNIT_CODES[v] for k, v in (data.get("unit_prefixes") or {}).items()}

    word_b = r"(?![A-Za-z])" if lang == "en" else ""
    quals = data.get("qualifiers") or {}
    pre_q = alt([w for ws in (quals.get("prefix") or {}).values() for w in ws], lang) + word_b
    post_q = alt([w for ws in (quals.get("suffix") or {}).values() for w in ws], lang) + word_b
    sign_w = alt(data.get("sign_words") or {}, lang) + word_b
    cur_pre = alt(cur_prefix, lang)

    # units: ordinary words + tenths (zh) ; currency alternatives separate for the $-prefix case
    plain_units = alt(unit_words, lang)
    money_units = alt(cur_suffix + standalone_minor, lang)
    tenth_parts = []
    if tenths.get("cheng"):
        excl = _chars(tenths.get("cheng_not_before") or ["\x00"])
        tail = _chars(list(zh["digits"]) + list(tenths.get("half") or []))
        tenth_parts.append(alt(tenths["cheng"], lang) + rf"(?:[ \t]*{tail}(?!{zh_digits}))?(?!{excl})")
    if tenths.get("zhe"):
        excl = _chars(tenths.get("zhe_not_before") or ["\x00"])
        tenth_parts.append(alt(tenths["zhe"], lang) + rf"(?!{excl})")
    tenth_re = "|".join(tenth_parts) if tenth_parts else "(?!)"
    units_nc = rf"(?:{plain_units}|{tenth_re}){word_b}"
    units_all = rf"(?:{money_units}|{plain_units}|{tenth_re}){word_b}"
    minor_re = alt(minor_forms, lang, raw=True) + word_b if minor_forms else "(?!)"
    seps = alt(data.get("range_separators") or [], lang)
    seps = seps if lang == "zh" else rf"(?:{seps})(?![A-Za-z])"
    ordinal = alt(data.get("ordinal_prefix") or [], lang)

    # specials (打对折) and fraction percents (百分之五, 千分之二)
    special_parts = []
    for s in tenths.get("specials") or []:
        after = s.get("after")
        form = _form(s["word"], lang)
        special_parts.append((f"(?<={re.escape(after)})" if after else "") + form)
    special_re = "(?:" + "|".join(special_parts) + ")" if special_parts else "(?!)"
    if data.get("fraction_marker"):
        fm = _form(data["fraction_marker"], lang)
        frac_re = (
            rf"(?<!{zh_digits})(?<!\d)(?P<fden>{zh_scale}(?:[ \t]*{zh_scale})*)\s*{fm}\s*"
            rf"(?P<fnum>{num}|百(?!分))"
        )
    else:
        frac_re = "(?P<fden>(?!))(?P<fnum>(?!))"
    if unit_prefixes:
        upre_re = rf"(?P<upre>{alt(data['unit_prefixes'], lang)})\s+(?P<unum>{num})"
    else:
        upre_re = "(?P<upre>(?!))(?P<unum>(?!))"

    # protected spans
    prot = list(data.get("protected_patterns") or [])
    names = data.get("protected_names") or []
    trie: dict = {}
    for n in names:
        node = trie
        for c in n:
            tok = r"\s*" if c == " " else re.escape(c.lower() if c.isascii() else c)
            node = node.setdefault(tok, {})
        node[""] = {}
    name_re = (r"\b" if lang == "en" else "") + "(?:" + _trie_regex(trie) + r")(?![\d.])"
    prot_re = "|".join(prot + [name_re])

    lb = r"(?<![A-Za-z0-9_.])(?<![A-Za-z]-)"
    la = r"(?:(?<=[A-Za-z0-9])(?![A-Za-z0-9])|(?<![A-Za-z0-9]))(?!\.\d|-[A-Za-z])"
    unit_gap = r"(?:\s*|-)" if lang == "en" else r"\s*"
    tail = (
        rf"(?P<tail>\s*(?:and\s+|又|零)?\s*(?P<tn1>{num})\s*(?P<tm1>{minor_re})"
        rf"(?:\s*(?P<tn2>{num})\s*(?P<tm2>{minor_re}))?"
        rf"|\s+(?:and\s+)?(?P<tn0>\d{{1,2}}|{num_word})(?=\s*(?:[.,;!?)]|$)))"
    )
    main = (
        rf"(?:(?P<ord>{ordinal})\s*)?(?P<sg1>[+-])?(?:(?P<cp1>{cur_pre})\s*)?(?P<n1>{num})"
        rf"(?P<plist>(?:\s*/\s*{arabic})+)?"
        rf"(?:{unit_gap}(?P<u1>(?(cp1){units_nc}|{units_all})))?"
        + (rf"(?:\s+(?P<sc3>{alt(word_scales, 'en')})(?![A-Za-z]))?" if word_scales else "(?P<sc3>(?!))?")
        + rf"{tail}?"
        + rf"(?:\s*(?P<sep>{seps})\s*(?P<sg2>[+-])?(?:(?P<cp2>{cur_pre})\s*)?(?P<n2>{num})"
        rf"(?:{unit_gap}(?P<u2>{units_all}))?)?"
    )
    body = (
        rf"(?:(?P<prot>{prot_re})"
        rf"|(?P<q>{lb}(?:(?P<pre>{pre_q})\s*)?(?:(?P<sw>{sign_w})\s*)?"
        rf"(?:{frac_re}|{upre_re}|(?P<sp>{special_re})|{main})"
        rf"(?:\s*(?P<post>{post_q}))?{la}))"
    )
    # Latin letters open a match only where a word begins (qualifiers, currency and number words)
    master = gates_for(body, re.IGNORECASE, latin_word_start=True) + body
    flags = re.IGNORECASE
    suffix_currency = re.compile(rf"\s*(?P<u>{money_units}){word_b}", flags)
    return Lexicon(
        lang=lang,
        master=re.compile(master, flags),
        units=units,
        minors=minors,
        minor_patterns=minor_patterns,
        prefix_currency=prefix_currency,
        qualifiers=qualifiers,
        post_qualifiers=post_qualifiers,
        sign_words=sign_words,
        unit_prefixes=unit_prefixes,
        specials=specials,
        range_not_after=tuple(data.get("range_not_after") or ()),
        more=frozenset(data.get("more_markers") or zh.get("more_markers") or []),
        suffix_currency=suffix_currency,
    )


__all__ = ["Lexicon", "UnitInfo", "lexicon", "norm"]
