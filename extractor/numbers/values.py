"""Turn one written number into a float: Arabic, Chinese, mixed and English word forms.

The digit and scale tables come from ``models/lang/*/numbers.yaml``; this module only does
the arithmetic, so both languages share it. Strings here are short (one mention), so a
token loop is fine; the text-wide search lives in ``parser.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.resources import lang_data

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, one char for one char so offsets hold.
# The full-width comma stays: it is a thousands separator only between full-width digits.
FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
FULLWIDTH.update({0x2212: ord("-"), 0x3000: ord(" "), 0x00A0: ord(" "), 0x2009: ord(" "), 0x202F: ord(" ")})
_FW_COMMA = re.compile("(?<=[０-９])，(?=[０-９])")
# CJK punctuation (，：；（）！？) is left alone: the grammar reads it as written.
_NEEDS_FOLD = re.compile("[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e\u2212\u3000\u00a0\u2009\u202f]")


def fold(text: str) -> str:
    """Same-length copy of ``text`` with full-width digits, letters and signs made ASCII."""
    if not _NEEDS_FOLD.search(text):
        return text
    if "，" in text:
        text = _FW_COMMA.sub(",", text)
    return _NEEDS_FOLD.sub(_fold_char, text)


def _fold_char(m: re.Match[str]) -> str:
    return chr(FULLWIDTH[ord(m.group())])


@dataclass(frozen=True)
class NumberData:
    """Digit and scale tables of both languages, merged: a number string has no language."""

    digits: dict[str, int]
    small: dict[str, float]
    large: dict[str, float]
    points: frozenset[str]
    latin: dict[str, float]
    words: dict[str, float]
    fractions: dict[str, float]
    hundred: frozenset[str]
    more: frozenset[str]


@lru_cache(maxsize=1)
def number_data() -> NumberData:
    zh = lang_data("zh", "numbers") or {}
    en = lang_data("en", "numbers") or {}
    latin = {k.lower(): float(v) for k, v in (en.get("latin_scales") or {}).items()}
    latin.update({k.lower(): float(v) for k, v in (zh.get("latin_scales") or {}).items()})
    return NumberData(
        digits={k: int(v) for k, v in zh["digits"].items()},
        small={k: float(v) for k, v in zh["small_scales"].items()},
        large={k: float(v) for k, v in zh["large_scales"].items()},
        points=frozenset(zh["decimal_points"]),
        latin=latin,
        words={k: float(v) for k, v in en["word_units"].items()},
        fractions={k: float(v) for k, v in en["word_fractions"].items()},
        hundred=frozenset(en["word_hundred"]),
        more=frozenset(zh.get("more_markers") or []),
    )


_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|\S")
_LATIN_TAIL = re.compile(r"^(.*?\d)\s*([A-Za-z]+)$")
_WORD_SPLIT = re.compile(r"[\s\-]+")


def _cjk_integer(s: str, d: NumberData) -> float | None:
    """Chinese or mixed integer part: 一万二, 四十九兆九千五百九十二, 3.5万, 2万亿, 二〇二六."""
    total = 0.0
    section = 0.0
    num: float | None = None
    largest = 0.0
    juxtaposed = False
    saw_scale = False
    zero_gap = False
    last_scale = 0.0
    prev_scale = False
    num_follows_scale = False
    for tok in _TOKEN.findall(s):
        if tok[0].isdigit() or tok in d.digits:
            v = float(tok) if tok[0].isdigit() else float(d.digits[tok])
            if tok in ("零",) and saw_scale:
                zero_gap = True
                prev_scale = False
                continue
            if num is not None:
                if saw_scale or not float(num).is_integer() or "." in tok:
                    return None
                num = num * (10 ** len(tok) if tok[0].isdigit() else 10) + v
                juxtaposed = True
            else:
                num = v
                num_follows_scale = prev_scale
            prev_scale = False
            continue
        if juxtaposed:
            return None
        if tok in d.small:
            scale = d.small[tok]
            section += (1.0 if num is None else num) * scale
            num = None
        elif tok in d.large:
            scale = d.large[tok]
            part = section + (num or 0.0)
            if part == 0.0 and total == 0.0:
                part = 1.0
            if total and part == 0.0:
                total *= scale
            elif total and scale > largest:
                total = (total + part) * scale
            else:
                total += part * scale
            largest = max(largest, scale)
            section = 0.0
            num = None
        else:
            return None
        saw_scale = True
        zero_gap = False
        last_scale = scale
        prev_scale = True
    if num is not None and num_follows_scale and not zero_gap and last_scale >= 100 and num < 10:
        if float(num).is_integer():
            num = num * last_scale / 10  # 一万二 = 12000, 三千五 = 3500
    return total + section + (num or 0.0)


def _cjk(s: str, d: NumberData) -> float | None:
    """Chinese numerals with an optional 点 fraction (三点五, 一百二十点五, 三点五万)."""
    for p in d.points:
        if p in s:
            head, _, frac = s.partition(p)
            whole = _cjk_integer(head, d) if head else 0.0
            scale = 1.0
            while frac and (frac[-1] in d.large or frac[-1] in d.small):
                scale *= d.large.get(frac[-1]) or d.small[frac[-1]]
                frac = frac[:-1]
            if whole is None or not frac:
                return None
            digits = []
            for ch in frac:
                if ch.isdigit():
                    digits.append(ch)
                elif ch in d.digits:
                    digits.append(str(d.digits[ch]))
                else:
                    return None
            return (whole + float("0." + "".join(digits))) * scale
    return _cjk_integer(s, d)


def _words(s: str, d: NumberData) -> float | None:
    """English number words: twenty-two, one hundred and five, three quarters billion."""
    total = 0.0
    current = 0.0
    seen = False
    for w in _WORD_SPLIT.split(s.lower()):
        if not w or w == "and" or w == "a":
            continue
        if w in d.words:
            current += d.words[w]
        elif w in d.fractions:
            current = current * d.fractions[w] if (w.endswith("s") and current) else current + d.fractions[w]
        elif w in d.hundred:
            current = (current or 1.0) * 100
        elif w in d.latin:
            total += (current or 1.0) * d.latin[w]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


@lru_cache(maxsize=4096)
def parse_plain(s: str) -> float | None:
    """One unsigned number, any style, no unit words (the grammar strips them first)."""
    d = number_data()
    s = s.strip()
    if not s:
        return None
    if _ARABIC.fullmatch(s):
        return float(s.replace(",", ""))
    m = _LATIN_TAIL.match(s)
    if m and m.group(2).lower() in d.latin and _ARABIC.fullmatch(m.group(1).strip()):
        return float(m.group(1).replace(",", "")) * d.latin[m.group(2).lower()]
    if s[0].isascii() and s[0].isalpha():
        return _words(s, d)
    compact = re.sub(r"\s+", "", s).replace(",", "")
    if any(c in d.more for c in compact):
        compact = "".join(c for c in compact if c not in d.more)
    if compact.endswith(("k", "K")):
        base = _cjk(compact[:-1], d)
        return None if base is None else base * 1e3
    return _cjk(compact, d)


def parse_number(s: str) -> float | None:
    """Parse one number string: 1,350 · 3.5万 · 2万亿 · 两千 · 三点五 · 一万二 · 百分之五 · 12.5k · 3 million · ２．５."""
    if not isinstance(s, str):
        return None
    s = fold(s).strip()
    sign = 1.0
    if not s:
        return None
    if s[0] in "+-":
        sign, s = (-1.0 if s[0] == "-" else 1.0), s[1:]
    elif s[:1] in ("负", "負"):
        sign, s = -1.0, s[1:]
    elif s.lower().startswith("minus "):
        sign, s = -1.0, s[6:]
    s = s.strip()
    for pre in ("百分之",):
        if s.startswith(pre):
            s = s[len(pre) :]
            if s == "百":
                return sign * 100.0
    if s.endswith("%"):
        s = s[:-1]
    low = s.lower()
    for suffix in (" percent", " per cent", " pct"):
        if low.endswith(suffix):
            s = s[: -len(suffix)]
            break
    value = parse_plain(s)
    return None if value is None else sign * value
