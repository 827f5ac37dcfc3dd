"""Component ``newsclaims_catalog``: find indices, sectors, assets and institutions.

The matcher is compiled from the catalog aliases under ``models/catalog`` (longest alias
wins, whitespace- and width-tolerant for Chinese, case rules for English; see
``extractor.claims.catalog``). English wire-style instrument codes ("XOM.N", ".DJI")
come from the pattern in ``models/lang/en/tickers.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.claims.catalog import get_catalog
from extractor.nlp.pipeline import text_of
from extractor.resources import lang_data


@dataclass(frozen=True)
class Mention:
    """A catalog hit: ``kind`` is index, sector, asset or institution."""

    start: int
    end: int
    text: str
    kind: str
    id: str


@cache
def _tickers(lang: str) -> tuple[re.Pattern | None, dict[str, str]]:
    data = lang_data(lang, "tickers") or {}
    pattern = re.compile(data["pattern"]) if data.get("pattern") else None
    return pattern, data.get("index_codes") or {}


def find_mentions(text: str, lang: str) -> list[Mention]:
    mentions = [Mention(m.start, m.end, m.text, m.kind, m.id) for m in get_catalog().find(text, lang)]
    pattern, index_codes = _tickers(lang)
    if pattern is not None:
        taken = [(m.start, m.end) for m in mentions]
        for m in pattern.finditer(text):
            s, e = m.span(1)
            if any(a < e and s < b for a, b in taken):
                continue
            code = m.group(1)
            if code in index_codes:
                mentions.append(Mention(s, e, code, "index", index_codes[code]))
            elif m.group("sym"):
                mentions.append(Mention(s, e, code, "asset", m.group("sym")))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


@Language.factory("newsclaims_catalog")
def make_catalog_matcher(nlp: Language, name: str):
    lang = nlp.lang
    get_catalog()  # build the tables once, when the pipeline loads

    def find(doc: Doc) -> Doc:
        doc._.mentions = find_mentions(text_of(doc), lang)
        return doc

    return find
