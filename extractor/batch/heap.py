"""Hand freed heap pages back to the operating system between batches.

glibc's allocator keeps the pages of freed article texts, token arrays and claim rows in its
heap; over a long run the process's resident memory creeps upward although nothing live grows
(measured: a one-worker run over 100,000 generated articles stepped from 228 to 247 MB).
``malloc_trim(0)`` returns every whole free page, so resident memory follows what is in use.
Elsewhere (macOS, Windows, musl) this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

EVERY = 256  # documents between trims: a trim costs about a millisecond


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def trim() -> bool:
    """Release free heap pages now; False where the C library has no ``malloc_trim``."""
    fn = _malloc_trim()
    if fn is None:
        return False
    fn(0)
    return True


class Trimmer:
    """Counts processed documents and trims the heap every ``EVERY`` of them."""

    def __init__(self, every: int = EVERY):
        self.every = every
        self.pending = 0

    def add(self, n: int) -> None:
        self.pending += n
        if self.pending >= self.every:
            self.pending = 0
            trim()
