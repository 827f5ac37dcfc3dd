"""newsclaims: market news in, checked numeric claims out."""

from extractor.nlp.thinc_torch import import_thinc_without_torch

import_thinc_without_torch()  # before anything imports spaCy

from extractor.api import check, claims_frame, extract, extract_document, iter_documents, read_documents  # noqa: E402

__version__ = "0.1.0"
__all__ = ["check", "claims_frame", "extract", "extract_document", "iter_documents", "read_documents"]
