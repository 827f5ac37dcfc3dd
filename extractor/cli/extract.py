"""`newsclaims extract`: read and extract folders of articles into one claims table, streaming."""

from __future__ import annotations

from pathlib import Path

import typer

from extractor.cli.app import app

ENGINES = ("local", "dask")


def batch_options(workers, engine, scheduler, include, exclude, quiet, verbose, batch_size=256):
    from extractor.batch.runner import BatchOptions

    if engine not in ENGINES:
        raise typer.BadParameter(f"unknown engine {engine!r}; use local or dask", param_hint="--engine")
    if workers is not None and workers < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--workers")
    if batch_size < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--batch-size")
    return BatchOptions(workers=workers, engine=engine, scheduler=scheduler, include=list(include or []),
                        exclude=list(exclude or []), batch_size=batch_size, quiet=quiet, verbose=verbose)


WORKERS = typer.Option(None, "--workers", "-j", help="Worker processes (default: number of CPUs).")
ENGINE = typer.Option("local", "--engine", help="local (process pool) or dask.")
SCHEDULER = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 "
                         "(default: start a local cluster).")
INCLUDE = typer.Option(None, "--include", help="Only files matching this glob (repeatable).")
EXCLUDE = typer.Option(None, "--exclude", help="Skip files matching this glob (repeatable).")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar or summary.")
VERBOSE = typer.Option(False, "--verbose", "-v", help="Log every file.")
BATCH = typer.Option(256, "--batch-size", help="Documents per written batch (bounds memory).", hidden=True)


@app.command("extract")
def extract_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders (.txt .md .html .json)."),
    out: Path = typer.Option(..., "--out", "-o", help="Claims table: .jsonl, .csv, .parquet or .xlsx."),
    docs_out: Path | None = typer.Option(None, "--docs-out", help="Also write the documents table here."),
    bom: bool = typer.Option(False, "--bom", help="Write CSV with a UTF-8 BOM (for Excel)."),
    workers: int | None = WORKERS,
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    include: list[str] | None = INCLUDE,
    exclude: list[str] | None = EXCLUDE,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
    batch_size: int = BATCH,
) -> None:
    """Extract numeric claims from articles into one table (columns of CLAIMS.md).

    Example: newsclaims extract corpora/samples -o claims.jsonl --docs-out documents.jsonl -j 2

    Exit status: 0 all files good, 1 finished but some files were bad, 2 nothing usable.
    """
    from extractor.batch.runner import run_extract
    from extractor.batch.sink import kind_of

    for p in (out, docs_out):
        if p is not None:
            try:
                kind_of(p)
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="--out/--docs-out") from None
    opts = batch_options(workers, engine, scheduler, include, exclude, quiet, verbose, batch_size)
    summary = run_extract([str(p) for p in paths], out, docs_out, opts, bom=bom)
    if not quiet:
        summary.render()
    raise SystemExit(summary.exit_code)  # not typer.Exit: main() runs click with standalone_mode=False
