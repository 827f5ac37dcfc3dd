"""The embedded DuckDB store: documents, claims, checks and price series in one file.

Why DuckDB: one file, no server, columnar SQL over pandas frames (``con.register``) so a batch of
thousands of rows goes in with one ``INSERT ... SELECT``; transactions make a batch atomic.

A document row is keyed by ``path_key`` (absolute source path + ``#`` + record index, see
:func:`make_path_key`) so re-running over a folder replaces exactly the files that changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from extractor.claims.record import CHECK_COLUMNS, CLAIM_COLUMNS
from extractor.documents.record import DOCUMENT_COLUMNS
from extractor.output.tables import column_role, jsonable

_SQL = {"list": "JSON", "bool": "BOOLEAN", "int": "BIGINT", "float": "DOUBLE"}


def _sql_type(column: str) -> str:
    if column == "refs":
        return "INTEGER[]"
    return _SQL.get(column_role(column), "VARCHAR")


DOCUMENT_SCHEMA = {"path_key": "VARCHAR", **{c: _sql_type(c) for c in DOCUMENT_COLUMNS}, "extra": "JSON"}
CLAIM_SCHEMA = {**{c: _sql_type(c) for c in CLAIM_COLUMNS}, "path_key": "VARCHAR", "extra": "JSON"}
CHECK_SCHEMA = {"claim_id": "VARCHAR", **{c: _sql_type(c) for c in CHECK_COLUMNS}}
PRICE_SCHEMA = {"series": "VARCHAR", "subject": "VARCHAR", "date": "DATE", "open": "DOUBLE", "high": "DOUBLE",
                "low": "DOUBLE", "close": "DOUBLE", "source": "VARCHAR"}
_TABLES = {
    "documents": (DOCUMENT_SCHEMA, "path_key"),
    "claims": (CLAIM_SCHEMA, "claim_id"),
    "checks": (CHECK_SCHEMA, "claim_id"),
    "price_series": (PRICE_SCHEMA, "series, date"),
}


def make_path_key(path: str | PathLike, index: int = 0) -> str:
    """``/abs/path/file.jsonl#3``: one key per record of a source file."""
    return f"{Path(path).resolve()}#{index}"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _prepare(df: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    """A frame with exactly the schema's columns, lists as JSON text, extras folded into ``extra``."""
    extras = [c for c in df.columns if c not in schema]
    out: dict[str, list[Any]] = {}
    for col in schema:
        if col == "extra" and col not in df.columns:
            out[col] = ([json.dumps({k: jsonable(v) for k, v in r.items()}, ensure_ascii=False)
                         for r in df[extras].to_dict("records")] if extras else [None] * len(df))
        elif col not in df.columns:
            out[col] = [None] * len(df)
        elif col == "refs" or schema[col] == "JSON":
            out[col] = [None if (v := jsonable(x)) is None else json.dumps(v, ensure_ascii=False)
                        for x in df[col].tolist()]
        elif schema[col] == "DATE":
            out[col] = [None if (v := jsonable(x)) is None else str(v)[:10] for x in df[col].tolist()]
        else:
            out[col] = [jsonable(x) for x in df[col].tolist()]
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in out.items()}, columns=list(schema))


