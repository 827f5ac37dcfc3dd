"""A fast tokenizer for news text: one token per Latin/digit run, per Han run, per other character.

Nothing downstream of tokenization needs more than character offsets and sentence starts:
the claim components read the text through regexes and catalogs. spaCy's blank "zh"
pipeline segments by character through a pure-Python loop, and the rule-based English
tokenizer spends most of its time on prefix/suffix/exception rules nobody reads; a single
regex pass gives a segmentation that serves both languages ("纳斯达克100指数下跌1.35%" →
纳斯达克 100 指数下跌 1.35 %; "S&P 500 fell 1.35%" → S & P 500 fell 1.35 %), with numbers and
words kept whole, at a fraction of the cost. Registered as ``newsclaims.regex_tokenizer`` so a
pipeline config (``models/pipelines/<lang>.yaml``) can name it; leaving ``tokenizer:`` out of
that config gives spaCy's own tokenizer back.

Han runs are whole tokens (a third as many tokens as one per character, the cheaper Doc):
each run is a new lexeme, but documents are extracted in a spaCy memory zone
(``claims/extract.py``), so those lexemes are freed with the document and the vocabulary does
not grow with the corpus.
"""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

# a Latin/digit run (with inner decimal points, separators and apostrophes), a run of Han
# characters, or one other non-space character, or one whitespace character; each followed by
# at most one trailing space
_TOKEN = re.compile(r"([A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*|[\u3400-\u4dbf\u4e00-\u9fff]+|[^\s]|\s)( ?)")


class RegexTokenizer:
    """Callable ``text -> Doc``; the text round-trips exactly (``doc.text == text``)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pairs = _TOKEN.findall(text)
        return Doc(self.vocab, words=[w for w, _ in pairs], spaces=[bool(s) for _, s in pairs])

    def to_bytes(self, **_) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_) -> RegexTokenizer:
        return self

    def to_disk(self, _path, **_) -> None:
        return None

    def from_disk(self, _path, **_) -> RegexTokenizer:
        return self


@spacy.registry.tokenizers("newsclaims.regex_tokenizer")
def create_regex_tokenizer():
    def make(nlp) -> RegexTokenizer:
        return RegexTokenizer(nlp.vocab)

    return make
