"""Build the spaCy pipeline of one language from ``models/pipelines/<lang>.yaml``.

Each pipeline is a blank spaCy ``Language`` (with the regex tokenizer of ``nlp/tokenizer.py``, so no
model download is needed) plus small registered components that annotate one ``Doc``
through custom extension attributes. Pipelines are cached per process: a worker loads
each language once.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.resources import load_yaml

#: ``Doc._.<name>`` attributes the components read and write.
EXTENSIONS = ("meta", "sentence_spans", "quantities", "mentions", "dates", "sources", "claims", "extra_orgs")


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("newsclaims_text")
    if text is None:
        text = doc.user_data["newsclaims_text"] = doc.text
    return text


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets set by ``newsclaims_sentences`` (else from ``doc.sents``)."""
    spans = doc._.sentence_spans
    if spans is None:
        spans = [(s.start_char, s.end_char) for s in doc.sents]
    return spans


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _import_components() -> None:
    """Importing the modules registers their factories with spaCy."""
    import extractor.claims.components  # noqa: F401
    import extractor.nlp.sentences  # noqa: F401
    import extractor.nlp.tokenizer  # noqa: F401


def _intern_characters(nlp: Language, ranges: list[str]) -> None:
    """Make the lexemes of single characters in ``ranges`` ("4E00-9FFF") permanent: documents run
    in memory zones, which would otherwise re-create the same Han characters for every document."""
    for r in ranges:
        lo, _, hi = str(r).partition("-")
        for code in range(int(lo, 16), int(hi or lo, 16) + 1):
            nlp.vocab[chr(code)]  # noqa: B018 - interning is the point


@cache
def get_nlp(lang: str) -> Language:
    """The cached pipeline for ``lang`` ("zh" or "en")."""
    register_extensions()
    _import_components()
    cfg = load_yaml(f"pipelines/{lang}.yaml")
    tokenizer = cfg.get("tokenizer")
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": tokenizer}}} if tokenizer else {})
    if not cfg.get("lexical_attributes", True):
        # like_num, shape, like_url … are computed in Python for every new string a document
        # brings; no component reads them, and documents run in memory zones that re-create them
        nlp.vocab.lex_attr_getters = {}
    _intern_characters(nlp, cfg.get("permanent_characters") or [])
    for comp in cfg["components"]:
        nlp.add_pipe(comp["factory"], name=comp.get("name", comp["factory"]), config=comp.get("config") or {})
    return nlp
