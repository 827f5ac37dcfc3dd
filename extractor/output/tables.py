"""One entry point, many formats: write and read claim/document tables by file extension.

Every writer is deterministic (same frame -> same bytes): no timestamps, fixed key order,
floats written with Python's shortest round-trip ``repr``. Lists (``refs``, ``references``)
stay JSON arrays in JSON Lines, list columns in Parquet and JSON strings in CSV/Excel.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from extractor.claims.record import CHECK_COLUMNS, CLAIM_COLUMNS, Claim
from extractor.documents.record import DOCUMENT_COLUMNS, Document

FORMATS = (".jsonl", ".csv", ".parquet", ".xlsx")
EXCEL_CELL_LIMIT = 32767
TRUNCATED_MARK = " …[truncated]"

_CANONICAL = {
    "claims": CLAIM_COLUMNS + CHECK_COLUMNS,
    "documents": ["path_key"] + DOCUMENT_COLUMNS,
}


def _roles(*classes: type) -> dict[str, str]:
    """Column role (list/bool/int/float/str) from the record dataclasses' annotations, so new
    record fields get the right type in every format without touching this module."""
    out: dict[str, str] = {}
    for cls in classes:
        for f in fields(cls):
            parts = str(f.type).replace(" ", "").split("|")
            if any(p.startswith("list") for p in parts):
                out[f.name] = "list"
            else:
                out[f.name] = next((r for r in ("bool", "int", "float") if r in parts), "str")
    return out


_ROLES = _roles(Claim, Document)
LIST_COLUMNS = frozenset({c for c, r in _ROLES.items() if r == "list"} | {"refs", "references"})
INT_COLUMNS = frozenset({c for c, r in _ROLES.items() if r == "int"} | {"n_chars"})
BOOL_COLUMNS = frozenset({c for c, r in _ROLES.items() if r == "bool"})
FLOAT_COLUMNS = frozenset({c for c, r in _ROLES.items() if r == "float"} | {
    "observed_change_pct", "observed_level", "open", "high", "low", "close", "volume",
})
_TYPED = LIST_COLUMNS | INT_COLUMNS | BOOL_COLUMNS | FLOAT_COLUMNS
STRING_COLUMNS = frozenset(c for cols in _CANONICAL.values() for c in cols if c not in _TYPED) | {
    "series", "subject", "date", "source",
}


def column_role(name: str) -> str:
    """``list``, ``bool``, ``int``, ``float``, ``str`` for known columns, else ``unknown``."""
    for role, names in (("list", LIST_COLUMNS), ("bool", BOOL_COLUMNS), ("int", INT_COLUMNS),
                        ("float", FLOAT_COLUMNS), ("str", STRING_COLUMNS)):
        if name in names:
            return role
    return "unknown"


class TableFormatError(ValueError):
    """Unsupported extension or unreadable table; the message names the file."""


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise TableFormatError(f"{path}: unsupported table format {suffix or '(none)'!r}; use one of {', '.join(FORMATS)}")
    return suffix


def ordered(df: pd.DataFrame, kind: str = "claims") -> pd.DataFrame:
    """Canonical columns of ``kind`` first (those present), then any extras in their given order."""
    canon = [c for c in _CANONICAL.get(kind, []) if c in df.columns]
    extras = [c for c in df.columns if c not in set(canon)]
    return df.loc[:, canon + extras]


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pd.NA, but never a list or array (whose truth is ambiguous)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return False


def jsonable(value: Any) -> Any:
    """A plain-Python, JSON-safe version of one cell (NaN/inf -> None, arrays -> lists)."""
    if is_missing(value):
        return None
    if isinstance(value, np.ndarray | list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts in column order."""
    cols = list(df.columns)
    return [dict(zip(cols, (jsonable(v) for v in row), strict=True)) for row in df.itertuples(index=False, name=None)]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _cell_text(value: Any) -> Any:
    """CSV/Excel cell: lists and dicts as JSON text, everything else plain."""
    value = jsonable(value)
    if isinstance(value, list | dict):
        return _dumps(value)
    return value


