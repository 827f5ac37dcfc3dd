"""Benchmark: extraction end to end (``newsclaims extract`` as a subprocess) and the check stage.

Builds corpora of N articles by varying the project's own samples (corpora/samples): figures,
dates, names and lengths change, languages, formats and encodings are kept. For each size and
worker count it measures articles/s, MB/s of text (UTF-8), claims/s and the peak RSS of the whole
process tree (workers included; summed RSS counts pages the processes share once per process,
summed PSS counts them once); then times ``check_claims`` over the claims alone.

    python scripts/bench.py                      # sizes 1000,10000; workers 1,2
    python scripts/bench.py --sizes 1000 --workers 1,2
    python scripts/bench.py --length news        # articles of real size (4-12 KB), for MB/s
Results: a table on stdout and bench/results.json (bench/ is git-ignored; corpora live there too).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpora" / "samples"
PRICES = ROOT / "corpora" / "prices"
BENCH = ROOT / "bench"

_NAMES = [("Goldman Sachs", "Morgan Stanley"), ("高盛", "摩根士丹利"), ("Reuters", "Bloomberg"),
          ("路透社", "彭博社"), ("Nvidia", "Broadcom"), ("英伟达", "博通")]


def _vary(text: str, rng: random.Random) -> str:
    """Change figures, years and names, and trim or repeat paragraphs, keeping the structure."""
    factor = rng.uniform(0.5, 1.5)
    text = re.sub(r"(?<![\d.])(\d{1,5})\.(\d{1,2})(?![\d.])",
                  lambda m: f"{float(m.group()) * factor:.{len(m.group(2))}f}", text)
    if rng.random() < 0.3:
        text = re.sub(r"\b2026\b", "2025", text)
    for a, b in _NAMES:
        if rng.random() < 0.5:
            text = text.replace(a, "\0").replace(b, a).replace("\0", b)
    paras = text.split("\n\n")
    if len(paras) > 3:
        r = rng.random()
        if r < 0.3:
            paras = paras[: max(3, len(paras) * 2 // 3)]
        elif r < 0.5:
            paras = paras + paras[1:3]
    return "\n\n".join(paras)


def _lengthen(text: str, same_lang: list[str], rng: random.Random) -> str:
    """A news-length article (4-12 KB of UTF-8, like the seed articles): the sample's own
    paragraphs, then paragraphs of other samples of its language, until the drawn size."""
    target = rng.uniform(4000, 12000)
    paras = text.split("\n\n")
    extra = [p for t in same_lang for p in t.split("\n\n")[1:] if p.strip()]
    size = len(text.encode("utf-8"))
    while size < target and extra:
        p = _vary(rng.choice(extra), rng)
        paras.append(p)
        size += len(p.encode("utf-8")) + 2
    return "\n\n".join(paras)


def build_corpus(n: int, length: str = "short") -> Path:
    """bench/corpus-N (or corpus-news-N) with N article files (reused when already built).

    ``short``: the samples' own lengths (~0.7 KB; per-file costs dominate); ``news``: each article
    grown to 4-12 KB of text, the size of real market articles."""
    from extractor.documents.encoding import _BOMS, decode

    out = BENCH / (f"corpus-{n}" if length == "short" else f"corpus-{length}-{n}")
    marker = out / ".complete"
    if marker.exists():
        return out
    files = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    if not files:
        sys.exit(f"bench: no sample articles under {SAMPLES}")
    sources = []
    for p in files:
        data = p.read_bytes()
        raw, enc = decode(data)
        bom, bom_enc = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", None))
        sources.append((p, raw, (bom_enc or enc or "utf-8").replace("-sig", ""), bom))
    rng = random.Random(n)
    by_lang: dict[str, list[str]] = {}
    for p, raw, _enc, _bom in sources:
        by_lang.setdefault(p.parent.name, []).append(raw)
    for i in range(n):
        p, raw, enc, bom = sources[i % len(sources)]
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = _vary(raw, rng)
        if length == "news" and p.suffix in (".txt", ".md"):
            text = _lengthen(text, by_lang.get(p.parent.name, []), rng)
        try:
            data = bom + text.encode(enc)  # the same encoding and byte-order mark as the sample
        except (LookupError, UnicodeEncodeError):
            data = text.encode("utf-8")
        (folder / f"{i:06d}_{p.name}").write_bytes(data)
    marker.write_text(str(n))
    return out


def _pss(p: psutil.Process, rss: int) -> int:
    """Proportional set size (Linux): pages shared between processes counted once in total."""
    try:
        with open(f"/proc/{p.pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss


def _tree_memory(proc: psutil.Process) -> tuple[int, int, int]:
    """(summed RSS, summed PSS, largest single-process RSS) of the process and its children."""
    rss = pss = top = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            r = p.memory_info().rss
        except psutil.Error:
            continue
        rss, pss, top = rss + r, pss + _pss(p, r), max(top, r)
    return rss, pss, top


def run_extract(corpus: Path, workers: int) -> dict:
    out, docs = BENCH / "claims.jsonl", BENCH / "documents.jsonl"
    cmd = [sys.executable, "-m", "extractor", "extract", str(corpus), "-o", str(out), "--docs-out", str(docs),
           "-j", str(workers), "-q"]
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = peak_one = 0
    while proc.poll() is None:
        rss, pss, one = _tree_memory(proc)
        peak, peak_pss, peak_one = max(peak, rss), max(peak_pss, pss), max(peak_one, one)
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: extract failed ({proc.returncode}): {err.strip()[-500:]}")
    n_docs = n_bytes = 0
    with docs.open(encoding="utf-8") as fh:
        for line in fh:
            n_docs += 1
            n_bytes += len((json.loads(line).get("text") or "").encode("utf-8"))
    with out.open(encoding="utf-8") as fh:
        n_claims = sum(1 for _ in fh)
    mb = n_bytes / 1e6  # MB of article text as UTF-8, the unit of the 1 MB/s target
    return {"workers": workers, "seconds": round(seconds, 2), "documents": n_docs, "claims": n_claims,
            "mb_text": round(mb, 3), "articles_per_s": round(n_docs / seconds, 1),
            "mb_per_s": round(mb / seconds, 3), "claims_per_s": round(n_claims / seconds, 1),
            "peak_rss_mb": round(peak / 2**20, 1), "peak_pss_mb": round(peak_pss / 2**20, 1),
            "peak_process_rss_mb": round(peak_one / 2**20, 1), "bad_files": proc.returncode == 1}


def run_check() -> dict:
    from extractor.checking.prices import load_prices
    from extractor.checking.verdicts import check_claims
    from extractor.output.tables import read_table

    claims = read_table(BENCH / "claims.jsonl")
    prices = load_prices(PRICES)
    me = psutil.Process()
    before = me.memory_info().rss
    t0 = time.perf_counter()
    checked = check_claims(claims, prices=prices)
    seconds = time.perf_counter() - t0
    verdicts = checked["verdict"].value_counts().to_dict()
    return {"claims": len(claims), "seconds": round(seconds, 3),
            "claims_per_s": round(len(claims) / seconds, 1) if seconds else None,
            "rss_growth_mb": round((me.memory_info().rss - before) / 2**20, 1),
            "verdicts": {str(k): int(v) for k, v in verdicts.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma separated (e.g. 1000,10000,100000)")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare")
    ap.add_argument("--length", choices=("short", "news"), default="short",
                    help="short: the samples' own lengths; news: articles grown to 4-12 KB (.txt/.md)")
    ap.add_argument("--out", default=None, help="results JSON (default bench/results[-news].json)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    BENCH.mkdir(exist_ok=True)
    results = {"cpu_count": psutil.cpu_count(), "python": sys.version.split()[0], "length": args.length, "runs": []}
    print(f"{'N':>7} {'workers':>7} {'s':>8} {'art/s':>8} {'MB/s':>7} {'claims/s':>9} {'peakRSS MB':>10} "
          f"{'peakPSS MB':>10} {'check claims/s':>14}")
    for n in sizes:
        corpus = build_corpus(n, args.length)
        for w in workers:
            r = run_extract(corpus, w)
            r["size"] = n
            try:
                r["check"] = run_check() if w == workers[-1] else None
            except Exception as exc:  # noqa: BLE001 - keep the extraction numbers
                r["check"] = {"error": f"{type(exc).__name__}: {exc}", "claims_per_s": "error"}
            results["runs"].append(r)
            chk = r["check"]["claims_per_s"] if r["check"] else ""
            print(f"{n:>7} {w:>7} {r['seconds']:>8} {r['articles_per_s']:>8} {r['mb_per_s']:>7} "
                  f"{r['claims_per_s']:>9} {r['peak_rss_mb']:>10} {r['peak_pss_mb']:>10} {chk:>14}", flush=True)
        by_w = {r["workers"]: r for r in results["runs"] if r["size"] == n}
        if 1 in by_w and 2 in by_w:
            print(f"{'':>7} speed-up 2 vs 1 workers: {by_w[1]['seconds'] / by_w[2]['seconds']:.2f}x")
    out = Path(args.out or BENCH / ("results.json" if args.length == "short" else f"results-{args.length}.json"))
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
