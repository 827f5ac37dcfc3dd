"""`newsclaims docs`: output table and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from _shared import SHARED

from extractor.cli import main
from extractor.documents.record import DOCUMENT_COLUMNS

SEEDS = str(SHARED / "corpora/seeds")


def test_docs_writes_sorted_jsonl(tmp_path):
    out = tmp_path / "docs.jsonl"
    assert main(["docs", SEEDS, "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == sorted(p.name for p in Path(SEEDS).iterdir())
    assert list(rows[0]) == DOCUMENT_COLUMNS
    assert "美国股市" in out.read_text(encoding="utf-8")  # ensure_ascii=False
    first = out.read_bytes()
    assert main(["docs", SEEDS, "-o", str(out)]) == 0
    assert out.read_bytes() == first


def test_docs_exit_codes(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("The Dow rose 1% on Monday.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    out = tmp_path / "o.jsonl"
    assert main(["docs", str(tmp_path), "-o", str(out), "--exclude", "*.jsonl"]) == 1
    assert "bad.txt: empty file" in capsys.readouterr().err
    assert main(["docs", str(tmp_path), "-o", str(out), "--include", "good.*"]) == 0
    assert main(["docs", str(tmp_path / "bad.txt"), "-o", str(out)]) == 2
    assert main(["docs", str(tmp_path / "missing"), "-o", str(out)]) == 2
    assert main(["docs", "-o", str(out)]) == 2
