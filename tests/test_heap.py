"""Heap trimming between batches (extractor/batch/heap.py)."""

from __future__ import annotations

import sys

import pytest

from extractor.batch import heap


def test_trimmer_trims_every_n_documents(monkeypatch):
    calls = []
    monkeypatch.setattr(heap, "trim", lambda: calls.append(1) or True)
    t = heap.Trimmer(every=10)
    for _ in range(25):
        t.add(1)
    assert len(calls) == 2 and t.pending == 5
    t.add(40)  # one big chunk: one trim, the count starts again
    assert len(calls) == 3 and t.pending == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_trim_gives_freed_pages_back():
    import psutil

    me = psutil.Process()
    heap.trim()
    blocks = [bytearray(16384) for _ in range(8000)]  # 128 MB in heap blocks
    kept = blocks[::4]  # the live quarter pins the heap; three blocks in four are freed between
    del blocks
    before = me.memory_info().rss
    assert heap.trim()
    after = me.memory_info().rss
    assert before - after > 48 * 2**20, (before >> 20, after >> 20)
    assert len(kept) == 2000
