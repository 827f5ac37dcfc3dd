"""Parallel extraction on one machine with a process pool.

Each worker process runs :func:`extractor.batch.engine.init_worker` once (NLP pipelines load
once per worker, not per document). Chunks are submitted through a sliding window of at most
``window`` futures and yielded strictly in submission order, so memory stays bounded however
many files there are and the output equals the single-process output.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from extractor.batch.engine import DocResult, FileTask, init_worker, process_chunk

#: "spawn": workers import a clean interpreter (no inherited threads or locks), like on macOS/Windows.
START_METHOD = "spawn"


class LocalEngine:
    def __init__(self, workers: int, known: dict[str, str] | None = None, window: int | None = None,
                 start_method: str | None = None) -> None:
        self.workers = workers
        self.window = window or workers * 3
        ctx = mp.get_context(start_method or START_METHOD)
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                                         initargs=(dict(known or {}),))

    def map(self, chunk_list: Sequence[Sequence[FileTask]]) -> Iterator[list[DocResult]]:
        pending: deque[Future] = deque()
        it = iter(chunk_list)
        for c in it:
            pending.append(self._pool.submit(process_chunk, c))
            if len(pending) >= self.window:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(self._pool.submit(process_chunk, nxt))
            yield result

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
