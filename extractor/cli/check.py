"""`newsclaims check`: add verdict columns to a claims table against price data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import typer

from extractor.cli.app import app

_HELP = """Check move claims against prices and write the table with verdict columns.

Reads claims as .jsonl, .csv or .parquet; writes by the output suffix (.jsonl, .csv, .parquet).
Prices come from --prices PATH (folder of per-symbol files or one file), else the store
(--store, default ~/.newsclaims/prices.duckdb), or --provider yfinance (network, optional).

Example: newsclaims check claims.jsonl --prices data/prices -o checked.jsonl
"""


def read_claims(path: Path) -> pd.DataFrame:
    """Claims table from .jsonl/.json, .csv or .parquet (one clear error otherwise)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    try:
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            return pd.DataFrame(data if isinstance(data, list) else [data])
        if suffix in (".jsonl", ".ndjson"):
            rows = []
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"line {n} is not JSON: {exc.msg}") from None
            return pd.DataFrame(rows)
        if suffix == ".csv":
            return pd.read_csv(path, dtype={"date": str, "subject": str, "period": str, "market": str})
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
    except ValueError as exc:
        raise ValueError(f"{path}: cannot read claims ({exc})") from None
    raise ValueError(f"{path}: unsupported claims format '{suffix}' (use .jsonl, .csv or .parquet)")


def write_table(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix in (".parquet", ".pq"):
        df.to_parquet(path, index=False)
    else:
        df.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")


@app.command("check", help=_HELP)
def check(
    claims_file: Path = typer.Argument(..., help="Claims table (.jsonl, .csv or .parquet)."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the checked table."),
    prices: Path = typer.Option(None, "--prices", help="Price folder or file to use instead of the store."),
    store: Path = typer.Option(None, "--store", help="Price store file (DuckDB)."),
    provider: str = typer.Option(None, "--provider", help="Fetch prices from a network provider: yfinance."),
    window: int = typer.Option(252, "--window", help="Sessions for from_peak/from_low when none is stated."),
) -> None:
    from extractor.checking.verdicts import check_claims

    claims = read_claims(claims_file)
    source = prices
    if provider:
        from extractor.checking.network import PROVIDERS, fetch_yfinance

        if provider not in PROVIDERS:
            raise typer.BadParameter(f"unknown provider '{provider}' (choose: {', '.join(PROVIDERS)})")
        source = fetch_yfinance(claims.get("subject", pd.Series(dtype=str)).dropna().unique())
    out = check_claims(claims, source, store=store, default_window_days=window)
    write_table(out, output)
    counts = out["verdict"].value_counts()
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("supported", "contradicted", "unverifiable"))
    print(f"{output}: {len(out)} claims ({summary})")
