"""Read price files into one long table: series, subject, date, open, high, low, close, source.

Accepted layouts (CSV or Parquet, column names case-insensitive):
- a folder of per-symbol files, the file name being the symbol (``IXIC.csv``, ``^GSPC.csv``);
- Yahoo ``Date,Open,High,Low,Close,Adj Close,Volume`` and Stooq ``Date,Open,High,Low,Close,Volume``;
- FRED ``observation_date,SP500`` (or ``DATE,SP500``): the value column's name is the series;
- generic ``date,close``;
- a long table with a ``series``/``symbol``/``ticker`` column (e.g. an export of the store).
Series names map to canonical subjects through ``models/catalog/series.yaml``.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import pandas as pd

from extractor.checking.catalog import canonical_subject

PRICE_COLUMNS = ["series", "subject", "date", "open", "high", "low", "close", "source"]
SUFFIXES = (".csv", ".parquet", ".pq", ".txt")
_DATE_NAMES = ("date", "observation_date", "datetime", "timestamp", "time", "day")
_SERIES_NAMES = ("series", "symbol", "ticker", "code")


class PriceFileError(ValueError):
    """A price file that cannot be read; the message names the file and the problem."""


def _stem(path: Path) -> str:
    name = path.name
    for suffix in SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _read_raw(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".parquet", ".pq"):
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=True, na_values=["", ".", "null", "NaN"])


def _normalise(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    cols = {str(c).strip().lower().replace(" ", "_").lstrip("<").rstrip(">"): c for c in raw.columns}
    date_col = next((cols[n] for n in _DATE_NAMES if n in cols), None)
    if date_col is None:
        raise PriceFileError(f"{path}: no date column (expected one of {', '.join(_DATE_NAMES)})")
    series_col = next((cols[n] for n in _SERIES_NAMES if n in cols), None)
    ohlc = {k: cols[k] for k in ("open", "high", "low", "close") if k in cols}
    if "close" not in ohlc:
        if "adj_close" in cols:
            ohlc["close"] = cols["adj_close"]
        else:  # FRED: one value column named after the series
            rest = [c for k, c in cols.items() if c not in (date_col, series_col) and k not in (
                "volume", "subject", "source")]
            if len(rest) != 1:
                raise PriceFileError(f"{path}: no close column and no single FRED-style value column")
            ohlc["close"] = rest[0]
            if series_col is None:
                raw = raw.assign(_series=str(rest[0]))
                series_col = "_series"
    out = pd.DataFrame({"date": pd.to_datetime(raw[date_col].astype(str).str.slice(0, 10),
                                               errors="coerce", format="%Y-%m-%d")})
    for key in ("open", "high", "low", "close"):
        out[key] = pd.to_numeric(raw[ohlc[key]], errors="coerce") if key in ohlc else float("nan")
    out["series"] = raw[series_col].astype(str).str.strip() if series_col else _stem(path).lstrip("^")
    out["series"] = out["series"].str.lstrip("^") if series_col else out["series"]
    if series_col and "subject" in cols:
        out["subject"] = raw[cols["subject"]].astype(str)
    else:
        mapping = {s: canonical_subject(s) for s in out["series"].unique()}
        out["subject"] = out["series"].map(mapping)
    out["source"] = raw[cols["source"]].astype(str) if series_col and "source" in cols else path.name
    out = out.dropna(subset=["date", "close"])
    out = out.drop_duplicates(subset=["series", "date"], keep="last")
    return out.sort_values(["series", "date"], kind="stable")[PRICE_COLUMNS].reset_index(drop=True)


def read_price_file(path: str | PathLike) -> pd.DataFrame:
    """One price file in any supported layout -> long table (rows without date or close dropped)."""
    path = Path(path)
    try:
        raw = _read_raw(path)
    except FileNotFoundError:
        raise PriceFileError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - parser errors become one readable line
        raise PriceFileError(f"{path}: cannot read price file ({exc.__class__.__name__}: {exc})") from None
    if raw.empty:
        raise PriceFileError(f"{path}: empty price file")
    return _normalise(raw, path)


def price_files(path: str | PathLike) -> list[Path]:
    """The price files a path stands for: itself, or the supported files of a folder (sorted)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES
                      and not p.name.startswith("."))
    if not path.exists():
        raise PriceFileError(f"{path}: no such file or folder")
    return [path]


def load_prices(path: str | PathLike | list, errors: list[str] | None = None) -> pd.DataFrame:
    """All prices under ``path`` (file, folder or list of them), long format, sorted.

    Unreadable files raise :class:`PriceFileError` unless ``errors`` is given, in which case their
    one-line messages are appended there and the rest is loaded.
    """
    paths = path if isinstance(path, list | tuple) else [path]
    frames = []
    for p in paths:
        for f in price_files(p):
            try:
                frames.append(read_price_file(f))
            except PriceFileError as exc:
                if errors is None:
                    raise
                errors.append(str(exc))
    if not frames:
        return empty_prices()
    out = pd.concat(frames, ignore_index=True)
    out = out.drop_duplicates(subset=["series", "date"], keep="last")
    return out.sort_values(["series", "date"], kind="stable").reset_index(drop=True)


def empty_prices() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in PRICE_COLUMNS})
    out["date"] = pd.Series(dtype="datetime64[ns]")
    for c in ("open", "high", "low", "close"):
        out[c] = pd.Series(dtype="float64")
    return out
