"""`newsclaims prices import|list`: fill and inspect the local DuckDB price store."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from extractor.cli.app import app

prices_app = typer.Typer(
    help="Manage the local price store (DuckDB; default ~/.newsclaims/prices.duckdb or $NEWSCLAIMS_STORE).",
    no_args_is_help=True,
)
app.add_typer(prices_app, name="prices")

_STORE = typer.Option(None, "--store", help="Price store file (default $NEWSCLAIMS_STORE or ~/.newsclaims/prices.duckdb).")


@prices_app.command("import")
def import_(
    paths: list[Path] = typer.Argument(..., help="Price files (CSV/Parquet: Yahoo, Stooq, FRED, date,close) or folders."),
    store: Path = _STORE,
) -> None:
    """Import price files idempotently: re-importing changes nothing, corrected rows replace old ones.

    Example: newsclaims prices import data/prices/ --store prices.duckdb
    """
    from extractor.checking.store import PriceStore

    st = PriceStore(store)
    summary = st.import_paths(paths)
    for err in summary.errors:
        print(f"newsclaims: warning: {err}", file=sys.stderr)
    print(f"{st.path}: {summary}")
    if summary.files == 0:
        raise typer.Exit(2)
    if summary.errors:
        raise typer.Exit(1)


@prices_app.command("list")
def list_(store: Path = _STORE) -> None:
    """Show the series in the store with their subjects, date ranges and row counts."""
    from extractor.checking.store import PriceStore

    st = PriceStore(store)
    table = st.list_series()
    if table.empty:
        print(f"{st.path}: no price data (run `newsclaims prices import FILES`)")
        return
    print(f"{'series':<12} {'subject':<24} {'first':<10} {'last':<10} {'rows':>7}")
    for r in table.itertuples(index=False):
        print(f"{r.series:<12} {r.subject:<24} {str(r.first)[:10]:<10} {str(r.last)[:10]:<10} {r.rows:>7}")