class ClaimsDatabase:
    """One DuckDB file (``":memory:"`` works too). Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | PathLike = ":memory:", *, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self._create()

    def __enter__(self) -> ClaimsDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create(self) -> None:
        for name, (schema, key) in _TABLES.items():
            cols = ", ".join(f"{_q(c)} {t}" for c, t in schema.items())
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols}, PRIMARY KEY ({key}))")

    def _insert(self, table: str, frame: pd.DataFrame) -> None:
        """Insert a whole frame with one INSERT ... SELECT from a registered view."""
        if frame.empty:
            return
        schema = _TABLES[table][0]
        view = f"_new_{table}"
        self.con.register(view, frame)
        try:
            select = ", ".join(f"CAST({_q(c)} AS {t})" for c, t in schema.items())
            self.con.execute(f"INSERT INTO {table} SELECT {select} FROM {view}")
        finally:
            self.con.unregister(view)

    def _in_transaction(self, work) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _delete_where_in(self, table: str, column: str, keys: Iterable[str]) -> None:
        keys = sorted(set(keys))
        if not keys:
            return
        self.con.register("_keys", pd.DataFrame({"k": pd.Series(keys, dtype=object)}))
        try:
            self.con.execute(f"DELETE FROM {table} WHERE {_q(column)} IN (SELECT k FROM _keys)")
        finally:
            self.con.unregister("_keys")

    # -- writing ---------------------------------------------------------------------------------

    def write_batch(self, documents: pd.DataFrame, claims: pd.DataFrame,
                    checks: pd.DataFrame | None = None) -> None:
        """Replace everything stored for the batch's ``path_key``s in ONE transaction.

        ``checks`` defaults to the check columns carried by ``claims`` (rows with a verdict).
        """
        for name, frame in (("documents", documents), ("claims", claims)):
            if "path_key" not in frame.columns and not frame.empty:
                raise ValueError(f"write_batch: the {name} frame needs a path_key column")
        claims = claims.drop_duplicates(subset=["claim_id"], keep="first") if not claims.empty else claims
        if checks is None and "verdict" in claims.columns:
            checks = claims[claims["verdict"].notna()]
        keys = set(documents.get("path_key", pd.Series(dtype=object)).dropna()) | set(
            claims.get("path_key", pd.Series(dtype=object)).dropna())
        doc_rows = _prepare(documents, DOCUMENT_SCHEMA)
        claim_rows = _prepare(claims.drop(columns=[c for c in CHECK_COLUMNS if c in claims.columns]), CLAIM_SCHEMA)
        check_rows = _prepare(checks, CHECK_SCHEMA) if checks is not None else None

        def work() -> None:
            self._delete_for_path_keys(keys)
            new_ids = claim_rows["claim_id"].tolist()
            self._delete_where_in("claims", "claim_id", new_ids)
            self._delete_where_in("checks", "claim_id", new_ids)
            self._insert("documents", doc_rows)
            self._insert("claims", claim_rows)
            if check_rows is not None:
                self._insert("checks", check_rows)

        self._in_transaction(work)

    def _delete_for_path_keys(self, keys: Iterable[str]) -> None:
        keys = sorted(set(keys))
        if not keys:
            return
        self.con.register("_paths", pd.DataFrame({"k": pd.Series(keys, dtype=object)}))
        try:
            self.con.execute("DELETE FROM checks WHERE claim_id IN "
                             "(SELECT claim_id FROM claims WHERE path_key IN (SELECT k FROM _paths))")
            self.con.execute("DELETE FROM claims WHERE path_key IN (SELECT k FROM _paths)")
            self.con.execute("DELETE FROM documents WHERE path_key IN (SELECT k FROM _paths)")
        finally:
            self.con.unregister("_paths")

    def write_checks(self, checked: pd.DataFrame) -> None:
        """Replace check rows by ``claim_id`` (rows without a verdict are dropped)."""
        if "verdict" in checked.columns:
            checked = checked[checked["verdict"].notna()]
        rows = _prepare(checked.drop_duplicates(subset=["claim_id"], keep="last"), CHECK_SCHEMA)

        def work() -> None:
            self._delete_where_in("checks", "claim_id", rows["claim_id"].tolist())
            self._insert("checks", rows)

        self._in_transaction(work)

    def write_prices(self, prices: pd.DataFrame) -> None:
        """Upsert price rows by (series, date)."""
        rows = _prepare(prices, PRICE_SCHEMA)
        rows = rows.drop_duplicates(subset=["series", "date"], keep="last")

        def work() -> None:
            if rows.empty:
                return
            self.con.register("_pk", rows[["series", "date"]])
            try:
                self.con.execute("DELETE FROM price_series p USING _pk k "
                                 "WHERE p.series = k.series AND p.date = CAST(k.date AS DATE)")
            finally:
                self.con.unregister("_pk")
            self._insert("price_series", rows)

        self._in_transaction(work)

    def remove_missing(self, path_keys_seen: Iterable[str], roots: Iterable[str | PathLike]) -> int:
        """Delete stored documents under ``roots`` whose key was not seen this run; return how many."""
        seen = set(path_keys_seen)
        prefixes = [str(Path(r).resolve()) for r in roots]
        stored = self.con.execute("SELECT path_key FROM documents").fetchall()
        gone = [k for (k,) in stored if k not in seen and any(
            k == p or k.startswith(p.rstrip("/") + "/") or k.startswith(p + "#") for p in prefixes)]
        if gone:
            self._in_transaction(lambda: self._delete_for_path_keys(gone))
        return len(gone)

    # -- reading ---------------------------------------------------------------------------------

    def document_hashes(self) -> dict[str, str]:
        """path_key -> content_hash, so a runner can skip unchanged files."""
        return dict(self.con.execute("SELECT path_key, content_hash FROM documents").fetchall())

    def documents(self) -> pd.DataFrame:
        frame = self.con.execute("SELECT * FROM documents ORDER BY doc_id, path_key").df()
        return _decode(frame)

    def claims(self, with_checks: bool = True) -> pd.DataFrame:
        """Claims (LEFT JOIN checks) ordered by doc_id, start, end, kind."""
        checks = ", ".join(f"k.{_q(c)}" for c in CHECK_COLUMNS)
        sql = (f"SELECT c.*{', ' + checks if with_checks else ''} FROM claims c "
               f"{'LEFT JOIN checks k USING (claim_id) ' if with_checks else ''}"
               'ORDER BY c.doc_id, c.start, c."end", c.kind, c.claim_id')
        return _decode(self.con.execute(sql).df())

    def prices(self) -> pd.DataFrame:
        return self.con.execute("SELECT * FROM price_series ORDER BY series, date").df()

    def counts(self) -> dict[str, int]:
        return {name: int(self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in _TABLES}


def _decode(frame: pd.DataFrame) -> pd.DataFrame:
    """JSON/list columns back to Python lists; ``extra`` expanded into its own columns."""
    if "refs" in frame.columns:
        frame["refs"] = [[] if v is None else [int(x) for x in v] for v in frame["refs"]]
    for col in frame.columns:
        if col != "extra" and column_role(col) == "list" and col != "refs":
            frame[col] = [[] if v is None else json.loads(v) for v in frame[col]]
    if "extra" in frame.columns:
        extras = [json.loads(v) if isinstance(v, str) else {} for v in frame.pop("extra")]
        names = list(dict.fromkeys(k for e in extras for k in e))
        for name in names:
            if name not in frame.columns:
                frame[name] = pd.Series([e.get(name) for e in extras], dtype=object, index=frame.index)
    return frame
