"""write_table / read_table: every format round-trips, output is deterministic."""

from __future__ import annotations

import json
import math
import zipfile

import pandas as pd
import pytest
from test_output_samples import sample_claims, sample_documents

from extractor.output.tables import (
    EXCEL_CELL_LIMIT,
    TableFormatError,
    read_table,
    write_table,
    write_workbook,
)


def _norm(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, list | str):
        return value.item()
    return value


def _rows(df: pd.DataFrame) -> list[dict]:
    return [{k: _norm(v) for k, v in row.items()} for row in df.to_dict("records")]


@pytest.mark.parametrize("ext", [".jsonl", ".csv", ".parquet", ".xlsx"])
def test_claims_round_trip(tmp_path, ext):
    claims = sample_claims()
    path = write_table(claims, tmp_path / f"claims{ext}")
    back = read_table(path)
    assert list(back.columns) == list(claims.columns)
    assert _rows(back) == _rows(claims)
    assert back.loc[0, "refs"] == [2] and back.loc[4, "refs"] == []


@pytest.mark.parametrize("ext", [".jsonl", ".csv", ".parquet", ".xlsx"])
def test_documents_round_trip(tmp_path, ext):
    docs = sample_documents()
    back = read_table(write_table(docs, tmp_path / f"docs{ext}", kind="documents"), sheet="documents")
    assert _rows(back) == _rows(docs)
    assert back.loc[0, "references"][1]["publisher"] == "华尔街日报"


def test_jsonl_is_plain_readable_json(tmp_path):
    path = write_table(sample_claims(), tmp_path / "c.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert list(first)[:6] == ["claim_id", "doc_id", "doc_hash", "lang", "kind", "text"]
    assert first["refs"] == [2] and first["change_abs"] is None and first["level"] == 22904.58
    assert "纳斯达克" in lines[0]  # ensure_ascii=False
    assert "NaN" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("ext", [".jsonl", ".csv"])
def test_text_formats_are_byte_identical(tmp_path, ext):
    claims = sample_claims()
    a = write_table(claims, tmp_path / f"a{ext}").read_bytes()
    b = write_table(claims.copy(), tmp_path / f"b{ext}").read_bytes()
    assert a == b


def test_parquet_and_xlsx_are_byte_identical(tmp_path):
    claims, docs = sample_claims(), sample_documents()
    for name in ("a", "b"):
        write_table(claims, tmp_path / f"{name}.parquet")
        write_workbook(tmp_path / f"{name}.xlsx", {"claims": claims, "documents": docs})
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_csv_bom_and_chinese(tmp_path):
    path = write_table(sample_claims(), tmp_path / "c.csv", bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "纳斯达克综合指数" in raw.decode("utf-8-sig")
    assert not write_table(sample_claims(), tmp_path / "d.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_table(path).loc[0, "subject_text"] == "纳斯达克综合指数"


def test_csv_keeps_hex_like_ids_as_strings(tmp_path):
    claims = sample_claims().head(1).copy()
    claims["claim_id"] = "1234567890e12345"
    back = read_table(write_table(claims, tmp_path / "c.csv"))
    assert back.loc[0, "claim_id"] == "1234567890e12345"


def test_workbook_sheets_header_frozen_and_long_text_truncated(tmp_path):
    docs = sample_documents()
    docs.loc[0, "text"] = "长" * (EXCEL_CELL_LIMIT + 500)
    path = write_workbook(tmp_path / "all.xlsx", {"claims": sample_claims(), "documents": docs})
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        sheet1 = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "xl/worksheets/sheet2.xml" in names
    assert 'state="frozen"' in sheet1 and "<autoFilter" in sheet1
    back = read_table(path, sheet="documents")
    assert len(back.loc[0, "text"]) == EXCEL_CELL_LIMIT
    assert back.loc[0, "text"].endswith("[truncated]")
    assert back.loc[1, "text"] == docs.loc[1, "text"]


def test_formula_like_strings_stay_text(tmp_path):
    claims = sample_claims().head(1).copy()
    claims["sentence"] = "=HYPERLINK(\"http://x\")"
    back = read_table(write_table(claims, tmp_path / "c.xlsx"))
    assert back.loc[0, "sentence"] == claims.loc[0, "sentence"]


def test_bad_inputs_name_the_file(tmp_path):
    with pytest.raises(TableFormatError, match="claims.txt"):
        write_table(sample_claims(), tmp_path / "claims.txt")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(TableFormatError, match=r"bad.jsonl:2"):
        read_table(bad)
    with pytest.raises(TableFormatError, match="missing.csv"):
        read_table(tmp_path / "missing.csv")


def test_empty_frame(tmp_path):
    empty = pd.DataFrame(columns=list(sample_claims().columns))
    for ext in (".jsonl", ".csv", ".parquet", ".xlsx"):
        back = read_table(write_table(empty, tmp_path / f"e{ext}"))
        assert len(back) == 0
