"""The bundled sample corpus is complete, decodes as its manifest says, and its gold parses."""

from __future__ import annotations

import csv
import json
import math
import unicodedata
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
SAMPLES = CORPORA / "samples"
GOLD = CORPORA / "gold" / "samples.jsonl"
PRICES = CORPORA / "prices"
CODECS = {"utf-8": "utf-8", "utf-16le-bom": "utf-16", "gb18030": "gb18030", "big5": "big5"}
KINDS = {"index_move", "sector_move", "asset_move", "percentile", "money", "percent"}
MOVES = {"index_move", "sector_move", "asset_move"}


def manifest() -> list[dict[str, str]]:
    with open(SAMPLES / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def doc_text(path: Path, fmt: str, encoding: str) -> dict[str, str]:
    """NFKC text per doc_id suffix: whole file, or title+body per JSON record."""
    raw = path.read_bytes().decode(CODECS[encoding])
    if fmt == "json":
        recs = json.loads(raw)
    elif fmt == "jsonl":
        recs = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        if fmt == "html":
            import html

            raw = html.unescape(raw)
        return {"": unicodedata.normalize("NFKC", raw)}
    return {f"#{n}": unicodedata.normalize("NFKC", r["title"] + "\n\n" + r["body"]) for n, r in enumerate(recs, 1)}


def test_manifest_lists_every_sample_and_names_are_unique():
    rows = manifest()
    listed = {r["file"] for r in rows}
    on_disk = {str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv"}
    assert listed == on_disk
    names = [Path(f).name for f in listed]
    assert len(names) == len(set(names))
    assert {r["lang"] for r in rows} == {"en", "zh"}
    assert {r["format"] for r in rows} >= {"txt", "md", "html", "json", "jsonl"}
    assert {r["encoding"] for r in rows} == set(CODECS)


@pytest.mark.parametrize("row", manifest(), ids=lambda r: r["file"])
def test_sample_decodes_as_manifest_says(row):
    data = (SAMPLES / row["file"]).read_bytes()
    enc = row["encoding"]
    text = data.decode(CODECS[enc])
    assert len(text) > 300
    if enc == "utf-16le-bom":
        assert data[:2] == b"\xff\xfe"
    elif enc in ("gb18030", "big5"):
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    else:
        assert not data.startswith(b"\xef\xbb\xbf")


def test_fullwidth_sample_really_has_fullwidth_digits():
    text = (SAMPLES / "zh" / "zh_ashare_yearend_fullwidth.txt").read_text(encoding="utf-8")
    assert "０．０９％" in text and "风险提示及免责条款" in text and "免责声明" in text


def test_gold_records_are_well_formed_and_spans_exist():
    rows = {r["file"]: r for r in manifest()}
    texts: dict[str, str] = {}
    for f, r in rows.items():
        for suffix, t in doc_text(SAMPLES / f, r["format"], r["encoding"]).items():
            texts[f + suffix] = t
    records = gold()
    assert len(records) > 150
    covered = set()
    for g in records:
        assert g["kind"] in KINDS
        assert g["doc_id"] in texts, g["doc_id"]
        covered.add(g["doc_id"])
        assert g["text"] == unicodedata.normalize("NFKC", g["text"])
        assert g["text"] in texts[g["doc_id"]], g["text"]
        if g.get("start") is not None:
            assert texts[g["doc_id"]][g["start"]:g["end"]] == g["text"]
        if g["date"] is not None:
            assert len(g["date"]) == 10 and g["date"][4] == "-"
        if g["kind"] in MOVES:
            assert g["verdict"] in {"supported", "contradicted", "unverifiable"}
            assert g["period"]
        if g["kind"] == "money":
            assert g["currency"] in {"USD", "CNY", "HKD", "EUR", "JPY"}
    assert covered == set(texts)
    contradicted = [g for g in records if g.get("verdict") == "contradicted"]
    assert len(contradicted) == 3 and all(g["note"].startswith("DELIBERATE") for g in contradicted)


def test_price_files_cover_every_checkable_claim():
    closes: dict[str, dict[str, float]] = {}
    for p in PRICES.glob("*.csv"):
        with open(p, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames == ["date", "open", "high", "low", "close", "volume"]
            rows = list(reader)
        assert 2 <= len(rows) <= 60
        dates = [r["date"] for r in rows]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)
        closes[p.stem] = {r["date"]: float(r["close"]) for r in rows}
    series = {"^GSPC": "GSPC", "^IXIC": "IXIC", "^DJI": "DJI", "^RUT": "RUT", "^NDX": "NDX", "^HSI": "HSI",
              "^N225": "N225", "000001.SS": "000001.SS", "399001.SZ": "399001.SZ", "000300.SS": "000300.SS",
              "BTC-USD": "BTC-USD", "XLK": "XLK", "information technology": "XLK", "financials": "XLF",
              "energy": "XLE", "utilities": "XLU", "health care": "XLV"}
    for g in gold():
        if g.get("verdict") not in ("supported", "contradicted"):
            continue
        c = closes[series[g["subject"]]]
        assert g["date"] in c, (g["doc_id"], g["text"])
        if g["period"] == "1d":
            prev = max(d for d in c if d < g["date"])
            checks = []
            if g["change_pct"] is not None:
                move = round((c[g["date"]] / c[prev] - 1) * 100, 2)
                checks.append(math.isclose(move, g["change_pct"], abs_tol=0.006))
            if g["level"] is not None:
                checks.append(math.isclose(c[g["date"]], g["level"], abs_tol=0.006))
            assert all(checks) == (g["verdict"] == "supported") or not checks, (g["doc_id"], g["text"])
        if g["record_high"]:
            assert c[g["date"]] > max(v for d, v in c.items() if d < g["date"])


def test_bad_inputs_exist():
    bad = CORPORA / "bad"
    assert (bad / "empty.txt").stat().st_size == 0
    assert b"\x00" in (bad / "binary_renamed.txt").read_bytes()
    assert (bad / "broken.html").exists() and (bad / "bad_frontmatter.md").exists()
