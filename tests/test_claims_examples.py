"""The example corpora beside the claim rules (models/lang/<lang>/examples/claims.yaml).

Each example lists every claim its text must yield; listed fields must agree and no other
claim may appear.
"""

from __future__ import annotations

import math

import pytest

from extractor.claims.extract import extract_document
from extractor.documents.record import Document
from extractor.resources import load_yaml


def _examples():
    for lang in ("zh", "en"):
        for i, ex in enumerate(load_yaml(f"lang/{lang}/examples/claims.yaml")):
            yield pytest.param(lang, ex, id=f"{lang}-{i}")


def _agrees(want, got) -> bool:
    if isinstance(want, float | int) and not isinstance(want, bool):
        return got is not None and not isinstance(got, bool) and math.isclose(float(want), float(got), abs_tol=1e-6)
    return want == got


@pytest.mark.parametrize("lang,example", list(_examples()))
def test_example(lang, example):
    doc = Document(doc_id="example.txt", path="example.txt", text=example["text"], lang=lang,
                   published=example.get("published"))
    claims = [c.to_row() for c in extract_document(doc)]
    expected = example["claims"]
    unmatched = list(claims)
    for want in expected:
        hit = next((c for c in unmatched if all(_agrees(v, c.get(k)) for k, v in want.items())), None)
        assert hit is not None, f"no claim like {want} in {[{k: c[k] for k in ('kind', 'text', 'subject')} for c in claims]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected claims: {[(c['kind'], c['text']) for c in unmatched]}"


def test_weekday_relations_from_language_data():
    """Anchor Wednesday 2018-09-19: plain, "last", "上周" and "下周" weekdays."""
    import datetime as dt

    from extractor.claims.components.dates import find_dates

    anchor = dt.date(2018, 9, 19)
    got = {d.text: d.date for d in find_dates("周三,周五,上周三,上周五,下周一", "zh", anchor)}
    assert got == {"周三": "2018-09-19", "周五": "2018-09-14", "上周三": "2018-09-12",
                   "上周五": "2018-09-14", "下周一": "2018-09-24"}
    got = {d.text: d.date for d in find_dates("on Wednesday, last Wednesday, next Monday", "en", anchor)}
    assert got["last Wednesday"] == "2018-09-12" and got["next Monday"] == "2018-09-24"
