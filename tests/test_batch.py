"""Batch engine: discovery, streaming sinks, ordered parallel results, exit codes."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from _shared import SHARED

from extractor.batch import local
from extractor.batch.engine import InlineEngine, chunks, discover, process_file
from extractor.batch.runner import BatchOptions, batched, run_extract
from extractor.batch.sink import claim_export_columns, open_sink
from extractor.claims.record import CLAIM_COLUMNS, Claim
from extractor.output.tables import read_table, write_table

SEEDS = SHARED / "corpora/seeds"


def _fake_extract(doc):
    """A tiny stand-in extractor (percent figures) so engine tests do not depend on the NLP stack."""
    out = []
    for m in re.finditer(r"\d+(?:\.\d+)?%", doc.text):
        out.append(Claim(doc_id=doc.doc_id, lang=doc.lang or "zh", kind="percent", text=m.group(),
                         start=m.start(), end=m.end(), doc_hash=doc.content_hash, percent=float(m.group()[:-1]),
                         unit="%", refs=[1, 2] if m.start() % 2 else []))
    return out


@pytest.fixture
def fake(monkeypatch):
    mod = types.ModuleType("extractor.claims.extract")
    mod.extract_document = _fake_extract
    mod.warm_up = lambda langs=("zh", "en"): None
    monkeypatch.setitem(sys.modules, "extractor.claims.extract", mod)
    monkeypatch.setattr(local, "START_METHOD", "fork")  # forked workers inherit the fake
    return mod


def _corpus(tmp_path: Path, n: int = 24) -> Path:
    """``n`` varied copies of the seed articles plus one bad and one JSON file."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        text = re.sub(r"\d+\.\d+", lambda m, i=i: f"{float(m.group()) * (1 + i / 50):.2f}", text)
        (root / ("sub" if i % 3 else "") / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    (root / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    (root / "recs.json").write_text(json.dumps([{"title": "t", "body": "标普500指数下跌0.60%。"},
                                                {"title": "u", "body": "The Dow rose 0.36% on Tuesday."}]),
                                    encoding="utf-8")
    (root / "notes.csv").write_text("not an article", encoding="utf-8")
    return root


def test_discover_matches_reader_order_and_filters(tmp_path):
    from extractor.documents.reader import iter_documents

    root = _corpus(tmp_path, 6)
    tasks = discover([root])
    assert [Path(p).name for p, _ in tasks][:3] == ["a000.txt", "a003.txt", "bad.txt"]
    assert not any(p.endswith(".csv") for p, _ in tasks)
    reader_ids = [d.doc_id for d in iter_documents([str(root)])]
    ours = [d["doc_id"] for t in tasks for r in process_file(t, {}) for d in [r.doc_row]]
    assert ours == reader_ids
    only = discover([root], include=["sub/*"], exclude=["a004*"])
    assert [Path(p).name for p, _ in only] == ["a001.txt", "a002.txt", "a005.txt"]
    with pytest.raises(FileNotFoundError, match="nope"):
        discover([tmp_path / "nope"])


def test_unchanged_documents_are_skipped(tmp_path, fake):
    root = _corpus(tmp_path, 2)
    task = discover([root / "a000.txt"])[0]
    assert task[1] is None
    first = process_file(task, {})
    assert len(first) == 1 and first[0].claim_rows and not first[0].skipped
    again = process_file(task, {first[0].path_key: first[0].content_hash})
    assert again[0].skipped and again[0].doc_row is None and again[0].claim_rows == []
    changed = process_file(task, {first[0].path_key: "other"})
    assert not changed[0].skipped


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "xlsx"])
def test_streamed_sink_equals_write_table(tmp_path, fake, fmt):
    """Writing in batches gives the same table as writing the whole frame at once."""
    root = _corpus(tmp_path, 3)
    rows = [c for t in discover([root]) for r in process_file(t, {}) for c in r.claim_rows]
    assert len(rows) > 20
    cols = claim_export_columns(False)
    with open_sink(tmp_path / f"s.{fmt}", cols, bom=True) as sink:
        for part in (rows[:7], [], rows[7:]):
            sink.write(part)
    whole = write_table(pd.DataFrame(rows, columns=CLAIM_COLUMNS), tmp_path / f"w.{fmt}", bom=True)
    if fmt in ("jsonl", "csv"):
        assert (tmp_path / f"s.{fmt}").read_bytes() == whole.read_bytes()
    got, want = read_table(tmp_path / f"s.{fmt}"), read_table(whole)
    assert list(got.columns) == cols
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert not list(tmp_path.glob(".*part*"))


