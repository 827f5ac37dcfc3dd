#!/usr/bin/env python3
"""Score a claims export against a gold file in the same (CLAIMS.md) format.

    python scripts/evaluate.py GOLD.jsonl PRED.jsonl [--json] [--show-misses]
    python scripts/evaluate.py GOLD.jsonl --extract CORPUS_DIR [--json]   # extract first, then score

Claims match within one document (by file name) and one kind on the figures that define
them (index moves also on subject); each gold claim matches at most one prediction.
Prints precision/recall/F1 per kind and micro, and how often matched pairs agree on
subject, source and date.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import defaultdict

KINDS = ["index_move", "sector_move", "asset_move", "percentile", "money", "percent"]
MOVES = {"index_move", "sector_move", "asset_move"}


def _num(x):
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _close(a, b, abs_tol=0.0, rel_tol=0.0) -> bool:
    a, b = _num(a), _num(b)
    return a is not None and b is not None and abs(a - b) <= max(abs_tol, rel_tol * max(abs(a), abs(b)))


def _norm(s):
    return " ".join(str(s).lower().replace("-", " ").split()) if s not in (None, "") else None


def same_subject(g: dict, p: dict) -> bool:
    a, b = _norm(g.get("subject")), _norm(p.get("subject"))
    if a is None or b is None:
        return a == b
    return a == b or (g["kind"] != "index_move" and (a in b or b in a))


def figures_match(g: dict, p: dict) -> bool:
    k = g["kind"]
    if k in MOVES:
        if k == "index_move" and not same_subject(g, p):
            return False
        if (_close(g.get("change_pct"), p.get("change_pct"), abs_tol=0.006)
                or _close(g.get("level"), p.get("level"), rel_tol=1e-4)
                or _close(g.get("change_abs"), p.get("change_abs"), abs_tol=0.006, rel_tol=1e-4)
                or (_close(g.get("change_pct_low"), p.get("change_pct_low"), abs_tol=0.006)
                    and _close(g.get("change_pct_high"), p.get("change_pct_high"), abs_tol=0.006))):
            return True
        no_numbers = all(_num(g.get(f)) is None for f in ("change_pct", "level", "change_abs", "change_pct_low"))
        return no_numbers and bool(g.get("record_high")) and bool(p.get("record_high"))
    if k == "percentile":
        return _close(g.get("percentile"), p.get("percentile"), abs_tol=1e-6)
    if k == "money":
        if (g.get("currency") or "USD").upper() != (p.get("currency") or "USD").upper():
            return False
        if _num(g.get("amount")) is not None:
            return _close(g.get("amount"), p.get("amount"), rel_tol=1e-3)
        return _close(g.get("amount_low"), p.get("amount_low"), rel_tol=1e-3) and _close(
            g.get("amount_high"), p.get("amount_high"), rel_tol=1e-3)
    if k == "percent":
        return (g.get("unit") or "%") == (p.get("unit") or "%") and _close(g.get("percent"), p.get("percent"), abs_tol=1e-6)
    return False


def load(path: str):
    out, scope = defaultdict(list), {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            name = os.path.basename(str(r.get("doc_id", "")))
            if r.get("kind") == "_scope":
                scope[name] = set(r["kinds"])
            elif r.get("kind") in KINDS:
                out[(name, r["kind"])].append(r)
    return out, scope


def score(gold_path: str, pred_path: str) -> dict:
    gold, scope = load(gold_path)
    pred, _ = load(pred_path)
    docs = {d for d, _ in gold} | set(scope)
    counts = {k: {"tp": 0, "fn": 0, "fp": 0} for k in KINDS}
    agree = defaultdict(lambda: [0, 0])
    misses = []
    for doc in sorted(docs):
        for k in KINDS:
            if doc in scope and k not in scope[doc]:
                continue
            gs, ps = gold.get((doc, k), []), pred.get((doc, k), [])
            pairs = sorted(
                (0 if (g.get("text") and p.get("text") and (g["text"] in p["text"] or p["text"] in g["text"])) else 1, i, j)
                for i, g in enumerate(gs) for j, p in enumerate(ps) if figures_match(g, p))
            used_g, used_p = set(), set()
            for _, i, j in pairs:
                if i in used_g or j in used_p:
                    continue
                used_g.add(i)
                used_p.add(j)
                g, p = gs[i], ps[j]
                fields = ("subject", "source", "date") if k in MOVES else ("source", "date")
                for f in fields:
                    if f == "subject":
                        ok = same_subject(g, p)
                    elif f == "date":
                        ok = (g.get("date") or None) == ((p.get("date") or None) and str(p.get("date"))[:10])
                    else:
                        ok = _norm(g.get(f)) == _norm(p.get(f))
                    agree[f][0] += ok
                    agree[f][1] += 1
            counts[k]["tp"] += len(used_g)
            counts[k]["fn"] += len(gs) - len(used_g)
            counts[k]["fp"] += len(ps) - len(used_p)
            misses += [("missed", doc, k, gs[i].get("text")) for i in range(len(gs)) if i not in used_g]
            misses += [("spurious", doc, k, ps[j].get("text")) for j in range(len(ps)) if j not in used_p]

    def prf(c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else (1.0 if c["fn"] == 0 else 0.0)
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}

    total = {x: sum(c[x] for c in counts.values()) for x in ("tp", "fn", "fp")}
    return {
        "kinds": {k: {**prf(c), **c} for k, c in counts.items()},
        "micro": {**prf(total), **total},
        "fields": {f: round(a / n, 3) if n else None for f, (a, n) in agree.items()},
        "misses": misses,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred", nargs="?", help="claims JSONL (omit with --extract)")
    ap.add_argument("--extract", metavar="CORPUS", help="extract claims from this folder first")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    a = ap.parse_args()
    pred = a.pred
    if a.extract:
        import tempfile

        import extractor
        from extractor.output.tables import write_table

        pred = os.path.join(tempfile.mkdtemp(), "claims.jsonl")
        write_table(extractor.extract([a.extract]), pred, kind="claims")
    if not pred:
        ap.error("give PRED or --extract CORPUS")
    result = score(a.gold, pred)
    if a.json:
        print(json.dumps({k: v for k, v in result.items() if k != "misses"}, ensure_ascii=False))
        return 0
    print(f"{'kind':12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for k, c in list(result["kinds"].items()) + [("micro", result["micro"])]:
        print(f"{k:12} {c['tp'] + c['fn']:5d} {c['tp'] + c['fp']:5d} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f}")
    print("matched pairs agreeing on: " + ", ".join(f"{f} {v}" for f, v in result["fields"].items()))
    if a.show_misses:
        for m in result["misses"]:
            print("\t".join(str(x) for x in m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
