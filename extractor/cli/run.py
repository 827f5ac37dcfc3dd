"""`newsclaims run`: read, extract, check and export in one go, incrementally into OUTDIR."""

from __future__ import annotations

from pathlib import Path

import typer

from extractor.cli.app import app
from extractor.cli.extract import (
    BATCH,
    ENGINE,
    EXCLUDE,
    INCLUDE,
    QUIET,
    SCHEDULER,
    VERBOSE,
    WORKERS,
    batch_options,
)

_FORMAT_ALIASES = {"claims": ["jsonl", "csv", "parquet"], "excel": ["xlsx"], "html": ["report"],
                   "docs": ["documents"]}


def _outputs(only: str | None) -> list[str] | None:
    from extractor.batch.runner import ALL_OUTPUTS

    if not only:
        return None
    out: list[str] = []
    for item in (x.strip().lower() for x in only.split(",") if x.strip()):
        names = _FORMAT_ALIASES.get(item, [item])
        for n in names:
            if n not in ALL_OUTPUTS:
                raise typer.BadParameter(f"unknown output {item!r}; choose from "
                                         f"{', '.join([*ALL_OUTPUTS, *_FORMAT_ALIASES])}", param_hint="--only")
            out.append(n)
    return out


@app.command("run")
def run_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder (created; its database is added to)."),
    prices: Path | None = typer.Option(None, "--prices", help="Price file or folder to check against."),
    only: str | None = typer.Option(None, "--only", "--format",
                                    help="Comma list of outputs: jsonl,csv,parquet,xlsx,documents,report "
                                         "(claims = jsonl,csv,parquet). Default: all."),
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
    """Read, extract, check and export; reruns only redo new or changed files.

    Example: newsclaims run corpora/samples --prices corpora/prices -o out/

    OUTDIR gets claims.jsonl/.csv/.parquet, documents.jsonl, claims.xlsx, report.html and
    newsclaims.duckdb; a later run on more folders adds to the database, and every export is
    regenerated from it. Exit status: 0 all good, 1 some bad files, 2 nothing usable.
    """
    from extractor.batch.runner import run_pipeline

    outputs = _outputs(only)
    opts = batch_options(workers, engine, scheduler, include, exclude, quiet, verbose, batch_size)
    summary = run_pipeline([str(p) for p in paths], out, prices=prices, only=outputs, bom=bom, opts=opts)
    if not quiet:
        summary.render()
    raise SystemExit(summary.exit_code)  # not typer.Exit: main() runs click with standalone_mode=False
