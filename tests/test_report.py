"""build_report without a browser: structure, overlaps, escaping, determinism, the CLI."""

from __future__ import annotations

import json
import re

import pandas as pd
from test_output_samples import EN_TEXT, sample_claims, sample_documents, sample_prices

from extractor.cli import main
from extractor.output.report import build_report as build
from extractor.output.report import claim_value, highlight_segments
from extractor.output.tables import write_table


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m, "embedded data block missing"
    return json.loads(m.group(1))


def test_report_is_self_contained_and_deterministic(tmp_path):
    a = build(sample_claims(), sample_documents(), sample_prices(), tmp_path / "a.html")
    b = build(sample_claims(), sample_documents(), sample_prices(), tmp_path / "b.html")
    page = a.read_text(encoding="utf-8")
    assert a.read_bytes() == b.read_bytes()
    assert page.count("plotly.js v") == 1  # inlined exactly once
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?:', page)  # no CDN
    data = _data(page)
    assert len(data["claims"]) == 10 and len(data["order"]) == 10
    charted = {data["claims"][i]["subject"] for i in data["charts"]}
    assert charted == {"^IXIC", "^DJI", "^GSPC"} and len(data["charts"]) == 5  # ^RUT: no series


def test_chart_window_and_points(tmp_path):
    page = build(sample_claims(), sample_documents(), sample_prices(), tmp_path / "r.html").read_text("utf-8")
    data = _data(page)
    dow = next(i for i, c in data["claims"].items() if c.get("verdict") == "contradicted")
    chart = data["charts"][dow]
    assert chart["series"] == "DJI" and chart["date"] == "2026-02-04"
    assert len(chart["dates"]) == 31 and chart["dates"][15] == "2026-02-04"
    assert chart["claimed"] == 49501.31 and chart["observed"] == 49501.31 and not chart["implied"]
    gspc = next(i for i, c in data["claims"].items() if c.get("subject") == "^GSPC")
    implied = data["charts"][gspc]
    assert implied["implied"] and abs(implied["claimed"] - 6924.18 * (1 - 0.006)) < 1e-3


def test_marks_cover_claims_and_overlaps(tmp_path):
    page = build(sample_claims(), sample_documents(), None, tmp_path / "r.html").read_text("utf-8")
    marks = re.findall(r'<mark class="([^"]+)" data-claims="([^"]+)"[^>]*>(.*?)</mark>', page)
    verdicts = {cls.split()[1] for cls, _, _ in marks}
    assert verdicts == {"v-supported", "v-contradicted", "v-unverifiable", "v-unchecked"}
    overlap = [m for m in marks if "overlap" in m[0]]
    assert [m[2] for m in overlap] == ["1.4%"] and len(overlap[0][1].split()) == 2
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_highlight_segments_nested_and_crossing():
    segs = highlight_segments("abcdefghij", [(1, 6, "a"), (3, 4, "b"), (5, 8, "c"), (9, 20, "bad")])
    pieces = [(s.start, s.end, s.ids) for s in segs]
    assert pieces == [(0, 1, []), (1, 3, ["a"]), (3, 4, ["a", "b"]), (4, 5, ["a"]), (5, 6, ["a", "c"]),
                      (6, 8, ["c"]), (8, 10, [])]


def test_claim_value_formats():
    assert claim_value({"kind": "index_move", "change_pct": -1.35, "level": 22904.58}) == ("-1.35% → 22,904.58", -1.35)
    assert claim_value({"kind": "money", "amount": 2e12, "currency": "USD", "approx": True})[0] == "≈2T USD"
    assert claim_value({"kind": "percent", "percent": -16.0, "unit": "bp"})[0] == "-16 bp"
    assert claim_value({"kind": "sector_move", "change_pct_low": -3.6, "change_pct_high": -2.4})[0] == "-3.60…-2.40%"


def test_report_without_documents_or_checks(tmp_path):
    claims = sample_claims().drop(columns=["verdict", "verdict_reason", "explanation"])
    page = build(claims, None, None, tmp_path / "r.html").read_text("utf-8")
    assert "No documents table was given" in page
    assert _data(page)["charts"] == {}
    assert page.count('<span class="badge v-unchecked">unchecked</span>') == 10
    empty = build(pd.DataFrame(columns=["claim_id", "doc_id", "kind"]), None, None, tmp_path / "e.html")
    assert _data(empty.read_text("utf-8"))["order"] == []


def test_placeholder_text_in_documents_is_not_substituted(tmp_path):
    docs = sample_documents()
    docs.loc[1, "text"] = EN_TEXT + "__DATA__ /*__CSS__*/\n"
    page = build(sample_claims(), docs, None, tmp_path / "r.html").read_text("utf-8")
    assert "__DATA__ /*__CSS__*/" in page
    _data(page)


def test_cli_report(tmp_path, capsys):
    claims_path = write_table(sample_claims(), tmp_path / "claims.parquet")
    docs_path = write_table(sample_documents(), tmp_path / "docs.jsonl", kind="documents")
    prices = sample_prices().rename(columns={"series": "symbol"})
    prices.to_csv(tmp_path / "prices.csv", index=False)
    out = tmp_path / "out" / "report.html"
    rc = main(["report", str(claims_path), "--documents", str(docs_path), "--prices", str(tmp_path / "prices.csv"),
               "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert len(_data(out.read_text("utf-8"))["charts"]) == 5  # the 6 checked claims less ^RUT
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
