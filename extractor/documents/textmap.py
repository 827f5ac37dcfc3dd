"""Text with an offset map: every edit keeps track of where each character came from.

Readers strip markup, fold characters and drop boilerplate in several passes; composing the
passes through :func:`map_sub` keeps ``offsets[i]`` = index in the original decoded text, so a
claim span can always be traced back to the bytes it was read from. The map is run-length
encoded (:class:`OffsetMap`): edits are few and far between, characters are many.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass


class OffsetMap(Sequence[int]):
    """Per character of a text, its index in the original, stored as runs.

    A run is ``(start, origin, step)``: characters ``start, start+1, …`` of the text come from
    ``origin, origin+1, …`` (step 1: copied text) or all from ``origin`` (step 0: a replacement).
    A normalized article has a handful of runs, so the map costs a few lists instead of one
    integer per character; ``offsets[i]`` is a binary search.
    """

    __slots__ = ("_starts", "_origins", "_steps", "_n")

    def __init__(self, n: int = 0):
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._steps: list[int] = []
        self._n = 0
        if n:
            self._add(0, n, 1)

    def _add(self, origin: int, length: int, step: int) -> None:
        """Append ``length`` characters mapped from ``origin`` (step 1) or all to it (step 0)."""
        if length <= 0:
            return
        if self._steps:
            last = len(self._starts) - 1
            run_len = self._n - self._starts[last]
            prev_step, prev_origin = self._steps[last], self._origins[last]
            if step == 1 and prev_step == 1 and prev_origin + run_len == origin:
                self._n += length  # continues the previous copied run
                return
            if step == 0 and prev_step == 0 and prev_origin == origin:
                self._n += length
                return
        self._starts.append(self._n)
        self._origins.append(origin)
        self._steps.append(step if length > 1 else 1)
        self._n += length

    def extend_from(self, other: OffsetMap, a: int, b: int) -> None:
        """Append ``other[a:b]``: the end runs clipped, the runs between copied whole."""
        if b <= a:
            return
        st, og, sp = other._starts, other._origins, other._steps
        k = bisect.bisect_right(st, a) - 1
        last = bisect.bisect_right(st, b - 1) - 1
        if k == last:
            self._add(og[k] + (a - st[k]) * sp[k], b - a, sp[k])
            return
        self._add(og[k] + (a - st[k]) * sp[k], st[k + 1] - a, sp[k])
        self._add(og[k + 1], (st[k + 2] if k + 2 <= last else b) - st[k + 1], sp[k + 1])
        if k + 2 <= last:
            shift = self._n - st[k + 2]
            self._starts += [x + shift for x in st[k + 2:last + 1]]
            self._origins += og[k + 2:last + 1]
            self._steps += sp[k + 2:last + 1]
            self._n = b + shift
            if sp[last] == 0 and b - st[last] == 1:
                self._steps[-1] = 1  # a clipped one-character run is stored as copied

    def add_constant(self, origin: int, length: int) -> None:
        """Append ``length`` characters that all map to ``origin`` (a replacement's text)."""
        self._add(origin, length, 0)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k]) * self._steps[k]

    def __iter__(self) -> Iterator[int]:
        for k, start in enumerate(self._starts):
            end = self._starts[k + 1] if k + 1 < len(self._starts) else self._n
            origin, step = self._origins[k], self._steps[k]
            if step:
                yield from range(origin, origin + end - start)
            else:
                yield from (origin for _ in range(end - start))

    def __eq__(self, other) -> bool:
        if isinstance(other, OffsetMap | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} chars, {len(self._starts)} runs)"

    def slice(self, a: int, b: int) -> OffsetMap:
        out = OffsetMap()
        out.extend_from(self, max(0, a), min(b, self._n))
        return out


@dataclass
class Mapped:
    """A text and, per character, its index in the original."""

    text: str
    offsets: OffsetMap

    @classmethod
    def identity(cls, text: str) -> Mapped:
        return cls(text, OffsetMap(len(text)))

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str | int],
            needs: tuple[str, ...] = ()) -> Mapped:
        """``map_sub``; ``needs``: substrings one of which every match contains (cheap skip)."""
        if needs and not any(n in self.text for n in needs):
            return self
        return map_sub(self, pattern, repl)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets.slice(start, end))


def map_sub(m: Mapped, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str | int]) -> Mapped:
    """``pattern.sub`` that keeps the offset map.

    ``repl`` is a literal (its characters map to the match start) or a callable returning
    either a literal or an ``int`` group number whose text is kept with its own offsets.
    """
    text, offs = m.text, m.offsets
    parts: list[str] = []
    new_offs = OffsetMap()
    pos = 0
    changed = False
    for match in pattern.finditer(text):
        s, e = match.span()
        r = repl(match) if callable(repl) else repl
        if isinstance(r, int):
            gs, ge = match.span(r)
            if gs == s and ge == e:
                continue
            parts.append(text[pos:s])
            new_offs.extend_from(offs, pos, s)
            parts.append(text[gs:ge])
            new_offs.extend_from(offs, gs, ge)
        else:
            if r == text[s:e]:
                continue
            n = len(offs)
            anchor = offs[s] if s < n else (offs[n - 1] + 1 if n else 0)
            parts.append(text[pos:s])
            new_offs.extend_from(offs, pos, s)
            parts.append(r)
            new_offs.add_constant(anchor, len(r))
        changed = True
        pos = e
    if not changed:
        return m
    parts.append(text[pos:])
    new_offs.extend_from(offs, pos, len(text))
    return Mapped("".join(parts), new_offs)
