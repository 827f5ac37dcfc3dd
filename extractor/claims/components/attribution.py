"""Component ``newsclaims_attribution``: who each sentence attributes its figures to.

Patterns from ``models/lang/<lang>/attribution.yaml`` mark where a source stands with
``{src}``. Catalog institutions are masked to a placeholder so that every pattern is one
compiled regex per language, whatever the institution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.claims.lexicon import lexicon
from extractor.nlp.gated import compile_gated
from extractor.nlp.pipeline import sentences_of, text_of

MASK = "\x00"


@dataclass(frozen=True)
class SourceHit:
    """An attribution in the sentence ``[sent_start, sent_end)``."""

    sent_start: int
    sent_end: int
    start: int
    end: int
    id: str
    text: str


@cache
def _pattern(lang: str) -> re.Pattern:
    lx = lexicon(lang)
    parts = [p.replace("{src}", f"(?P<src{i}>{MASK}+)") for i, p in enumerate(lx.attribution)]
    return compile_gated("|".join(f"(?:{p})" for p in parts), lx.flags)


_OPEN, _CLOSE = "(（", ")）"


def _with_glosses(text: str, institutions: list) -> list:
    """"巴克莱(Barclays)": a name glossed in brackets by another name of the same institution
    stands as one mention, so "巴克莱(Barclays)分析师预计" reads like "巴克莱分析师预计"."""
    out: list = []
    for m in institutions:
        prev = out[-1] if out else None
        if (prev is not None and prev.id == m.id and m.start - prev.end == 1 and text[prev.end] in _OPEN
                and m.end < len(text) and text[m.end] in _CLOSE):
            out[-1] = replace(prev, end=m.end + 1, text=text[prev.start:m.end + 1])
            continue
        out.append(m)
    return out


def find_sources(text: str, lang: str, sentences, mentions) -> list[SourceHit]:
    institutions = _with_glosses(text, [m for m in mentions if m.kind == "institution"])
    if not institutions:
        return []
    pieces, pos = [], 0
    for m in sorted(institutions, key=lambda m: m.start):
        a = max(m.start, pos)
        if m.end > a:
            pieces += [text[pos:a], MASK * (m.end - a)]
            pos = m.end
    masked = "".join(pieces) + text[pos:]
    pat = _pattern(lang)
    hits: list[SourceHit] = []
    for s, e in sentences:
        if MASK not in masked[s:e]:
            continue
        for m in pat.finditer(masked, s, e):
            span = next((m.span(g) for g, v in m.groupdict().items() if v), None)
            if span is None:
                continue
            inst = next((i for i in institutions if i.start >= span[0] and i.end <= span[1]), None)
            if inst is not None:
                hits.append(SourceHit(s, e, inst.start, inst.end, inst.id, inst.text))
    return hits


@Language.factory("newsclaims_attribution")
def make_attribution(nlp: Language, name: str):
    lang = nlp.lang

    def attribution(doc: Doc) -> Doc:
        sentences = sentences_of(doc)
        doc._.sources = find_sources(text_of(doc), lang, sentences, doc._.mentions or [])
        return doc

    return attribution
