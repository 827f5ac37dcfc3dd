"""Extraction quality floors on the dev gold sets, scored by the shared scorer.

Every gold file under ../shared/eval/gold: micro F1 >= 0.90, every kind present >= 0.85,
and matched pairs agree on subject, source and date >= 0.85. Our own samples have gold of
their own (corpora/gold/samples.jsonl) with the same floors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from extractor.output.tables import write_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "gold"
SETS = {
    "seeds": SHARED / "corpora" / "seeds",
    "dev_en": SHARED / "corpora" / "dev" / "en",
    "dev_zh1": SHARED / "corpora" / "dev" / "zh",
    "dev_zh2": SHARED / "corpora" / "dev" / "zh",
}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    out = {}
    cache = {}
    for name, folder in SETS.items():
        if folder not in cache:
            path = tmp_path_factory.mktemp("pred") / f"{folder.name}.jsonl"
            write_table(extractor.extract([folder]), path, kind="claims")
            cache[folder] = path
        out[name] = cache[folder]
    return out


def _score(gold: Path, pred: Path) -> dict:
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


#: The spec's floors: micro F1, per-kind F1, matched-pair agreement on subject/source/date.
MICRO, KIND, FIELD = 0.90, 0.85, 0.85

#: Where we are measurably below the spec today: (set, metric) -> the floor enforced instead,
#: the figure measured at the last commit minus 0.01. These are open gaps, listed in the README
#: and the closing note; the test keeps them from getting worse. Remove an entry once it passes.
#: measured shortfalls, kept as regression floors until fixed (see the README's quality table); none now
KNOWN_GAPS: dict[tuple[str, str], float] = {}


def _floor(label: str, metric: str, spec: float) -> float:
    return KNOWN_GAPS.get((label, metric), spec)


def _assert_floors(summary: dict, label: str) -> None:
    assert summary["micro"]["f1"] >= _floor(label, "micro", MICRO), f"{label}: micro F1 {summary['micro']}"
    for kind, c in summary["kinds"].items():
        if c["tp"] + c["fn"] > 0:
            assert c["f1"] >= _floor(label, f"kind:{kind}", KIND), f"{label}: {kind} F1 {c}"
    for field in ("subject", "source", "date"):
        value = summary["fields"].get(field)
        if value is not None:
            assert value >= _floor(label, field, FIELD), f"{label}: {field} agreement {value}"


@pytest.mark.parametrize("name", list(SETS))
def test_dev_gold_floors(name, predictions):
    _assert_floors(_score(GOLD / f"{name}.jsonl", predictions[name]), name)


def test_own_samples_gold_floors(tmp_path):
    pred = tmp_path / "samples.jsonl"
    write_table(extractor.extract([ROOT / "corpora" / "samples"]), pred, kind="claims")
    _assert_floors(_score(ROOT / "corpora" / "gold" / "samples.jsonl", pred), "samples")
