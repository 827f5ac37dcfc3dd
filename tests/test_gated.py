"""First-character gates (extractor/nlp/gated.py): faster scans, the same matches."""

from __future__ import annotations

import re

import pytest
from _shared import SHARED

from extractor.claims.lexicon import lexicon
from extractor.documents.reader import iter_documents
from extractor.nlp.gated import first_items, gate_for, with_gate
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
