"""`newsclaims report`: one offline HTML page from a claims table (plus documents and prices)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from extractor.cli.app import app

_HELP = """Build a self-contained HTML report (works offline, one file).

Shows counts by verdict and kind, a sortable and filterable claim table, every document's text with each claim highlighted by verdict, and for checked claims a chart of the price series around the claim's date. Tables may be .jsonl, .csv, .parquet or .xlsx.

Example: newsclaims report out/claims.jsonl --documents out/documents.jsonl --prices corpora/prices -o out/report.html
"""


def _fail(message: str) -> None:
    print(f"newsclaims: error: {message}", file=sys.stderr)
    sys.exit(2)  # SystemExit keeps its code under standalone_mode=False


def _has_sheet(path: Path, name: str) -> bool:
    import pandas as pd

    return name in pd.ExcelFile(path, engine="openpyxl").sheet_names


@app.command("report", help=_HELP)
def report(
    claims_file: Path = typer.Argument(..., help="Claims table (checked or not)."),
    documents: Path | None = typer.Option(None, "--documents", "-d", help="Documents table, to show texts."),
    prices: Path | None = typer.Option(None, "--prices", "-p", help="Price file or folder, for the charts."),
    output: Path = typer.Option(Path("report.html"), "-o", "--output", help="Where to write the HTML file."),
    title: str = typer.Option("newsclaims report", "--title", help="Page title."),
) -> None:
    from extractor.output.report import build_report
    from extractor.output.tables import TableFormatError, read_table

    for label, path in (("claims file", claims_file), ("documents file", documents), ("prices", prices)):
        if path is not None and not path.exists():
            _fail(f"{label} not found: {path}")
    try:
        claims = read_table(claims_file)
        docs = None
        if documents is not None:
            docs = read_table(documents, sheet="documents" if documents.suffix.lower() == ".xlsx" else None)
        elif claims_file.suffix.lower() == ".xlsx" and _has_sheet(claims_file, "documents"):
            docs = read_table(claims_file, sheet="documents")  # a workbook from `run` holds both tables
    except TableFormatError as exc:
        _fail(str(exc))
    price_frame = None
    if prices is not None:
        from extractor.checking.prices import load_prices

        errors: list[str] = []
        price_frame = load_prices(prices, errors=errors)
        for err in errors:
            print(f"newsclaims: warning: {err}", file=sys.stderr)
    out = build_report(claims, docs, price_frame, output, title=title)
    print(f"newsclaims: wrote {out} ({len(claims)} claims, {0 if docs is None else len(docs)} documents)",
          file=sys.stderr)
