"""Sentence boundaries (extractor.nlp.sentences)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from _shared import SHARED

from extractor.documents.normalize import fold
from extractor.documents.reader import iter_documents, read_file
from extractor.nlp.sentences import sentence_spans

SEEDS = SHARED / "corpora/seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "corpora" / "samples"


def _sents(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, lang)]


def test_english_abbreviations_decimals_initials():
    text = ("Shares of General Motors Corp. fell 3.4 percent after the No. 1 U.S. carmaker spoke. "
            "Motorola Keeps Dividend at $1.21 a Share. Trading ended at 4 p.m. on Feb. 4, said J. P. Morgan "
            "Chase & Co. analysts. Acme Inc. rose. Oil fell!\nNew paragraph here")
    assert _sents(text, "en") == [
        "Shares of General Motors Corp. fell 3.4 percent after the No. 1 U.S. carmaker spoke.",
        "Motorola Keeps Dividend at $1.21 a Share.",
        "Trading ended at 4 p.m. on Feb. 4, said J. P. Morgan Chase & Co. analysts.",
        "Acme Inc. rose.",
        "Oil fell!",
        "New paragraph here",
    ]


def test_english_closing_quote_stays():
    assert _sents('He said "stocks fell." Then he left.', "en") == ['He said "stocks fell."', "Then he left."]


def test_chinese_quotes_decimals_citations():
    text = "他说「今天涨了1.35%。明天呢?」然后离开。纳指下跌1.35%,收于22904.58点 [0]。这是“好事。真的”。第二句[3][4]。\n新段落"
    assert _sents(text, "zh") == [
        "他说「今天涨了1.35%。明天呢?」然后离开。",
        "纳指下跌1.35%,收于22904.58点 [0]。",
        "这是“好事。真的”。",
        "第二句[3][4]。",
        "新段落",
    ]


def test_chinese_semicolon_does_not_split_like_gold():
    assert _sents("沪指跌0.43%;深成跌0.79%。", "zh") == ["沪指跌0.43%;深成跌0.79%。"]


def _key(s: str) -> str:
    return re.sub(r"^[-\s]+|[\s*]+", "", fold(s))


def test_seed_gold_sentences_are_sentences():
    gold = [json.loads(x) for x in (SHARED / "eval/gold/seeds.jsonl").read_text("utf-8").splitlines()]
    docs: dict[str, set[str]] = {}
    hits = total = 0
    for r in gold:
        if r["doc_id"] not in docs:
            (doc,) = read_file(str(SEEDS / r["doc_id"]))
            docs[r["doc_id"]] = {_key(x) for x in _sents(doc.text, "zh")}
        total += 1
        hits += _key(r["sentence"]) in docs[r["doc_id"]]
    assert hits / total >= 0.85, (hits, total)


def test_spacy_component_sets_sentence_starts():
    for lang, text in (("zh", "纳指下跌1.35%。道指上涨0.36%。"), ("en", "The Dow rose 1.2%. The S&P 500 fell 0.5%.")):
        nlp = spacy.blank(lang)
        nlp.add_pipe("newsclaims_sentences")
        doc = nlp(text)
        assert [s.text for s in doc.sents] == _sents(text, lang)


def test_long_text_splits_as_its_parts():
    """Speed is the benchmark's business (scripts/bench.py); here: a long text is cut exactly
    where its repeated parts are."""
    (doc,) = read_file(str(SEEDS / "002_ee484664696a78b4.txt"))
    part = doc.text + "\n"
    one = sentence_spans(part, "zh")
    many = sentence_spans(part * 50, "zh")
    assert many == [(a + k * len(part), b + k * len(part)) for k in range(50) for a, b in one]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tokenizer_round_trips_and_keeps_numbers_whole(lang):
    from extractor.nlp.pipeline import get_nlp

    nlp = get_nlp(lang)
    text = "纳斯达克100指数下跌1.35%，收于22,904.58点。\n\n  Nasdaq  rose\t x; S&P 500's 6,882.71 ."
    doc = nlp.make_doc(text)
    assert doc.text == text
    words = [t.text for t in doc]
    for w in ("1.35", "22,904.58", "Nasdaq", "纳斯达克", "指数下跌", "500's", "6,882.71"):
        assert w in words
    (seed,) = read_file(str(SEEDS / "002_ee484664696a78b4.txt"))
    assert nlp.make_doc(seed.text).text == seed.text


def test_english_claims_do_not_depend_on_the_tokenizer():
    """The regex tokenizer only has to carry sentence starts: spaCy's rule-based English
    tokenizer gives the same claims on real articles."""
    import spacy

    from extractor.claims.extract import extract_document
    from extractor.nlp.pipeline import get_nlp

    nlp = get_nlp("en")
    docs = [d for d in iter_documents([str(SAMPLES)]) if d.lang == "en"]
    assert docs
    fast = [extract_document(d) for d in docs]
    original = nlp.tokenizer
    nlp.tokenizer = spacy.blank("en", vocab=nlp.vocab).tokenizer
    try:
        slow = [extract_document(d) for d in docs]
    finally:
        nlp.tokenizer = original
    assert fast == slow and sum(map(len, fast)) > 50


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_vocabulary_does_not_grow_with_the_corpus(lang):
    """Every document is extracted in a spaCy memory zone: new words and numbers are not kept."""
    from extractor.claims.extract import extract_document
    from extractor.documents.record import Document
    from extractor.nlp.pipeline import get_nlp

    def doc(i: int) -> Document:
        text = (f"Zyx{i}corp said the S&P 500 fell {i}.{i % 97:02d}% to {6000 + i:,}.{i % 89:02d} points."
                if lang == "en" else f"据路透社{i}报道，纳斯达克综合指数下跌{i}.{i % 97:02d}%，收于{20000 + i}.58点。")
        return Document(doc_id=f"d{i}", path=f"d{i}.txt", text=text, lang=lang)

    strings = get_nlp(lang).vocab.strings
    assert extract_document(doc(0))
    before = len(strings)
    claims = [extract_document(doc(i)) for i in range(1, 200)]
    assert all(claims)
    assert len(strings) == before