def write_table(df: pd.DataFrame, path: str | Path, *, kind: str = "claims", bom: bool = False) -> Path:
    """Write ``df`` as .jsonl, .csv, .parquet or .xlsx (chosen by extension); return the path.

    ``bom=True`` (CSV only) prefixes a UTF-8 BOM so Excel shows Chinese text correctly.
    """
    path = Path(path)
    suffix = _suffix(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df = ordered(df, kind)
    if suffix == ".jsonl":
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for row in records(df):
                fh.write(_dumps(row) + "\n")
    elif suffix == ".csv":
        _write_csv(df, path, bom)
    elif suffix == ".parquet":
        _write_parquet(df, path)
    else:
        write_workbook(path, {kind: df})
    return path


def _write_csv(df: pd.DataFrame, path: Path, bom: bool) -> None:
    import csv

    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(list(df.columns))
        for row in df.itertuples(index=False, name=None):
            writer.writerow(["" if (v := _cell_text(x)) is None else v for x in row])


def _arrow_table(df: pd.DataFrame):
    """An Arrow table with plain-Python cells so list/struct columns infer cleanly."""
    import pyarrow as pa

    arrays, names = [], []
    for col in df.columns:
        values = [jsonable(v) for v in df[col].tolist()]
        if col == "refs":
            arr = pa.array(values, type=pa.list_(pa.int64()))
        elif col in BOOL_COLUMNS:
            arr = pa.array(values, type=pa.bool_())
        elif col in INT_COLUMNS:
            arr = pa.array(values, type=pa.int64())
        elif col in FLOAT_COLUMNS:
            arr = pa.array([None if v is None else float(v) for v in values], type=pa.float64())
        elif col in STRING_COLUMNS:
            arr = pa.array([None if v is None else str(v) for v in values], type=pa.string())
        else:
            arr = pa.array(values)
        arrays.append(arr)
        names.append(str(col))
    return pa.Table.from_arrays(arrays, names=names)


def _write_parquet(df: pd.DataFrame, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(_arrow_table(df), path, compression="zstd", write_statistics=False)


def write_workbook(path: str | Path, sheets: Mapping[str, pd.DataFrame]) -> Path:
    """One .xlsx with a sheet per table: bold frozen header, autofilter, long text truncated."""
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False, "nan_inf_to_errors": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    header = wb.add_format({"bold": True, "bg_color": "#E8EEF7", "bottom": 1})
    for name, frame in sheets.items():
        frame = ordered(frame, name)
        ws = wb.add_worksheet(str(name)[:31])
        cols = list(frame.columns)
        for j, col in enumerate(cols):
            ws.write_string(0, j, str(col), header)
        widths = [min(max(len(str(c)) + 2, 8), 60) for c in cols]
        for i, row in enumerate(frame.itertuples(index=False, name=None), start=1):
            for j, raw in enumerate(row):
                value = _cell_text(raw)
                if value is None:
                    continue
                if isinstance(value, bool):
                    ws.write_boolean(i, j, value)
                elif isinstance(value, int | float):
                    ws.write_number(i, j, value)
                else:
                    text = str(value)
                    if len(text) > EXCEL_CELL_LIMIT:
                        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATED_MARK)] + TRUNCATED_MARK
                    ws.write_string(i, j, text)
                    widths[j] = min(max(widths[j], len(text) + 2), 60)
        for j, w in enumerate(widths):
            ws.set_column(j, j, w)
        ws.freeze_panes(1, 0)
        if cols:
            ws.autofilter(0, 0, max(len(frame), 1), len(cols) - 1)
    wb.close()
    return path


def read_table(path: str | Path, *, sheet: str | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (any format) back into a DataFrame.

    For a workbook, ``sheet`` picks the sheet (default: ``claims`` if present, else the first).
    """
    path = Path(path)
    suffix = _suffix(path)
    if not path.is_file():
        raise TableFormatError(f"{path}: no such file")
    try:
        if suffix == ".jsonl":
            return _read_jsonl(path)
        if suffix == ".parquet":
            return _read_parquet(path)
        if suffix == ".csv":
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
            return _coerce(raw)
        return _read_xlsx(path, sheet)
    except TableFormatError:
        raise
    except (ValueError, OSError, KeyError) as exc:
        raise TableFormatError(f"{path}: cannot read table: {exc}") from exc


def _read_jsonl(path: Path) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    columns: dict[str, None] = {}
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TableFormatError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise TableFormatError(f"{path}:{lineno}: expected a JSON object per line")
            rows.append(row)
            columns.update(dict.fromkeys(row))
    frame = pd.DataFrame.from_records(rows, columns=list(columns)) if rows else pd.DataFrame()
    for col in LIST_COLUMNS & set(frame.columns):
        frame[col] = [v if isinstance(v, list) else [] for v in frame[col]]
    return frame


def _read_parquet(path: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    data = {name: table.column(name).to_pylist() for name in table.column_names}
    frame = pd.DataFrame(data, columns=table.column_names)
    for col in LIST_COLUMNS & set(frame.columns):
        frame[col] = [v if isinstance(v, list) else [] for v in frame[col]]
    return frame


def _read_xlsx(path: Path, sheet: str | None) -> pd.DataFrame:
    book = pd.ExcelFile(path, engine="openpyxl")
    names = book.sheet_names
    if sheet is None:
        sheet = "claims" if "claims" in names else names[0]
    elif sheet not in names:
        raise TableFormatError(f"{path}: no sheet {sheet!r} (has {', '.join(names)})")
    raw = pd.read_excel(book, sheet_name=sheet, dtype=object, keep_default_na=False, na_values=[""])
    return _coerce(raw.astype(object).where(raw.notna(), None))


def _coerce(frame: pd.DataFrame) -> pd.DataFrame:
    """Restore types of text-typed formats (CSV, Excel) from the known column roles."""
    out = {}
    for col in frame.columns:
        values = [None if is_missing(v) else v for v in frame[col].tolist()]
        if col in LIST_COLUMNS:
            out[col] = [json.loads(v) if isinstance(v, str) and v else [] for v in values]
        elif col in BOOL_COLUMNS:
            out[col] = pd.array([_to_bool(v) for v in values], dtype="object")
        elif col in INT_COLUMNS:
            out[col] = pd.to_numeric(pd.Series(values, dtype=object)).astype("Int64")
        elif col in FLOAT_COLUMNS:
            out[col] = pd.to_numeric(pd.Series(values, dtype=object)).astype("float64")
        elif col in STRING_COLUMNS:
            out[col] = pd.Series([None if v is None else str(v) for v in values], dtype=object)
        else:
            series = pd.Series(values, dtype=object)
            try:
                out[col] = pd.to_numeric(series)
            except (ValueError, TypeError):
                out[col] = series
    return pd.DataFrame(out, columns=list(frame.columns))


def _to_bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = str(value).strip().lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no"}:
        return False
    raise ValueError(f"not a boolean: {value!r}")
