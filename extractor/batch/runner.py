"""Batch orchestration behind ``newsclaims extract`` and ``newsclaims run``.

Files are discovered up front (paths only), cut into chunks for the engine, and results are
regrouped into batches of about ``batch_size`` documents. Each batch is written out (to the
streaming export files, or to the database in one transaction) and dropped, so memory does
not grow with the number of documents.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extractor.batch.engine import (
    DocResult,
    FileTask,
    auto_chunk_size,
    chunks,
    discover,
    make_engine,
)
from extractor.batch.summary import Summary

DB_NAME = "newsclaims.duckdb"
ALL_OUTPUTS = ("jsonl", "csv", "parquet", "xlsx", "documents", "report")


@dataclass
class BatchOptions:
    workers: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    batch_size: int = 256
    chunk_size: int | None = None
    quiet: bool = False
    verbose: bool = False

    @property
    def n_workers(self) -> int:
        return self.workers or os.cpu_count() or 1


def _err(msg: str) -> None:
    print(f"newsclaims: {msg}", file=sys.stderr, flush=True)


@contextmanager
def _progress(total: int, enabled: bool, label: str):
    """A rich progress bar on a terminal; a no-op callback otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def stream(tasks: Sequence[FileTask], opts: BatchOptions, known: dict[str, str] | None = None,
           advance: Callable[[int], None] = lambda n: None) -> Iterator[DocResult]:
    """Every document result in input order, produced by the chosen engine."""
    size = opts.chunk_size or auto_chunk_size(len(tasks), opts.n_workers)
    engine = make_engine(opts.engine, opts.n_workers, opts.scheduler, known)
    try:
        for chunk, results in zip(chunks(tasks, size), engine.map(chunks(tasks, size)), strict=True):
            yield from results
            advance(len(chunk))
    finally:
        engine.close()


def batched(results: Iterable[DocResult], size: int) -> Iterator[list[DocResult]]:
    batch: list[DocResult] = []
    for r in results:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _account(summary: Summary, batch: list[DocResult], verbose: bool) -> None:
    for r in batch:
        if r.skipped:
            summary.skipped += 1
            if verbose:
                _err(f"{r.doc_id}: unchanged, skipped")
            continue
        summary.read += 1
        summary.chars += r.n_chars
        if r.error:
            summary.failed += 1
            err = " ".join(r.error.split())
            msg = err if err.startswith(r.doc_id) else f"{r.doc_id}: {err}"
            summary.errors.append(msg)
            _err(msg)
            continue
        for c in r.claim_rows:
            summary.claims[c["kind"]] += 1
        if verbose:
            _err(f"{r.doc_id}: {len(r.claim_rows)} claims")


def run_extract(paths: Sequence[str], out: str | os.PathLike, docs_out: str | os.PathLike | None = None,
                opts: BatchOptions | None = None, bom: bool = False) -> Summary:
    """Read and extract ``paths`` into the claims file ``out`` (and ``docs_out``), streaming."""
    from extractor.batch.sink import claim_export_columns, open_sink
    from extractor.documents.record import DOCUMENT_COLUMNS

    opts = opts or BatchOptions()
    summary = Summary()
    tasks = discover(paths, opts.include, opts.exclude)
    summary.files = len(tasks)
    sinks = [open_sink(out, claim_export_columns(False), bom=bom)]
    if docs_out:
        sinks.append(open_sink(docs_out, DOCUMENT_COLUMNS, bom=bom, sheet="documents"))
    try:
        with _progress(len(tasks), not opts.quiet, "extracting") as advance:
            for batch in batched(stream(tasks, opts, advance=advance), opts.batch_size):
                _account(summary, batch, opts.verbose)
                sinks[0].write([c for r in batch for c in r.claim_rows])
                if docs_out:
                    sinks[1].write([r.doc_row for r in batch if r.doc_row is not None])
    except BaseException:
        for s in sinks:
            s.abort()
        raise
    for s in sinks:
        s.close()
    summary.stop()
    return summary


# ---------------------------------------------------------------- run: extract + check + DB + exports


def _frame(rows: list[dict], columns: Sequence[str]):
    import pandas as pd

    extra = [c for c in (rows[0].keys() if rows else []) if c not in columns]
    return pd.DataFrame(rows, columns=list(columns) + extra)


def run_pipeline(paths: Sequence[str], outdir: str | os.PathLike, prices: str | os.PathLike | None = None,
                 only: Sequence[str] | None = None, bom: bool = False,
                 opts: BatchOptions | None = None) -> Summary:
    """Extract new/changed documents into ``OUTDIR/newsclaims.duckdb``, check, and export from the DB.

    Incremental and idempotent: a document whose (path_key, content_hash) is already stored is
    skipped; a changed one replaces its rows; each batch is one transaction, so a run killed at
    any point leaves the database consistent and the next run completes the work. Documents that
    vanished from an input folder are removed at the end (not when ``include``/``exclude`` filter).
    """
    from extractor.claims.record import CLAIM_COLUMNS
    from extractor.documents.record import DOCUMENT_COLUMNS
    from extractor.output.database import ClaimsDatabase

    opts = opts or BatchOptions()
    outputs = set(only or ALL_OUTPUTS)
    unknown = outputs - set(ALL_OUTPUTS)
    if unknown:
        raise ValueError(f"unknown output(s) {', '.join(sorted(unknown))}; choose from {', '.join(ALL_OUTPUTS)}")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    tasks = discover(paths, opts.include, opts.exclude)
    summary.files = len(tasks)
    price_frame = None
    if prices is not None:
        from extractor.checking.prices import load_prices

        price_frame = load_prices(prices)
    with ClaimsDatabase(outdir / DB_NAME) as db:
        if price_frame is not None and len(price_frame):
            db.write_prices(price_frame)
        known = db.document_hashes()
        seen: set[str] = set()
        with _progress(len(tasks), not opts.quiet, "extracting") as advance:
            for batch in batched(stream(tasks, opts, known=known, advance=advance), opts.batch_size):
                _account(summary, batch, opts.verbose)
                seen.update(r.path_key for r in batch)
                docs = [r.doc_row for r in batch if r.doc_row is not None]
                if docs:
                    claims = [c for r in batch for c in r.claim_rows]
                    db.write_batch(_frame(docs, ["path_key"] + DOCUMENT_COLUMNS),
                                   _frame(claims, CLAIM_COLUMNS + ["path_key"]))
        del known
        if not opts.include and not opts.exclude:
            roots = [p for p in paths if Path(p).is_dir()]
            summary.removed = db.remove_missing(seen, roots) if roots else 0
        del seen
        check_all(db, summary, use_default_store=prices is None)
        summary.totals = {k: int(v) for k, v in db.counts().items()}
        export(db, outdir, outputs, bom=bom)
    summary.stop()
    return summary


