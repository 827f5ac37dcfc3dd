"""The document record: what reading one file produces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

DOCUMENT_COLUMNS = [
    "doc_id", "path", "lang", "title", "published", "published_inferred", "outlet", "url",
    "n_chars", "text", "encoding", "format", "mixed_language", "references", "content_hash", "error",
    "body_end", "warnings",
]


@dataclass
class Reference:
    """One entry of an article's numbered source list ("[1] 路透社 - 《…》 URL: … 日期:…")."""

    n: int
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass
class Document:
    """A normalized article. Claim offsets point into ``text``.

    ``body_end`` is the offset in ``text`` where a trailing reference list starts (claims are
    not taken from after it), None when there is none; ``warnings`` lists non-fatal problems
    (e.g. invalid front matter read as body text).
    ``original`` keeps the decoded text before normalization and ``offset_map`` maps each
    character of ``text`` back to its index in ``original`` so nothing is lost.
    """

    doc_id: str
    path: str
    text: str = ""
    lang: str | None = None
    title: str | None = None
    published: str | None = None
    published_inferred: bool = False
    outlet: str | None = None
    url: str | None = None
    encoding: str | None = None
    format: str | None = None
    mixed_language: bool = False
    references: list[Reference] = field(default_factory=list)
    content_hash: str | None = None
    error: str | None = None
    body_end: int | None = None
    warnings: list[str] = field(default_factory=list)
    original: str | None = field(default=None, repr=False)
    offset_map: Sequence[int] | None = field(default=None, repr=False)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def ok(self) -> bool:
        return self.error is None

    def original_span(self, start: int, end: int) -> str:
        """The original (pre-normalization) text behind ``text[start:end]``."""
        if self.original is None or self.offset_map is None or start >= end:
            return self.text[start:end]
        a = self.offset_map[start]
        b = self.offset_map[end - 1] + 1
        return self.original[a:b]

    def to_row(self) -> dict[str, Any]:
        """A documents-table row (columns of CLAIMS.md plus ``encoding`` and ``error``)."""
        row = {
            "doc_id": self.doc_id, "path": self.path, "lang": self.lang, "title": self.title,
            "published": self.published, "published_inferred": self.published_inferred,
            "outlet": self.outlet, "url": self.url, "n_chars": self.n_chars, "text": self.text,
            "encoding": self.encoding, "format": self.format, "mixed_language": self.mixed_language,
            "references": [asdict(r) for r in self.references],
            "content_hash": self.content_hash, "error": self.error,
            "body_end": self.body_end, "warnings": list(self.warnings),
        }
        return {c: row[c] for c in DOCUMENT_COLUMNS}
