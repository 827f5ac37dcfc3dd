"""The Python API: folders in, pandas DataFrames out.

    >>> import extractor
    >>> docs = extractor.read_documents(["corpora/samples"])        # DataFrame, one row per file
    >>> claims = extractor.extract(["corpora/samples"])             # DataFrame of CLAIMS.md records
    >>> checked = extractor.check(claims, prices="corpora/prices")  # adds verdict columns
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from os import PathLike

import pandas as pd

from extractor.claims.record import CHECK_COLUMNS, CLAIM_COLUMNS, Claim
from extractor.documents.record import DOCUMENT_COLUMNS, Document

PathArg = str | PathLike | Iterable[str | PathLike]


def _paths(paths: PathArg) -> list[str]:
    if isinstance(paths, str | PathLike):
        return [str(paths)]
    return [str(p) for p in paths]


def iter_documents(paths: PathArg, include: list[str] | None = None,
                   exclude: list[str] | None = None) -> Iterator[Document]:
    """Read every supported file under ``paths``; bad files come back with ``error`` set."""
    from extractor.documents.reader import iter_documents as _iter

    yield from _iter(_paths(paths), include=include, exclude=exclude)


def read_documents(paths: PathArg, **kwargs) -> pd.DataFrame:
    """The documents table (CLAIMS.md Documents section plus ``encoding``/``error``)."""
    rows = [d.to_row() for d in iter_documents(paths, **kwargs)]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def extract_document(doc: Document) -> list[Claim]:
    """All claims of one document (empty for an unreadable one)."""
    from extractor.claims.extract import extract_document as _extract

    return _extract(doc)


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    return pd.DataFrame([c.to_row() for c in claims], columns=CLAIM_COLUMNS)


def extract(paths: PathArg, **kwargs) -> pd.DataFrame:
    """Read and extract: one DataFrame row per claim, in document then text order."""
    out: list[Claim] = []
    for doc in iter_documents(paths, **kwargs):
        out.extend(extract_document(doc))
    return claims_frame(out)


def check(claims: pd.DataFrame, prices=None, **kwargs) -> pd.DataFrame:
    """Add the verdict columns of CLAIMS.md (``verdict``, ``verdict_reason``, ...)."""
    from extractor.checking.verdicts import check_claims

    return check_claims(claims, prices=prices, **kwargs)


__all__ = [
    "iter_documents", "read_documents", "extract_document", "extract", "claims_frame", "check",
    "CLAIM_COLUMNS", "CHECK_COLUMNS", "DOCUMENT_COLUMNS",
]
