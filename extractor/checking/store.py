"""The local price store: one DuckDB file holding every imported series.

Why DuckDB: it is already a dependency, it is a single embedded file (no server), it reads pandas
frames without copying and answers the checker's joins in SQL, and ``INSERT OR REPLACE`` on the
primary key ``(series, date)`` gives idempotent imports where a corrected row replaces the old one.
SQLite would need row-by-row upserts and has no native date/double columnar scans.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

from extractor.checking.prices import PRICE_COLUMNS, empty_prices, load_prices

_SCHEMA = """
CREATE TABLE IF NOT EXISTS prices (
    series VARCHAR NOT NULL, subject VARCHAR NOT NULL, date DATE NOT NULL,
    open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE NOT NULL, source VARCHAR,
    PRIMARY KEY (series, date)
)
"""


def default_store_path() -> Path:
    """``$NEWSCLAIMS_STORE`` or ``~/.newsclaims/prices.duckdb``."""
    env = os.environ.get("NEWSCLAIMS_STORE")
    return Path(env).expanduser() if env else Path.home() / ".newsclaims" / "prices.duckdb"


@dataclass
class ImportSummary:
    """What an import did: rows read, new, changed (replaced), unchanged; files that failed."""

    files: int = 0
    rows: int = 0
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (f"{self.files} file(s), {self.rows} rows: {self.inserted} new, {self.replaced} replaced, "
                f"{self.unchanged} unchanged")
        return text + (f"; {len(self.errors)} file(s) skipped" if self.errors else "")


class PriceStore:
    """A DuckDB price store at ``path`` (created on first import)."""

    def __init__(self, path: str | PathLike | None = None):
        self.path = Path(path).expanduser() if path else default_store_path()

    def _connect(self, read_only: bool = False):
        import duckdb

        if read_only:
            return duckdb.connect(str(self.path), read_only=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(self.path))
        con.execute(_SCHEMA)
        return con

    def exists(self) -> bool:
        return self.path.is_file()

    def import_frame(self, frame: pd.DataFrame, summary: ImportSummary | None = None) -> ImportSummary:
        """Upsert a long price frame (``load_prices`` layout)."""
        summary = summary or ImportSummary()
        frame = frame[PRICE_COLUMNS].copy()
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
        summary.rows += len(frame)
        if frame.empty:
            return summary
        con = self._connect()
        try:
            con.register("incoming", frame)
            new, changed = con.execute(
                """
                SELECT count(*) FILTER (WHERE p.series IS NULL),
                       count(*) FILTER (WHERE p.series IS NOT NULL AND (
                           p.close IS DISTINCT FROM i.close OR p.open IS DISTINCT FROM i.open
                           OR p.high IS DISTINCT FROM i.high OR p.low IS DISTINCT FROM i.low
                           OR p.subject IS DISTINCT FROM i.subject))
                FROM incoming i LEFT JOIN prices p ON p.series = i.series AND p.date = i.date
                """
            ).fetchone()
            con.execute("INSERT OR REPLACE INTO prices SELECT * FROM incoming")
            con.unregister("incoming")
        finally:
            con.close()
        summary.inserted += new
        summary.replaced += changed
        summary.unchanged += len(frame) - new - changed
        return summary

    def import_paths(self, paths) -> ImportSummary:
        """Import files or folders; idempotent (re-import changes nothing, corrections replace)."""
        paths = [paths] if isinstance(paths, str | PathLike) else list(paths)
        summary = ImportSummary()
        from extractor.checking.prices import price_files, read_price_file

        for p in paths:
            try:
                files = price_files(p)
            except ValueError as exc:
                summary.errors.append(str(exc))
                continue
            for f in files:
                try:
                    frame = read_price_file(f)
                except ValueError as exc:
                    summary.errors.append(str(exc))
                    continue
                summary.files += 1
                self.import_frame(frame, summary)
        return summary

    def list_series(self) -> pd.DataFrame:
        """One row per series: series, subject, first, last, rows (empty when no store yet)."""
        cols = ["series", "subject", "first", "last", "rows"]
        if not self.exists():
            return pd.DataFrame(columns=cols)
        con = self._connect(read_only=True)
        try:
            return con.execute(
                "SELECT series, any_value(subject) AS subject, min(date) AS first, max(date) AS last, "
                "count(*) AS rows FROM prices GROUP BY series ORDER BY series"
            ).df()[cols]
        except Exception:  # noqa: BLE001 - a file that is not a price store reads as empty
            return pd.DataFrame(columns=cols)
        finally:
            con.close()

    def frame(self, subjects=None) -> pd.DataFrame:
        """Prices of ``subjects`` (all when None) in ``load_prices`` layout."""
        if not self.exists():
            return empty_prices()
        con = self._connect(read_only=True)
        try:
            sql = "SELECT * FROM prices"
            params: list = []
            if subjects is not None:
                subjects = sorted({str(s) for s in subjects})
                if not subjects:
                    return empty_prices()
                sql += " WHERE subject IN (SELECT unnest(?))"
                params = [subjects]
            df = con.execute(sql + " ORDER BY series, date", params).df()
        except Exception:  # noqa: BLE001
            return empty_prices()
        finally:
            con.close()
        df["date"] = pd.to_datetime(df["date"])
        return df[PRICE_COLUMNS]


def resolve_prices(prices=None, store=None, subjects=None) -> tuple[pd.DataFrame, str]:
    """Prices for checking from a path, a PriceStore, a frame or the default store; plus a label."""
    if isinstance(prices, pd.DataFrame):
        return prices, "given frame"
    if prices is None and store is None:
        store = PriceStore()
    if isinstance(prices, PriceStore):
        store = prices
        prices = None
    if prices is not None:
        return load_prices(prices), str(prices)
    if isinstance(store, str | PathLike):
        store = PriceStore(store)
    return store.frame(subjects), f"store {store.path}"
