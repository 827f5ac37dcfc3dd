"""Language of a document: CJK share first, langdetect (seeded) on a bounded sample otherwise.

Only a sample (the first ~2000 characters plus a chunk from the middle) is inspected, so a
long document costs the same as a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Counting by deleting everything else: runs, not single characters, are what the engine visits.
_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOT_ASCII_LETTER = bytes(c for c in range(128) if not (65 <= c <= 90 or 97 <= c <= 122))
_WORD = re.compile(r"[a-z]+")
_EN_FUNCTION_WORDS = frozenset(
    "the of and to in a is was on for that with as at by from it its are were be has have had "
    "an or but this which after than their said".split())
ZH_SHARE = 0.25  # CJK share of letters from which a text is Chinese
MIXED = (0.15, 0.6)  # a CJK share in this band means substantial text in both scripts


@dataclass
class LangGuess:
    lang: str | None
    mixed: bool
    cjk_share: float


def sample(text: str, head: int = 2000, middle: int = 1000) -> str:
    if len(text) <= head + middle:
        return text
    mid = len(text) // 2
    return text[:head] + "\n" + text[mid:mid + middle]


def detect_language(text: str) -> LangGuess:
    s = sample(text)
    cjk = len(_NOT_CJK.sub("", s))  # == len(_CJK.findall(s))
    latin = len(s.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))  # == len(_LATIN.findall(s))
    if cjk + latin == 0:
        return LangGuess(None, False, 0.0)
    share = cjk / (cjk + latin)
    mixed = MIXED[0] <= share <= MIXED[1]
    if share >= ZH_SHARE:
        return LangGuess("zh", mixed, share)
    words = _WORD.findall(s.lower())
    if words and sum(map(_EN_FUNCTION_WORDS.__contains__, words)) / len(words) >= 0.12:
        return LangGuess("en", mixed, share)  # unmistakably English: skip langdetect (slow)
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        lang = detect(sample(s, 700, 300))
    except LangDetectException:
        lang = "en" if latin else None
    if lang and lang.startswith("zh"):
        lang = "zh"
    return LangGuess(lang, mixed, share)
