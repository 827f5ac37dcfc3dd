"""The claim record of ``CLAIMS.md``: fixed columns, typed, one per claim."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

KINDS = ("index_move", "sector_move", "asset_move", "percentile", "money", "percent")
MOVE_KINDS = frozenset({"index_move", "sector_move", "asset_move"})

CLAIM_COLUMNS = [
    "claim_id", "doc_id", "doc_hash", "lang", "kind", "text", "start", "end", "sentence",
    "subject", "subject_text", "market", "source", "source_text", "refs", "date",
    "change_pct", "change_abs", "level", "from_level", "period", "record_high",
    "change_pct_low", "change_pct_high",
    "percentile", "window",
    "amount", "amount_low", "amount_high", "currency",
    "percent", "percent_low", "percent_high", "unit",
    "approx", "bound",
]

CHECK_COLUMNS = [
    "verdict", "verdict_reason", "observed_change_pct", "observed_level", "observed_date",
    "price_series", "explanation",
]


@dataclass
class Claim:
    """One numeric claim. Unused kind-specific fields stay ``None``."""

    doc_id: str
    lang: str
    kind: str
    text: str
    start: int
    end: int
    sentence: str = ""
    doc_hash: str | None = None
    subject: str | None = None
    subject_text: str | None = None
    market: str | None = None
    source: str | None = None
    source_text: str | None = None
    refs: list[int] = field(default_factory=list)
    date: str | None = None
    change_pct: float | None = None
    change_abs: float | None = None
    level: float | None = None
    from_level: float | None = None
    period: str | None = None
    record_high: bool | None = None
    change_pct_low: float | None = None
    change_pct_high: float | None = None
    percentile: float | None = None
    window: str | None = None
    amount: float | None = None
    amount_low: float | None = None
    amount_high: float | None = None
    currency: str | None = None
    percent: float | None = None
    percent_low: float | None = None
    percent_high: float | None = None
    unit: str | None = None
    approx: bool = False
    bound: str | None = None

    @property
    def claim_id(self) -> str:
        """Stable id: document (path and content hash) plus span, kind and subject."""
        key = f"{self.doc_id}\x00{self.doc_hash}\x00{self.start}\x00{self.end}\x00{self.kind}\x00{self.subject}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_row(self) -> dict[str, Any]:
        """The CLAIMS.md columns in order (a shallow copy: ``dataclasses.asdict`` deep-copies every
        field and cost more than extracting a short article)."""
        row = {c: getattr(self, c) for c in CLAIM_COLUMNS}
        row["refs"] = list(self.refs)
        return row
