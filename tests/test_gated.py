"""First-character gates (extractor/nlp/gated.py): faster scans, the same matches."""

from __future__ import annotations

import re

import pytest
from _shared import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.claims.lexicon import lexicon
from extractor.documents.reader import iter_documents
from extractor.nlp.gated import first_items, gate_for, prefix_gate, with_gate
from extractor.numbers.lexicon import lexicon as numbers_lexicon
from extractor.numbers.values import fold
from extractor.resources import lang_data


def test_gate_lists_the_characters_a_match_can_start_with():
    assert gate_for(re.compile(r"(?<![\d年])(\d{1,2})\s*月")) == r"[\d]"
    gate = gate_for(re.compile(r"(?:(\d{4})\s*年\s*|(去年|今年))?第?([一二1-4])\s*季度"))
    assert set(gate[1:-1].replace("1-4", "")) == set(r"\d去今第一二")
    assert "1-4" in gate
    assert first_items(r"(?:a|b?)c", 0) == {"a", "b", "c"}


@pytest.mark.parametrize("source", [r"a?", r".x", r"[^a]b", r"(?P<x>a)?(?(x)b|c)", r"(?i:x)y"])
def test_no_gate_where_first_characters_cannot_be_listed(source):
    assert gate_for(re.compile(source)) is None
    assert with_gate(re.compile(source)).pattern == source


@pytest.mark.parametrize("source", [r"^(?:上|下)周", r"(?:当日|当天)", r"abc\d"])
def test_anchored_and_literal_patterns_are_left_alone(source):
    assert with_gate(re.compile(source)).pattern == source


def test_gate_respects_ignorecase():
    pattern = with_gate(re.compile(r"\b(?:(last|next)\s+)?(Monday|Friday)\b", re.IGNORECASE))
    assert pattern.pattern.startswith("(?=[")
    assert [m.group(2) for m in pattern.finditer("LAST MONDAY and friday")] == ["MONDAY", "friday"]


def _texts():
    docs = list(iter_documents([str(SHARED / "corpora/seeds"), str(SHARED / "corpora/dev")]))
    return {lang: [d.text for d in docs if (d.lang == "zh") == (lang == "zh")] for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gated_language_patterns_find_what_the_plain_ones_find(lang):
    """Every date and period pattern of the language data, gated and plain, over real articles."""
    texts = _texts()[lang]
    flags = lexicon(lang).flags
    sources = [v for v in lang_data(lang, "dates").values() if isinstance(v, str)]
    sources += [p["pattern"] for p in lang_data(lang, "periods")["periods"]]
    gated = 0
    for source in sources:
        plain = re.compile(source, flags)
        fast = with_gate(plain)
        gated += fast is not plain
        for text in texts:
            assert [m.groups() + m.span() for m in fast.finditer(text)] == [
                m.groups() + m.span() for m in plain.finditer(text)], source
    assert gated >= 4


def test_prefix_gate_lists_the_first_characters_as_a_trie():
    gate = prefix_gate(r"\b(?:about|around|nearly)\s+\d", re.IGNORECASE)
    assert gate.startswith("(?-i:")
    fast = re.compile(gate)
    assert all(fast.match(w) for w in ("about", "AROUND", "Nea", "nea"))
    assert not any(fast.match(w) for w in ("the", "abs", "ne"))
    # a word-start condition for Latin letters, none for the rest
    gate = prefix_gate(r"(?:约|about\s)?\d+", 0, latin_word_start=True)
    assert re.compile(gate).match("xabout 5", 1) is None and re.compile(gate).match("x about 5", 2)
    assert re.compile(gate).match("约5") and re.compile(gate).match("7")


def test_prefix_gate_reads_a_lookahead_after_a_possible_end():
    """``a(?=\\s+half)`` may end after "a": the lookahead, not "anything", says what follows."""
    fast = re.compile(prefix_gate(r"\b(?:five|a(?=\s+half))\b", re.IGNORECASE))
    assert fast.match("a half") and fast.match("A\thalf") and fast.match("five")
    assert not fast.match("and") and not fast.match("a") and not fast.match("as")


@pytest.mark.parametrize("source", [r"a?", r".x", r"(?i:x)y", r"(?!)"])
def test_no_prefix_gate_where_prefixes_cannot_be_listed(source):
    assert prefix_gate(source, 0) is None


_SOURCES = [r"\b(?:(last|next)\s+)?(Monday|Friday)\b", r"(?:up|down)\s*(?:to\s+)?\d+(?:\.\d+)?\s*%",
            r"(?<![A-Za-z])(?:a(?=\s+(?:half|quarter))|two|twelve)(?:\s+(?:billion|million))*\b",
            r"(?:kelvin|Ks|si?x)+y?", r"(?:s&p|S\.?T)\s*\d{2,3}", r"\b(?:no\.?|n)\s?[1-9]"]


@settings(max_examples=300)
@given(st.text(alphabet="aAbdefhiklmnopqrstuvwxyKSſı&.% \t0123456789", max_size=40),
       st.sampled_from(_SOURCES), st.booleans())
def test_prefix_gated_patterns_find_what_the_plain_ones_find(text, source, icase):
    flags = re.IGNORECASE if icase else 0
    plain = re.compile(source, flags)
    gated = with_gate(plain)
    assert [m.span() + m.groups() for m in gated.finditer(text)] == [
        m.span() + m.groups() for m in plain.finditer(text)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_number_grammar_behind_its_gates_finds_what_it_finds_without(lang):
    """The master regex with its character and prefix gates against its ungated body."""
    master = numbers_lexicon(lang).master
    body = re.compile(master.pattern[master.pattern.index("(?:(?P<prot>"):], master.flags)
    assert body.pattern != master.pattern
    for text in _texts()[lang]:
        w = fold(text)
        assert [m.span() for m in master.finditer(w)] == [m.span() for m in body.finditer(w)]


def test_prefix_gate_of_characters_whose_upper_case_is_two():
    """"ß".upper() is "SS": such variants are left out (the engine folds one character to one)."""
    plain = re.compile(r"(?:straße|ﬁx)\d", re.IGNORECASE)
    fast = re.compile(prefix_gate(plain.pattern, plain.flags))
    assert fast.match("STR") and fast.match("ﬁX1") and not fast.match("ﬁy")
    text = "Straße1 STRASSE2 ﬁx3 ſtraße4"
    assert [m.span() for m in with_gate(plain).finditer(text)] == [m.span() for m in plain.finditer(text)]
