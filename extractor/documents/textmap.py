"""Text with an offset map: every edit keeps track of where each character came from.

Readers strip markup, fold characters and drop boilerplate in several passes; composing the
passes through :func:`map_sub` keeps ``offsets[i]`` = index in the original decoded text, so a
claim span can always be traced back to the bytes it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Mapped:
    """A text and, per character, its index in the original."""

    text: str
    offsets: list[int]

    @classmethod
    def identity(cls, text: str) -> Mapped:
        return cls(text, list(range(len(text))))

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str | int],
            needs: tuple[str, ...] = ()) -> Mapped:
        """``map_sub``; ``needs``: substrings one of which every match contains (cheap skip)."""
        if needs and not any(n in self.text for n in needs):
            return self
        return map_sub(self, pattern, repl)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets[start:end])


def map_sub(m: Mapped, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str | int]) -> Mapped:
    """``pattern.sub`` that keeps the offset map.

    ``repl`` is a literal (its characters map to the match start) or a callable returning
    either a literal or an ``int`` group number whose text is kept with its own offsets.
    """
    text, offs = m.text, m.offsets
    parts: list[str] = []
    new_offs: list[int] = []
    pos = 0
    changed = False
    for match in pattern.finditer(text):
        s, e = match.span()
        r = repl(match) if callable(repl) else repl
        if isinstance(r, int):
            gs, ge = match.span(r)
            if gs == s and ge == e:
                continue
            piece, piece_offs = text[gs:ge], offs[gs:ge]
        else:
            if r == text[s:e]:
                continue
            anchor = offs[s] if s < len(offs) else (offs[-1] + 1 if offs else 0)
            piece, piece_offs = r, [anchor] * len(r)
        changed = True
        parts.append(text[pos:s])
        new_offs.extend(offs[pos:s])
        parts.append(piece)
        new_offs.extend(piece_offs)
        pos = e
    if not changed:
        return m
    parts.append(text[pos:])
    new_offs.extend(offs[pos:])
    return Mapped("".join(parts), new_offs)

