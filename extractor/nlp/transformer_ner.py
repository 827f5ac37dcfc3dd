"""Optional transformer NER: finds organizations the catalog lacks.

Registered as the spaCy factory ``newsclaims_transformer_ner``; the default pipelines never add
it, and transformers/torch are imported only when it is built, so nothing else depends on them
(``pip install newsclaims[transformers]``). It runs a Hugging Face token-classification model
(hub name or local folder; offline use works with ``HF_HUB_OFFLINE=1``) on CPU over the doc
text in chunks and stores ``doc._.extra_orgs``: a list of ``(start_char, end_char, label, score)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "newsclaims_transformer_ner"
EXTENSION = "extra_orgs"
INSTALL_HINT = "pip install newsclaims[transformers]"

# Where a chunk may end: after sentence punctuation or a line break, else after a space.
_BREAK = re.compile(r"[。！？!?；;\n]|[.](?=\s)")

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def _import_transformers() -> Any:
    """transformers (with torch) or an ImportError that says how to install them."""
    try:
        import torch  # noqa: F401
        import transformers
    except ImportError as exc:
        raise ImportError(
            f"the {FACTORY} component needs transformers and torch ({exc}); run: {INSTALL_HINT}"
        ) from exc
    return transformers


def chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most ``max_chars`` characters, cut at sentence ends when
    possible so the model sees whole sentences and stays under its token limit."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = max((m.end() for m in _BREAK.finditer(text, start, end)), default=-1)
            if cut <= start:
                cut = text.rfind(" ", start, end) + 1
            if cut > start:
                end = cut
        if text[start:end].strip():
            out.append((start, text[start:end]))
        start = end
    return out


@dataclass
class TransformerNER:
    """Callable pipe; see the module docstring."""

    model: str
    labels: tuple[str, ...]
    min_score: float
    max_chars: int
    batch_size: int

    def __post_init__(self) -> None:
        if not self.model:
            raise ValueError(f"{FACTORY}: set 'model' to a Hugging Face model name or a local folder")
        if self.max_chars < 16:
            raise ValueError(f"{FACTORY}: max_chars must be at least 16, got {self.max_chars}")
        transformers = _import_transformers()
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(self.model, use_fast=True)
            model = transformers.AutoModelForTokenClassification.from_pretrained(self.model)
        except OSError as exc:
            raise OSError(f"{FACTORY}: cannot load model {self.model!r}: {exc}") from exc
        model.eval()
        self._pipe = transformers.pipeline(
            "token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="simple", device=-1
        )

    def spans(self, text: str) -> list[tuple[int, int, str, float]]:
        """Entity spans of the wanted labels in ``text``, in text order."""
        pieces = chunks(text, self.max_chars)
        if not pieces:
            return []
        results = self._pipe([p for _, p in pieces], batch_size=self.batch_size)
        found: set[tuple[int, int, str, float]] = set()
        for (offset, piece), entities in zip(pieces, results, strict=True):
            for ent in entities:
                label = str(ent.get("entity_group") or ent.get("entity", "")).removeprefix("B-").removeprefix("I-")
                score = round(float(ent["score"]), 4)
                if label not in self.labels or score < self.min_score or ent.get("start") is None:
                    continue
                start, end = int(ent["start"]), int(ent["end"])
                while start < end and piece[start].isspace():
                    start += 1
                while end > start and piece[end - 1].isspace():
                    end -= 1
                if start < end:
                    found.add((offset + start, offset + end, label, score))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, self.spans(doc.text))
        return doc


@Language.factory(
    FACTORY,
    default_config={"model": "", "labels": ["ORG"], "min_score": 0.5, "max_chars": 400, "batch_size": 8},
)
def make_transformer_ner(
    nlp: Language, name: str, model: str, labels: list[str], min_score: float, max_chars: int, batch_size: int
) -> TransformerNER:
    """spaCy factory; ``nlp.add_pipe(FACTORY, config={"model": "path/or/hub-name"})``."""
    return TransformerNER(model, tuple(labels), float(min_score), int(max_chars), int(batch_size))
