"""Compiled language knowledge for claim finding: move cues, periods, attribution, dates.

Everything here is read from ``models/lang/<lang>/*.yaml``; this module only compiles it
into regexes once per language, each behind its first-character gate (``nlp/gated.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.nlp.gated import compile_gated
from extractor.resources import lang_data


def _alt(fragments: list[str]) -> str:
    return "|".join(sorted(fragments, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    lang: str
    up_before: re.Pattern
    down_before: re.Pattern
    neutral_before: re.Pattern
    up_after: re.Pattern
    down_after: re.Pattern
    level_before: re.Pattern
    comparative_up: re.Pattern
    comparative_down: re.Pattern
    statistic_cues: re.Pattern
    from_before: re.Pattern
    periods: tuple[tuple[re.Pattern, str], ...]
    any_period: re.Pattern  # all period patterns in one: most clauses name none
    record_high: re.Pattern
    record_low: re.Pattern
    attribution: tuple[str, ...]
    carry: re.Pattern
    dates: dict
    topics: dict
    flags: int


@cache
def lexicon(lang: str) -> Lexicon:
    moves = lang_data(lang, "moves")
    periods = lang_data(lang, "periods")
    attribution = lang_data(lang, "attribution")
    dates = lang_data(lang, "dates")
    topics = lang_data(lang, "topics") or {}
    flags = re.IGNORECASE if lang == "en" else 0
    # English cues must end on a word boundary; Chinese has none.
    wb = r"\b" if lang == "en" else ""
    sp = r"\s*"

    connectors = moves.get("connectors", "")

    def before(words: list[str], linked: bool | str = True) -> re.Pattern:
        tail = connectors if linked is True else (linked or "")
        return compile_gated(rf"(?:{wb}(?:{_alt(words)})){tail}{sp}$", flags)

    def after(words: list[str]) -> re.Pattern:
        return compile_gated(rf"^(?:{_alt(words)})", flags)

    return Lexicon(
        lang=lang,
        up_before=before(moves["before"]["up"]),
        down_before=before(moves["before"]["down"]),
        neutral_before=before(moves["before"].get("neutral") or ["(?!x)x"]),
        up_after=after(moves["after"]["up"]),
        down_after=after(moves["after"]["down"]),
        level_before=before(moves["level_before"], linked=moves.get("level_connectors", "")),
        from_before=before(moves["from_before"], linked=False),
        comparative_up=compile_gated(moves.get("comparative_up", "(?!x)x"), flags),
        statistic_cues=compile_gated(moves.get("statistic_cues", "(?!x)x"), flags),
        comparative_down=compile_gated(moves.get("comparative_down", "(?!x)x"), flags),
        periods=tuple((compile_gated(p["pattern"], flags), p["period"]) for p in periods["periods"]),
        any_period=compile_gated("|".join(f"(?:{p['pattern']})" for p in periods["periods"]), flags),
        record_high=compile_gated(periods["record_high"], flags),
        record_low=compile_gated(periods["record_low"], flags),
        attribution=tuple(attribution["patterns"]),
        carry=compile_gated(_alt(attribution["carry"]), flags),
        dates={k: (compile_gated(v, flags) if isinstance(v, str) else v) for k, v in dates.items()},
        topics={k: compile_gated(_alt(v), flags) for k, v in topics.items()},
        flags=flags,
    )
