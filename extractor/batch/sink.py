"""Streaming table writers: rows go to disk batch by batch, never all held in memory.

One writer per format (JSON Lines, CSV, Parquet, Excel) with a fixed column list and, for
Parquet, a fixed schema derived from the record dataclasses, so every batch has the same
types and the files are byte-for-byte reproducible. Files are written under a temporary
name and moved into place on ``close()``, so a killed run never leaves a half-written export.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from extractor.claims.record import CHECK_COLUMNS
from extractor.output.tables import (
    BOOL_COLUMNS,
    EXCEL_CELL_LIMIT,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    TRUNCATED_MARK,
    jsonable,
)

_STR, _INT, _FLOAT, _BOOL, _LIST_INT, _REFS = "str", "int", "float", "bool", "list[int]", "refs"


@cache
def column_type(name: str) -> str:
    """The storage type of a column, from the same column roles :mod:`extractor.output.tables` uses."""
    if name == "refs":
        return _LIST_INT
    if name == "references":
        return _REFS
    if name in INT_COLUMNS:
        return _INT
    if name in FLOAT_COLUMNS:
        return _FLOAT
    if name in BOOL_COLUMNS:
        return _BOOL
    return _STR


clean = jsonable


#: storage types whose plain Python values are stored as they are (a float only when finite)
_AS_IS = {_STR: str, _INT: int, _BOOL: bool, _FLOAT: float}


def _typed(name: str, value: Any) -> Any:
    if value is None:
        return None
    kind = type(value)
    if kind is _AS_IS.get(column_type(name)) and (kind is not float or value - value == 0):
        return value  # the common case, kept cheap
    v = clean(value)
    if v is None:
        return None
    t = column_type(name)
    if t == _INT:
        return int(v)
    if t == _FLOAT:
        return float(v)
    if t == _BOOL:
        return bool(v)
    if t in (_LIST_INT, _REFS):
        if isinstance(v, str):
            v = json.loads(v) if v else []
        return list(v)
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else str(v)


def rows_of(data: Any) -> Iterable[dict[str, Any]]:
    """Rows from a DataFrame or an iterable of dicts."""
    to_dict = getattr(data, "to_dict", None)
    if to_dict is not None:
        return to_dict(orient="records")
    return data


def kind_of(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    kinds = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}
    if suffix not in kinds:
        raise ValueError(f"{path}: unknown output format {suffix!r} (use .jsonl, .csv, .parquet or .xlsx)")
    return kinds[suffix]


class _Closing:
    """As a context manager: ``close()`` (publish the file) on success, ``abort()`` on error."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            self.close()
        else:
            self.abort()


