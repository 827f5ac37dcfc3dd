"""Extraction on a Dask cluster (``--engine dask``).

The input file list is partitioned into chunks; each chunk is one Dask task running the same
:func:`extractor.batch.engine.process_chunk` as the local engine, and results come back in
partition order through a bounded window of futures. Without a scheduler address a
``LocalCluster`` of worker processes is started (and stopped) here. Workers of a real
cluster need this package installed (``pip install newsclaims``) and read the input paths
themselves, so the files must be visible to them at the same paths (a shared filesystem).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence

from extractor.batch.engine import DocResult, FileTask, process_chunk, quiet_reader_log, warm_up


def _run_chunk(tasks: Sequence[FileTask], known: dict[str, str]) -> list[DocResult]:
    quiet_reader_log()
    return process_chunk(tasks, known)


class DaskEngine:
    def __init__(self, workers: int, scheduler: str | None = None, known: dict[str, str] | None = None,
                 window: int | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=40)
            self.client = Client(self._cluster)
        n = len(self.client.scheduler_info().get("workers", {})) or workers
        self.window = window or max(2, n * 3)
        self.client.run(warm_up)
        # scatter() treats a dict as {name: data}; wrap it so the whole map is one object.
        self._known = self.client.scatter([dict(known or {})], broadcast=True)[0]

    def map(self, chunk_list: Sequence[Sequence[FileTask]]) -> Iterator[list[DocResult]]:
        pending: deque = deque()
        it = iter(enumerate(chunk_list))

        def submit(i: int, c: Sequence[FileTask]) -> None:
            # pure=False plus a unique key: identical chunks of two runs must not share results.
            pending.append(self.client.submit(_run_chunk, list(c), self._known, pure=False,
                                              key=f"newsclaims-chunk-{id(self)}-{i}"))

        for i, c in it:
            submit(i, c)
            if len(pending) >= self.window:
                break
        while pending:
            fut = pending.popleft()
            result = fut.result()
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                submit(*nxt)
            yield result

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
