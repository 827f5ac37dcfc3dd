#!/usr/bin/env python3
"""Score the number grammar on the Recognizers-Text peer cases without the whole pipeline.

    python scripts/rt_suite_run.py [OUT_DIR]     # writes OUT_DIR/pred.jsonl, prints rt_suite.py score

Each case runs through ``find_quantities``; percent and percentage-point quantities become
``percent`` records, money quantities ``money`` records (a range gives one record per end),
as the claims layer will turn them into claims.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.numbers import MONEY, PERCENT, PP, find_quantities  # noqa: E402

PEERS = Path("/work/shared/eval/peers")
SUITE = PEERS / "rt_suite.py"


def _suite():
    """rt_suite.py as a module (for ``cases`` and ``fname``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("rt_suite", SUITE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def records(case: dict) -> list[dict]:
    """The percent/money records one case's input yields."""
    lang = "zh" if case["culture"].startswith("zh") else "en"
    out = []
    for q in find_quantities(case["input"], lang):
        values = [q.value] if q.value is not None else [q.low, q.high]
        for v in values:
            if q.unit in (PERCENT, PP):
                out.append({"kind": "percent", "percent": v, "unit": q.unit, "text": q.text})
            elif q.unit == MONEY:
                out.append({"kind": "money", "amount": v, "currency": q.currency, "text": q.text})
    return out


def write_predictions(path: Path) -> int:
    rt = _suite()
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for case in rt.cases():
            for r in records(case):
                r["doc_id"] = rt.fname(case)
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
    return n


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="rt_suite_"))
    out.mkdir(parents=True, exist_ok=True)
    pred = out / "pred.jsonl"
    write_predictions(pred)
    subprocess.run([sys.executable, str(SUITE), "score", str(out), str(pred)], check=True)


if __name__ == "__main__":
    main()