CHECK_CHUNK = 50_000
EXPORT_CHUNK = 20_000


def iter_frames(db, table: str, rows: int = EXPORT_CHUNK, with_checks: bool = True):
    """Stream a table in the order ``ClaimsDatabase.claims()/documents()`` use, ``rows`` at a time."""
    from extractor.claims.record import CHECK_COLUMNS
    from extractor.output.database import _decode

    if table == "claims":
        checks = ", ".join(f'k."{c}"' for c in CHECK_COLUMNS)
        sql = (f"SELECT c.*{', ' + checks if with_checks else ''} FROM claims c "
               f"{'LEFT JOIN checks k USING (claim_id) ' if with_checks else ''}"
               'ORDER BY c.doc_id, c.start, c."end", c.kind, c.claim_id')
    else:
        sql = "SELECT * FROM documents ORDER BY doc_id, path_key"
    cur = db.con.cursor()
    try:
        reader = cur.sql(sql).to_arrow_reader(rows)
        for rb in reader:
            if rb.num_rows:
                yield _decode(rb.to_pandas())
    finally:
        cur.close()


def check_all(db, summary: Summary, use_default_store: bool = False) -> None:
    """Check every stored claim against the stored price series, in large vectorized chunks.

    Checking at the end (not per batch) means verdicts always reflect the prices the database
    holds now, including series added by a later run and claims of unchanged, skipped files;
    a run killed during checking simply re-checks next time. Claims are paged by whole
    documents so memory stays bounded.
    """
    import time

    from extractor.checking.verdicts import check_claims
    from extractor.claims.record import CHECK_COLUMNS
    from extractor.output.database import _decode

    t0 = time.perf_counter()
    prices = db.prices()
    if not len(prices):
        prices = None if use_default_store else _empty_prices()
    for lo, hi in _key_ranges(db, CHECK_CHUNK):
        claims = db.con.execute(
            'SELECT * FROM claims WHERE path_key > ? AND path_key <= ? '
            'ORDER BY doc_id, start, "end", kind, claim_id', [lo, hi]).df()
        checked = check_claims(_decode(claims), prices=prices)
        db.write_checks(checked.loc[:, ["claim_id"] + list(CHECK_COLUMNS)])
        summary.verdicts.update(checked["verdict"].dropna().tolist())
        summary.n_checked += len(checked)
    summary.check_seconds = time.perf_counter() - t0


def _key_ranges(db, size: int) -> Iterator[tuple[str, str]]:
    """(exclusive, inclusive] path_key ranges of about ``size`` claims, never splitting a document
    (the checker compares figures within one document)."""
    counts = db.con.execute("SELECT path_key, count(*) FROM claims GROUP BY path_key ORDER BY path_key").fetchall()
    lo, n = "", 0
    for key, c in counts:
        n += c
        if n >= size:
            yield lo, key
            lo, n = key, 0
    if n:
        yield lo, counts[-1][0]


def _empty_prices():
    from extractor.checking.prices import empty_prices

    return empty_prices()


def export(db, outdir: Path, outputs: set[str], bom: bool = False) -> None:
    """Regenerate the export files from the database, streamed, so they always equal it."""
    from extractor.batch.sink import WorkbookSink, claim_export_columns, open_sink
    from extractor.documents.record import DOCUMENT_COLUMNS

    cols = claim_export_columns(True)
    sinks = [open_sink(outdir / f"claims.{fmt}", cols, bom=bom) for fmt in ("jsonl", "csv", "parquet")
             if fmt in outputs]
    wb = WorkbookSink(outdir / "claims.xlsx", {"claims": cols, "documents": DOCUMENT_COLUMNS}) \
        if "xlsx" in outputs else None
    docs_sink = open_sink(outdir / "documents.jsonl", DOCUMENT_COLUMNS) if "documents" in outputs else None
    try:
        for frame in iter_frames(db, "claims"):
            for s in sinks:
                s.write(frame)
            if wb is not None:
                wb.write("claims", frame)
        if wb is not None or docs_sink is not None:
            for frame in iter_frames(db, "documents"):
                if docs_sink is not None:
                    docs_sink.write(frame)
                if wb is not None:
                    wb.write("documents", frame)
    except BaseException:
        for s in [*sinks, docs_sink, wb]:
            if s is not None:
                s.abort()
        raise
    for s in [*sinks, docs_sink, wb]:
        if s is not None:
            s.close()
    if "report" in outputs:
        from extractor.output.report import build_report

        build_report(db.claims(with_checks=True), db.documents(), db.prices(), outdir / "report.html")
