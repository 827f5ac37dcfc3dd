"""The fast reading paths give exactly what the reference implementations give."""

from __future__ import annotations

import pytest
import yaml

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
