"""`newsclaims run`: incremental, idempotent, crash-safe (a real SIGKILL), exports equal the DB."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from _shared import SHARED

from extractor.batch.runner import BatchOptions, run_pipeline
from extractor.output.database import ClaimsDatabase
from extractor.output.tables import read_table

SEEDS = SHARED / "corpora" / "seeds"
ROOT = Path(__file__).resolve().parents[1]


def _articles(folder: Path, n: int, start: int = 0) -> Path:
    """``n`` short articles: the opening paragraphs of the seeds with varied figures."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(start, start + n):
        lines = [ln for ln in seeds[i % len(seeds)].splitlines() if re.search(r"\d+\.\d+%", ln)][:2]
        text = "\n".join(lines)
        text = re.sub(r"\d+\.\d+", lambda m, i=i: f"{float(m.group()) * (1 + i / 40):.2f}", text)
        (folder / f"doc{i:03d}.txt").write_text(f"市场快讯 {i}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture
def prices(tmp_path):
    folder = tmp_path / "prices"
    folder.mkdir()
    for name in ("GSPC.csv", "DJI.csv"):
        shutil.copy(SHARED / "data" / "prices" / name, folder / name)
    return folder


def _opts(**kw):
    return BatchOptions(workers=1, quiet=True, batch_size=4, **kw)


def test_rerun_is_incremental_and_idempotent(tmp_path, prices):
    a = _articles(tmp_path / "a", 6)
    out = tmp_path / "out"
    s1 = run_pipeline([str(a)], out, prices=prices, opts=_opts())
    assert (s1.read, s1.skipped, s1.failed) == (6, 0, 0) and s1.n_claims > 0 and s1.exit_code == 0
    for name in ("claims.jsonl", "claims.csv", "claims.parquet", "claims.xlsx", "documents.jsonl",
                 "report.html", "newsclaims.duckdb"):
        assert (out / name).stat().st_size > 0, name
    first = (out / "claims.jsonl").read_bytes()
    assert len(read_table(out / "claims.xlsx")) == len(first.splitlines()) == s1.n_claims
    assert sum(s1.verdicts.values()) > 0

    s2 = run_pipeline([str(a)], out, opts=_opts())
    assert (s2.read, s2.skipped) == (0, 6) and s2.exit_code == 0
    assert (out / "claims.jsonl").read_bytes() == first

    # a changed file replaces its records; a second folder adds to the database
    doc = a / "doc002.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("市场快讯", "更新 市场快讯"), encoding="utf-8")
    b = _articles(tmp_path / "b", 3, start=10)
    s3 = run_pipeline([str(a), str(b)], out, opts=_opts())
    assert (s3.read, s3.skipped) == (4, 5)
    with ClaimsDatabase(out / "newsclaims.duckdb") as db:
        counts = db.counts()
        claims = db.claims()
    assert counts["documents"] == 9
    assert claims["claim_id"].is_unique and len(claims) == counts["claims"]
    exported = [json.loads(x) for x in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["claim_id"] for r in exported] == claims["claim_id"].tolist()
    assert all(r["verdict"] is not None for r in exported if r["kind"] == "index_move" and r["date"])

    # a file that disappeared from a folder is dropped
    (b / "doc011.txt").unlink()
    s4 = run_pipeline([str(b)], out, opts=_opts(), only=["jsonl"])
    assert s4.removed == 1
    with ClaimsDatabase(out / "newsclaims.duckdb") as db:
        assert db.counts()["documents"] == 8


def _cli(args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "extractor", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_sigkill_halfway_then_rerun_equals_clean_run(tmp_path, prices):
    src = _articles(tmp_path / "in", 40)
    args = [str(src), "--prices", str(prices), "-j", "1", "--batch-size", "3", "--only", "jsonl,documents"]

    clean = _cli(["run", *args, "-o", str(tmp_path / "clean"), "-q"])
    _, err = clean.communicate(timeout=300)
    assert clean.returncode == 0, err

    crash_out = tmp_path / "crash"
    proc = _cli(["run", *args, "-o", str(crash_out), "-v"])
    done: list[str] = []
    reader = threading.Thread(target=lambda: done.extend(proc.stderr), daemon=True)
    reader.start()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if sum(" claims" in ln for ln in done) >= 12 and (crash_out / "newsclaims.duckdb").exists():
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    reader.join(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert not (crash_out / "claims.jsonl").exists()
    with ClaimsDatabase(crash_out / "newsclaims.duckdb", read_only=True) as db:
        stored = db.counts()["documents"]
    assert 0 < stored < 40

    again = _cli(["run", *args, "-o", str(crash_out)])
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{stored} skipped unchanged" in err
    for name in ("claims.jsonl", "documents.jsonl"):
        assert (crash_out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_run_cli_errors_and_help(tmp_path, capsys):
    from extractor.cli import main

    assert main(["run", "--help"]) == 0
    assert "Example: newsclaims run" in capsys.readouterr().out
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "o"), "--only", "pdf", "-q"]) == 2
    assert main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "o"), "-q"]) == 2
    assert "nope: no such file or folder" in capsys.readouterr().err
