"""newsclaims: market news in, checked numeric claims out."""

from extractor.api import check, claims_frame, extract, extract_document, iter_documents, read_documents

__version__ = "0.1.0"
__all__ = ["check", "claims_frame", "extract", "extract_document", "iter_documents", "read_documents"]
