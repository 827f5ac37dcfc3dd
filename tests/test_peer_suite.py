"""Recognizers-Text's percent and currency cases through the whole pipeline.

Runs ../shared/eval/peers/rt_suite.py as its docstring says (make → extract → score) and
asserts newsclaims passes at least as many cases as Recognizers-Text itself.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import extractor
from extractor.output.tables import write_table

SUITE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "peers" / "rt_suite.py"
FLOORS = {"zh_percent": 91.4, "zh_currency": 90.9, "en_percent": 100.0, "en_currency": 79.7}


def test_beats_recognizers_text(tmp_path):
    cases = tmp_path / "cases"
    subprocess.run([sys.executable, str(SUITE), "make", str(cases)], check=True, capture_output=True)
    pred = tmp_path / "pred.jsonl"
    write_table(extractor.extract([cases]), pred, kind="claims")
    out = subprocess.run([sys.executable, str(SUITE), "score", str(cases), str(pred)], check=True,
                         capture_output=True, text=True).stdout
    scores = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+\d+/\d+\s+([\d.]+)%", out, re.M)}
    assert set(scores) == set(FLOORS), out
    for suite, floor in FLOORS.items():
        assert scores[suite] >= floor, f"{suite}: {scores[suite]}% < {floor}%\n{out}"
