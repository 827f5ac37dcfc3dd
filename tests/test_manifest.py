"""Folder manifests (extractor/documents/manifest.py) and what a known publication date changes."""

from __future__ import annotations

import json

from extractor.claims.extract import extract_document
from extractor.documents import manifest
from extractor.documents.reader import iter_documents

ARTICLE = ("美股收盘\n\n2026年2月4日,纳斯达克综合指数下跌1.35%,收于22904.58点。\n\n"
           "另据路透社报道,标普500指数下跌0.60%,收于6882.71点。\n")


def _write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_dates_and_outlets_files_below_it(tmp_path):
    manifest._load.cache_clear()
    _write(tmp_path, "MANIFEST.tsv", "file\tlang\toutlet\tpublished_date\turl\n"
           "zh/a.txt\tzh\t财联社\t2026-02-05\thttps://example.com/a\n"
           "zh/b.md\tzh\tWire\t2026-02-05\t\n")
    _write(tmp_path, "zh/a.txt", ARTICLE)
    _write(tmp_path, "zh/b.md", "---\ndate: 2026-01-02\n---\n" + ARTICLE)
    _write(tmp_path, "zh/c.txt", ARTICLE)  # not listed
    docs = {d.doc_id: d for d in iter_documents([str(tmp_path / "zh")])}  # input folder below the manifest
    a, b, c = docs["a.txt"], docs["b.md"], docs["c.txt"]
    assert (a.published, a.published_inferred, a.outlet, a.url) == (
        "2026-02-05", False, "财联社", "https://example.com/a")
    assert b.published.startswith("2026-01-02") and b.outlet == "Wire"  # the file's own date wins
    assert c.published_inferred  # only the text's "2026年2月4日" to go by


def test_without_a_publication_date_a_date_fixes_only_its_paragraph(tmp_path):
    manifest._load.cache_clear()
    _write(tmp_path, "plain/a.txt", ARTICLE)
    _write(tmp_path, "listed/a.txt", ARTICLE)
    _write(tmp_path, "listed/MANIFEST.tsv", "file\tpublished\na.txt\t2026-02-05\n")
    (plain,) = iter_documents([str(tmp_path / "plain")])
    (listed,) = iter_documents([str(tmp_path / "listed")])
    plain_dates = {c.subject: c.date for c in extract_document(plain) if c.kind == "index_move"}
    listed_dates = {c.subject: c.date for c in extract_document(listed) if c.kind == "index_move"}
    assert plain_dates["^IXIC"] == listed_dates["^IXIC"] == "2026-02-04"
    assert plain_dates["^GSPC"] is None  # another paragraph, and nothing fixes the article in time
    assert listed_dates["^GSPC"] == "2026-02-04"  # the manifest's publication date does


def test_multi_record_files_take_one_value_per_record(tmp_path):
    manifest._load.cache_clear()
    records = [{"title": "一", "body": ARTICLE}, {"title": "二", "body": ARTICLE}]
    _write(tmp_path, "briefs.json", json.dumps(records, ensure_ascii=False))
    _write(tmp_path, "MANIFEST.csv", 'path,published,outlet\nbriefs.json,"2026-02-05,2026-02-06",Digest\n')
    first, second = iter_documents([str(tmp_path)])
    assert (first.published, second.published) == ("2026-02-05", "2026-02-06")
    assert first.outlet == second.outlet == "Digest"


def test_unreadable_manifest_is_ignored(tmp_path, caplog):
    manifest._load.cache_clear()
    (tmp_path / "MANIFEST.tsv").write_bytes(b"\xff\xfe\x00garbage\x81")
    _write(tmp_path, "a.txt", ARTICLE)
    (doc,) = iter_documents([str(tmp_path)])
    assert doc.ok and doc.published_inferred
    assert "manifest ignored" in caplog.text
