"""Price readers (folder, Yahoo, Stooq, FRED, generic, Parquet) and the DuckDB store."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from _shared import SHARED

from extractor.checking.prices import PriceFileError, load_prices
from extractor.checking.store import PriceStore
from extractor.cli import main

PRICES = SHARED / "data/prices"


def test_shared_folder_maps_stems_to_subjects():
    df = load_prices([PRICES / "IXIC.csv", PRICES / "XLK.csv", PRICES / "000001.SS.csv"])
    assert set(df["subject"]) == {"^IXIC", "information technology", "000001.SS"}
    row = df[(df.subject == "^IXIC") & (df.date == "2026-02-04")].iloc[0]
    assert (row.open, row.close, row.source) == (23217.02, 22904.58, "IXIC.csv")


def test_common_layouts(tmp_path):
    (tmp_path / "^GSPC.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n2026-02-03,6930,6940,6900,6917.81,6917.81,1\n"
        "2026-02-04,6924.5,6930,6870,6882.72,6882.72,1\n")
    (tmp_path / "dji.us.csv").write_text("Date,Open,High,Low,Close,Volume\n2026-02-04,1,2,0.5,49501.3,10\n")
    (tmp_path / "fred.csv").write_text("observation_date,NASDAQCOM\n2026-02-03,23255.19\n2026-02-04,.\n")
    (tmp_path / "ndx.csv").write_text("date,close\n2026-02-04,24890.1\n")
    pd.DataFrame({"Date": ["2026-02-04"], "Close": [2624.55]}).to_parquet(tmp_path / "RUT.parquet")
    df = load_prices(tmp_path)
    got = {r.subject: r.close for r in df.itertuples()}
    assert got == {"^GSPC": 6882.72, "^DJI": 49501.3, "^IXIC": 23255.19, "^NDX": 24890.1, "^RUT": 2624.55}
    assert df[df.subject == "^GSPC"].shape[0] == 2
    assert df[df.subject == "^IXIC"].series.iloc[0] == "NASDAQCOM"


def test_bad_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("when,price\nx,y\n")
    with pytest.raises(PriceFileError, match="bad.csv: no date column"):
        load_prices(bad)
    errors: list[str] = []
    assert load_prices(tmp_path, errors=errors).empty and "bad.csv" in errors[0]


def test_store_import_idempotent_and_corrections_replace(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = (PRICES / "RUT.csv").read_text().splitlines()
    head, rows = text[0], text[-30:]
    (src / "RUT.csv").write_text("\n".join([head, *rows]) + "\n")
    store = PriceStore(tmp_path / "p.duckdb")
    first = store.import_paths([src])
    assert (first.inserted, first.replaced) == (30, 0)
    again = store.import_paths([src])
    assert (again.inserted, again.replaced, again.unchanged) == (0, 0, 30)
    assert store.list_series().rows.tolist() == [30]
    last = rows[-1].split(",")
    fixed = ",".join(last[:4] + ["1234.5"] + last[5:])
    (src / "RUT.csv").write_text("\n".join([head, *rows[:-1], fixed]) + "\n")
    third = store.import_paths([src])
    assert (third.inserted, third.replaced) == (0, 1)
    frame = store.frame(["^RUT"])
    assert len(frame) == 30 and frame.close.iloc[-1] == 1234.5


def test_cli_prices_import_twice_and_list(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    for _ in range(2):
        assert main(["prices", "import", str(PRICES / "DJI.csv"), str(PRICES / "VIX.csv"), "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert "17950 new" in out and "17950 unchanged" in out
    assert main(["prices", "list", "--store", str(db)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["series", "subject", "first", "last", "rows"]
    assert listing[1].split() == ["DJI", "^DJI", "1992-01-02", "2026-08-20", "8720"]
    assert main(["prices", "import", str(tmp_path / "missing.csv"), "--store", str(db)]) == 2


def test_cli_check_writes_verdict_columns(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    assert main(["prices", "import", str(PRICES / "IXIC.csv"), "--store", str(db)]) == 0
    claims = tmp_path / "claims.jsonl"
    rows = [{"doc_id": "a.txt", "lang": "zh", "kind": "index_move", "subject": "^IXIC", "date": "2026-02-04",
             "change_pct": -1.35, "level": 22904.58, "text": "纳指下跌1.35%,收于22904.58点", "period": "1d"},
            {"doc_id": "a.txt", "lang": "zh", "kind": "money", "amount": 2e12, "currency": "USD",
             "text": "约2万亿美元"}]
    claims.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    out = tmp_path / "checked.jsonl"
    assert main(["check", str(claims), "--store", str(db), "-o", str(out)]) == 0
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert got[0]["verdict"] == "contradicted" and got[0]["explanation"].startswith("matches the open-to-close")
    assert got[0]["observed_date"] == "2026-02-04" and got[0]["price_series"] == "IXIC.csv"
    assert got[1]["verdict"] is None
    # --prices uses a folder directly; same answer
    out2 = tmp_path / "checked2.jsonl"
    assert main(["check", str(claims), "--prices", str(PRICES), "-o", str(out2)]) == 0
    assert json.loads(out2.read_text().splitlines()[0])["verdict_reason"] == got[0]["verdict_reason"]
