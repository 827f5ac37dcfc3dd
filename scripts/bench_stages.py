"""Per-stage throughput on real articles, in one warm process: reading vs claim extraction.

The generated benchmark corpus (scripts/bench.py) is made of short articles, so its MB/s is
dominated by per-file costs; this measures MB of article text per second on any folder of real
articles (e.g. the shared dev set), after a warm-up pass, for one worker.

    python scripts/bench_stages.py ../shared/corpora/seeds ../shared/corpora/dev --repeat 3
"""

from __future__ import annotations

import argparse
import json
import time

from extractor.claims.extract import extract_document
from extractor.documents.reader import iter_files, read_file


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the files")
    args = ap.parse_args(argv)
    files = list(iter_files(args.paths))
    docs = [d for f in files for d in read_file(*f)]
    for d in docs:  # warm-up: pipelines, catalogs, calendars
        extract_document(d)
    t_read = t_extract = 0.0
    n_claims = 0
    by_lang: dict[str, list[float]] = {}  # lang -> [seconds extracting, bytes of text]
    for _ in range(args.repeat):
        t = time.perf_counter()
        docs = [d for f in files for d in read_file(*f)]
        t_read += time.perf_counter() - t
        for d in docs:
            t = time.perf_counter()
            n_claims += len(extract_document(d))
            spent = time.perf_counter() - t
            t_extract += spent
            entry = by_lang.setdefault(d.lang or "?", [0.0, 0.0])
            entry[0] += spent
            entry[1] += len(d.text.encode()) if d.text else 0
    mb = args.repeat * sum(len(d.text.encode()) for d in docs if d.text) / 1e6
    n = args.repeat * len(docs)
    out = {
        "articles": len(docs), "MB_text": round(mb / args.repeat, 3),
        "read_MB_s": round(mb / t_read, 3), "extract_MB_s": round(mb / t_extract, 3),
        "both_MB_s": round(mb / (t_read + t_extract), 3),
        "articles_s": round(n / (t_read + t_extract), 1), "claims_s": round(n_claims / t_extract, 1),
        # UTF-8 MB/s depends on the script: a Chinese character is 3 bytes, a Latin one 1
        "extract_MB_s_by_lang": {lang: round(b / 1e6 / s, 3) for lang, (s, b) in sorted(by_lang.items()) if s},
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
