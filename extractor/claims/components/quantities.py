"""Component ``newsclaims_quantities``: run the number grammar over the document."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.nlp.pipeline import text_of
from extractor.numbers import find_quantities


@Language.factory("newsclaims_quantities")
def make_quantities(nlp: Language, name: str):
    lang = nlp.lang

    def quantities(doc: Doc) -> Doc:
        doc._.quantities = find_quantities(text_of(doc), lang)
        return doc

    return quantities