def test_two_workers_identical_to_one(tmp_path, fake):
    root = _corpus(tmp_path)
    outs = {}
    for w in (1, 2):
        out, docs = tmp_path / f"c{w}.jsonl", tmp_path / f"d{w}.jsonl"
        s = run_extract([str(root)], out, docs, BatchOptions(workers=w, batch_size=5, chunk_size=2, quiet=True))
        outs[w] = (out.read_bytes(), docs.read_bytes(), s)
    assert outs[1][0] == outs[2][0] and outs[1][1] == outs[2][1]
    s = outs[2][2]
    assert (s.files, s.read, s.failed) == (26, 27, 1)
    assert s.exit_code == 1 and s.n_claims == len(outs[1][0].splitlines())
    ids = [json.loads(x)["doc_id"] for x in outs[1][1].splitlines()]
    assert ids.count("bad.txt") == 1 and {"recs.json#1", "recs.json#2"} <= set(ids) and len(ids) == 27


def test_local_engine_is_bounded_and_ordered(fake, tmp_path):
    root = _corpus(tmp_path, 10)
    tasks = discover([root])
    eng = local.LocalEngine(workers=2, window=2)
    try:
        got = [[r.doc_id for r in res] for res in eng.map(chunks(tasks, 1))]
    finally:
        eng.close()
    want = [[r.doc_id for r in res] for res in InlineEngine().map(chunks(tasks, 1))]
    assert got == want


def test_batched_sizes():
    assert [len(b) for b in batched(range(11), 4)] == [4, 4, 3]


def test_exit_codes_and_cli(tmp_path, fake, capsys):
    from extractor.cli import main

    root = _corpus(tmp_path, 2)
    assert main(["extract", str(root / "a000.txt"), "-o", str(tmp_path / "o.csv"), "-q", "-j", "1"]) == 0
    assert main(["extract", str(root), "-o", str(tmp_path / "o.jsonl"), "-q", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"^newsclaims: bad\.txt: .+$", err, re.M)
    assert main(["extract", str(root / "bad.txt"), "-o", str(tmp_path / "o.parquet"), "-q", "-j", "1"]) == 2
    assert main(["extract", str(tmp_path / "missing"), "-o", str(tmp_path / "o.jsonl"), "-q"]) == 2
    assert "missing: no such file or folder" in capsys.readouterr().err
    assert main(["extract", str(root), "-o", str(tmp_path / "o.txt"), "-q"]) == 2
    assert main(["extract", "--help"]) == 0
    assert "Example: newsclaims extract" in capsys.readouterr().out


def test_task_list_is_the_file_list(tmp_path):
    """The compact list of discovered files reads back exactly (non-ASCII names, two roots)."""
    from extractor.batch.engine import TaskList

    plain = [(str(tmp_path / f"中文/文件{i}.txt"), str(tmp_path)) for i in range(5)]
    plain += [(str(tmp_path / "x.md"), None), ("/abs/é.html", "/abs")]
    tasks = TaskList(plain)
    assert len(tasks) == len(plain) and list(tasks) == plain
    assert tasks[-1] == plain[-1] and tasks[2:4] == plain[2:4]
    with pytest.raises(IndexError):
        tasks[len(plain)]
    assert [c for c in chunks(tasks, 3)] == [plain[0:3], plain[3:6], plain[6:]]
