"""Run the claim pipeline over one document."""

from __future__ import annotations

from extractor.claims.record import Claim
from extractor.documents.record import Document
from extractor.nlp.pipeline import get_nlp

SUPPORTED = ("zh", "en")


def warm_up(langs: tuple[str, ...] = SUPPORTED) -> None:
    """Load the pipelines now (once per process), e.g. in a worker initializer."""
    for lang in langs:
        get_nlp(lang)


def extract_document(doc: Document) -> list[Claim]:
    """Every claim of ``doc`` in text order; an unreadable document has none."""
    if doc.error or not doc.text:
        return []
    lang = doc.lang if doc.lang in SUPPORTED else "en"
    nlp = get_nlp(lang)  # registers the Doc extensions on first load
    # strings and lexemes interned for this document are freed afterwards, so a worker's
    # vocabulary does not grow with the corpus (claims hold plain Python values only)
    with nlp.memory_zone():
        sdoc = nlp.make_doc(doc.text)
        sdoc.user_data["newsclaims_text"] = doc.text  # see nlp.pipeline.text_of
        sdoc._.meta = {
            "doc_id": doc.doc_id,
            "content_hash": doc.content_hash,
            "published": doc.published,
            "published_inferred": getattr(doc, "published_inferred", False),
            "title": doc.title,
            "references": doc.references,
            "body_end": getattr(doc, "body_end", None),
        }
        for _, proc in nlp.pipeline:
            sdoc = proc(sdoc)
        return list(sdoc._.claims or [])