class _Sink(_Closing):
    def __init__(self, path: str | os.PathLike, columns: Sequence[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.part")
        self.columns = list(columns)
        self.n_rows = 0

    def write(self, data: Any) -> None:
        rows = [[_typed(c, r.get(c)) for c in self.columns] for r in rows_of(data)]
        if rows:
            self._write(rows)
            self.n_rows += len(rows)

    def _write(self, rows: list[list[Any]]) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._finish()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self._finish()
        finally:
            self.tmp.unlink(missing_ok=True)


class JsonlSink(_Sink):
    def __init__(self, path, columns) -> None:
        super().__init__(path, columns)
        self._f = open(self.tmp, "w", encoding="utf-8", newline="\n")

    def _write(self, rows):
        buf = io.StringIO()
        for r in rows:
            buf.write(json.dumps(dict(zip(self.columns, r, strict=True)), ensure_ascii=False, allow_nan=False))
            buf.write("\n")
        self._f.write(buf.getvalue())

    def _finish(self):
        self._f.close()


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return v


class CsvSink(_Sink):
    def __init__(self, path, columns, bom: bool = False) -> None:
        super().__init__(path, columns)
        self._f = open(self.tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")
        self._w = csv.writer(self._f, lineterminator="\n")
        self._w.writerow(self.columns)

    def _write(self, rows):
        self._w.writerows([[_csv_cell(v) for v in r] for r in rows])

    def _finish(self):
        self._f.close()


def _arrow_type(name: str):
    import pyarrow as pa

    t = column_type(name)
    ref = pa.struct([("n", pa.int64()), ("publisher", pa.string()), ("title", pa.string()),
                     ("url", pa.string()), ("date", pa.string())])
    return {_INT: pa.int64(), _FLOAT: pa.float64(), _BOOL: pa.bool_(), _LIST_INT: pa.list_(pa.int64()),
            _REFS: pa.list_(ref)}.get(t, pa.string())


class ParquetSink(_Sink):
    def __init__(self, path, columns) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        super().__init__(path, columns)
        self.schema = pa.schema([(c, _arrow_type(c)) for c in self.columns])
        self._w = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")

    def _write(self, rows):
        import pyarrow as pa

        cols = list(zip(*rows, strict=True))
        arrays = [pa.array(list(col), type=f.type) for col, f in zip(cols, self.schema, strict=True)]
        self._w.write_table(pa.Table.from_arrays(arrays, schema=self.schema))

    def _finish(self):
        self._w.close()


def _excel_cell(v: Any) -> Any:
    if isinstance(v, list | dict):
        v = json.dumps(v, ensure_ascii=False)
    if isinstance(v, str) and len(v) > EXCEL_CELL_LIMIT:
        v = v[: EXCEL_CELL_LIMIT - len(TRUNCATED_MARK)] + TRUNCATED_MARK
    return v


class WorkbookSink(_Closing):
    """An .xlsx file with several sheets written row by row (xlsxwriter constant-memory mode)."""

    def __init__(self, path: str | os.PathLike, sheets: Mapping[str, Sequence[str]]) -> None:
        import xlsxwriter

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.path.with_name(f".{self.path.name}.part.xlsx")
        self._wb = xlsxwriter.Workbook(str(self.tmp), {"constant_memory": True, "strings_to_formulas": False,
                                                       "strings_to_urls": False, "strings_to_numbers": False})
        self._wb.set_properties({"created": datetime(2000, 1, 1)})
        header = self._wb.add_format({"bold": True, "bg_color": "#E8EEF7", "bottom": 1})
        self._sheets = {}
        for name, cols in sheets.items():
            ws = self._wb.add_worksheet(name[:31])
            ws.write_row(0, 0, list(cols), header)
            ws.freeze_panes(1, 0)
            self._sheets[name] = [ws, list(cols), 1]

    def write(self, sheet: str, data: Any) -> None:
        ws, cols, row = self._sheets[sheet]
        for r in rows_of(data):
            if row >= 1_048_576:
                raise ValueError(f"{self.path}: more rows than an Excel sheet holds; use .parquet or .csv")
            for j, c in enumerate(cols):
                v = _excel_cell(_typed(c, r.get(c)))
                if v is not None:
                    if isinstance(v, bool):
                        ws.write_boolean(row, j, v)
                    elif isinstance(v, int | float):
                        ws.write_number(row, j, v)
                    else:
                        ws.write_string(row, j, str(v))
            row += 1
        self._sheets[sheet][2] = row

    def close(self) -> None:
        self._wb.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self._wb.close()
        finally:
            self.tmp.unlink(missing_ok=True)


class _SheetSink(_Closing):
    """A one-sheet view of a :class:`WorkbookSink` with the ``_Sink`` interface."""

    def __init__(self, path, columns, sheet: str = "claims") -> None:
        self._wb = WorkbookSink(path, {sheet: columns})
        self._sheet = sheet
        self.path = Path(path)

    def write(self, data):
        self._wb.write(self._sheet, data)

    def close(self):
        self._wb.close()

    def abort(self):
        self._wb.abort()


def open_sink(path: str | os.PathLike, columns: Sequence[str], bom: bool = False, sheet: str = "claims"):
    """A streaming writer for ``path``, its format chosen by the file suffix."""
    kind = kind_of(path)
    if kind == "jsonl":
        return JsonlSink(path, columns)
    if kind == "csv":
        return CsvSink(path, columns, bom=bom)
    if kind == "parquet":
        return ParquetSink(path, columns)
    return _SheetSink(path, columns, sheet=sheet)


def claim_export_columns(with_checks: bool) -> list[str]:
    from extractor.claims.record import CLAIM_COLUMNS

    return list(CLAIM_COLUMNS) + (list(CHECK_COLUMNS) if with_checks else [])
