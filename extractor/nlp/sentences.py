"""Sentence boundaries for Chinese and English market news (regex based, fast).

Chinese: a sentence ends after 。!? (folded from ！？; ";" too when ``split_on_semicolon``) or at
a line break, never inside 「…」 “…” 《…》 "…" quotes, and a closing quote/bracket or a citation
marker (" [1]", "[3][4]") stays with the sentence it ends. English: ends after . ! ? when the
next sentence starts with an upper-case letter, digit or opening quote, except after listed
abbreviations (models/lang/en/sentences.yaml: "Inc.", "Feb.", "No.", "p.m."...), initials and
dotted acronyms ("U.S."); decimals ("$1.21") never split because no space follows the dot.

``sentence_spans(text, lang)`` works without spaCy; the ``newsclaims_sentences`` factory sets
``token.is_sent_start`` in a blank "zh"/"en" pipeline from the same spans.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractor.nlp.pipeline import text_of
from extractor.resources import lang_data

_CLOSERS = "」』”’\"')）]》】"
_CITE = r"(?:[ \t]?\[\d{1,3}\](?:\[\d{1,3}\])*)?"
_MAX_QUOTE = 400  # an unclosed quote stops protecting after this many characters


@lru_cache(maxsize=4)
def _config(lang: str) -> dict:
    return (lang_data("zh" if lang.startswith("zh") else "en", "sentences") or {})


@lru_cache(maxsize=4)
def _zh_pattern(lang: str) -> re.Pattern[str]:
    cfg = _config(lang)
    enders = cfg.get("enders", "。!?") + (";；" if cfg.get("split_on_semicolon") else "")
    return re.compile(rf"[{re.escape(enders)}]+[{re.escape(_CLOSERS)}]*{_CITE}|\n+")


@lru_cache(maxsize=4)
def _zh_quotes(lang: str) -> list[tuple[str, str]]:
    return [(q[0], q[1]) for q in _config(lang).get("quotes", ["「」", "“”", "『』", "《》", '""'])]


_EN_END = re.compile(rf"(\.\.\.|[.!?]+)[{re.escape(_CLOSERS)}]*{_CITE}(?=[ \t]+[\"'“‘(\[]?[A-Z0-9$])|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(str(a) for a in (_config("en").get("abbreviations") or []))


def _inside_quotes(seg: str, quotes: list[tuple[str, str]]) -> bool:
    for o, c in quotes:
        if o == c:
            if seg.count(o) % 2:
                return True
        elif seg.count(o) > seg.count(c):
            return True
    return False


def _spans_from_cuts(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        start = cut
    return out


def _zh_cuts(text: str, lang: str) -> list[int]:
    quotes = _zh_quotes(lang)
    cuts: list[int] = []
    start = 0
    for m in _zh_pattern(lang).finditer(text):
        if m.group()[0] != "\n":
            seg = text[start:m.start()]
            if len(seg) < _MAX_QUOTE and _inside_quotes(seg, quotes):
                continue
        cuts.append(m.end())
        start = m.end()
    return cuts


def _en_cuts(text: str) -> list[int]:
    abbr = _abbreviations()
    cuts: list[int] = []
    for m in _EN_END.finditer(text):
        g = m.group()
        if g[0] == "." and g[:3] != "...":
            w = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
            word = w.group(1) if w else ""
            if word and (word in abbr or word.rstrip(".") in abbr or len(word) == 1
                         or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)):
                continue
        cuts.append(m.end())
    return cuts


def sentence_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of ``text`` (whitespace trimmed)."""
    if not text:
        return []
    lang = lang or "en"
    cuts = _zh_cuts(text, lang) if lang.startswith("zh") else _en_cuts(text)
    return _spans_from_cuts(text, cuts)


class SentenceSetter:
    """spaCy component: marks ``is_sent_start`` from :func:`sentence_spans`."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        spans = sentence_spans(text_of(doc), self.lang)
        if Doc.has_extension("sentence_spans"):
            doc._.sentence_spans = spans  # plain offsets: cheaper to read than doc.sents
        starts = numpy.array(sorted(a for a, _ in spans), dtype="int64")
        idx = doc.to_array([IDX]).astype("int64").reshape(-1)
        # a token starts a sentence when a sentence start falls in (previous token, this token]
        upto = numpy.searchsorted(starts, idx, side="right")
        before = numpy.concatenate(([0], upto[:-1]))
        flags = numpy.where(upto > before, 1, -1).astype("int64")
        flags[0] = 1
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
        return doc


@Language.factory("newsclaims_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSetter:
    return SentenceSetter(nlp.lang)
