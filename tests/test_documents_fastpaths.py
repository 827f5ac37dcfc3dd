"""The fast reading paths give exactly what the reference implementations give."""

from __future__ import annotations

import pytest
import yaml
from _shared import SHARED

from extractor.documents import frontmatter
from extractor.documents.normalize import normalize
from extractor.documents.textmap import Mapped, map_sub


@pytest.mark.parametrize("block", [
    "title: a\ndate: 2024-01-02 10:00:00\n", "a:\tb\n", "k: !\n", "a: |#\n b\n", "{a: 1, ?b}\n",
    "post_title: >\n  China rout\n  and oil\n", "t: 'it''s'\n", "x: [1, 2\n",
])
def test_front_matter_loader_matches_safe_load(block: str) -> None:
    try:
        ref = ("ok", yaml.safe_load(block))
    except yaml.YAMLError as exc:
        ref = ("err", str(exc))
    try:
        got = ("ok", frontmatter._safe_load(block))
    except yaml.YAMLError as exc:
        got = ("err", str(exc))
    assert got == ref


def test_whitespace_passes_keep_offsets() -> None:
    text, offs = normalize("a \t  b \n  c\t\n\n\n\nd  ")
    assert text == "a b\nc\n\nd"
    assert offs == [0, 1, 5, 6, 10, 11, 11, 16]  # as the former one-pass patterns gave


def test_literal_sub_keeps_run_start_offset() -> None:
    import re

    m = map_sub(Mapped.identity("x<b>y</b>z"), re.compile(r"</?b>"), "")
    assert (m.text, m.offsets) == ("xyz", [0, 4, 9])


def _map_sub_per_char(text: str, offs: list[int], pattern, repl) -> tuple[str, list[int]]:
    """The map as one integer per character: what the run-length OffsetMap must equal."""
    parts, new = [], []
    pos = 0
    for match in pattern.finditer(text):
        s, e = match.span()
        r = repl(match) if callable(repl) else repl
        if isinstance(r, int):
            gs, ge = match.span(r)
            if (gs, ge) == (s, e):
                continue
            piece, piece_offs = text[gs:ge], offs[gs:ge]
        else:
            if r == text[s:e]:
                continue
            anchor = offs[s] if s < len(offs) else (offs[-1] + 1 if offs else 0)
            piece, piece_offs = r, [anchor] * len(r)
        parts += [text[pos:s], piece]
        new += offs[pos:s] + piece_offs
        pos = e
    return "".join(parts) + text[pos:], new + offs[pos:]


def test_run_length_offsets_equal_per_character_offsets() -> None:
    import random
    import re

    rng = random.Random(7)
    seed = (SHARED / "corpora/seeds/002_ee484664696a78b4.txt").read_text("utf-8")
    edits = [(re.compile(r"\d+"), "#"), (re.compile(r"[，。]"), ""), (re.compile(r"(指数)(下跌)"), 2),
             (re.compile(r"美股"), "US stocks"), (re.compile(r"\n+"), "\n"), (re.compile(r"点"), "点")]
    for _ in range(20):
        a = rng.randrange(0, len(seed) // 2)
        m = Mapped.identity(seed).slice(a, a + rng.randrange(200, 2000))
        ref_text, ref_offs = m.text, list(range(a, a + len(m.text)))
        for pattern, repl in rng.sample(edits, 4):
            fn = (lambda x, g=repl: g) if isinstance(repl, int) else repl
            m = map_sub(m, pattern, fn)
            ref_text, ref_offs = _map_sub_per_char(ref_text, ref_offs, pattern, fn)
            assert m.text == ref_text
            assert list(m.offsets) == ref_offs
            assert [m.offsets[i] for i in range(len(ref_offs))] == ref_offs
        cut = rng.randrange(0, max(1, len(m.text)))
        assert list(m.slice(cut, cut + 50).offsets) == ref_offs[cut:cut + 50]
    assert len(m.offsets._starts) < len(m.text)  # runs, not one entry per character
