"""The Dask engine on a 2-process LocalCluster gives exactly the local engine's records."""

from __future__ import annotations

from _shared import SHARED

from extractor.batch.runner import BatchOptions, run_extract

SEEDS = SHARED / "corpora/seeds"


def test_dask_local_cluster_equals_local_engine(tmp_path):
    files = sorted(SEEDS.glob("*.txt"))[:4]
    assert len(files) == 4
    out = {}
    for engine, workers in (("local", 1), ("dask", 2)):
        path = tmp_path / f"{engine}.jsonl"
        s = run_extract([str(f) for f in files], path, tmp_path / f"{engine}-docs.jsonl",
                        BatchOptions(workers=workers, engine=engine, quiet=True, chunk_size=1))
        assert s.read == 4 and s.failed == 0 and s.n_claims > 0
        out[engine] = (path.read_bytes(), (tmp_path / f"{engine}-docs.jsonl").read_bytes())
    assert out["dask"] == out["local"]
