"""The named-thing catalog: indices, sectors, assets and institutions in both languages.

All names live in ``models/catalog/*.yaml``; this module only loads them and answers
"what is this surface form?" (``resolve``) and "which catalog names occur in this text?"
(``find``). Matching rules, kept here so every caller agrees:

- English aliases match case-insensitively, except short all-caps forms ("AMD", "GM", "DAX"),
  tickers, and aliases an entry lists under ``case_sensitive`` ("Meta", "Fed"), which must match
  exactly, so "gm" or "fed up" never match.
- Chinese aliases ignore whitespace ("标准普尔 500 指数" = "标准普尔500指数") and width
  ("（" = "("); Latin letters inside them follow the same case rule as English.
- Latin aliases only match at Latin word boundaries ("ICE" does not match inside "PRICE").
- When one surface form names things of several kinds ("高盛" is a source and the stock GS),
  ``PRIORITY`` decides without a ``kind`` argument: index, sector, institution, asset, since a
  bank's name is far more often whom a figure comes from than the stock that moved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from extractor.resources import load_yaml

KINDS: tuple[str, ...] = ("index", "sector", "asset", "institution")
PRIORITY: tuple[str, ...] = ("index", "sector", "institution", "asset")
FILES: dict[str, str] = {
    "index": "catalog/indices.yaml",
    "sector": "catalog/sectors.yaml",
    "asset": "catalog/assets.yaml",
    "institution": "catalog/institutions.yaml",
}
LANGS: tuple[str, ...] = ("en", "zh")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
_EDGE_PUNCT = " \t\r\n\"'“”‘’「」『』()（）[]【】<>《》,，.。:：;；!！?？"


@dataclass(frozen=True)
class Entry:
    """One catalog thing with its names in both languages."""

    kind: str
    id: str
    name: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    case_sensitive: frozenset[str] = frozenset()
    tickers: tuple[str, ...] = ()
    equivalent: tuple[str, ...] = ()
    market: str | None = None
    type: str | None = None
    proxy: str | None = None
    parent: str | None = None

    def names(self, lang: str) -> tuple[str, ...]:
        """Aliases usable in ``lang`` texts: its own, the exchange tickers, and for Chinese also the
        English names (Chinese articles quote "S&P 500", "UBS", "Goldman Sachs" as is)."""
        own = (*self.en, *self.tickers) if lang == "en" else (*self.zh, *self.tickers, *self.en)
        return tuple(dict.fromkeys(own))

    def is_case_sensitive(self, alias: str) -> bool:
        """Whether ``alias`` must match with exact case (see the module docstring)."""
        if alias in self.case_sensitive or alias in self.tickers:
            return True
        return alias.isascii() and any(c.isupper() for c in alias) and not any(c.islower() for c in alias)


class Match(NamedTuple):
    """A catalog alias found in a text; ``start``/``end`` index the original text."""

    start: int
    end: int
    text: str
    kind: str
    id: str


@dataclass(frozen=True)
class _Alias:
    key: str
    alias: str
    kind: str
    id: str
    case_sensitive: bool


# blocks whose characters folding mostly leaves as they are (ASCII, general and CJK punctuation,
# Han); the exact set is worked out once from the fold itself
_STABLE_BLOCKS = ((0x21, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


@cache
def _stable_run(lang: str) -> re.Pattern:
    """Runs of characters that folding leaves alone (copied whole by ``_normalize``); English
    runs may hold single spaces between them."""
    ranges: list[list[int]] = []
    for lo, hi in _STABLE_BLOCKS:
        for code in range(lo, hi + 1):
            ch = chr(code)
            if ch.isspace() or _fold.__wrapped__(ch) != ch:
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    cls = "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                        for a, b in ranges) + "]"
    return re.compile(f"{cls}+" if lang == "zh" else f"{cls}(?:{cls}| (?={cls}))*")


@lru_cache(maxsize=8192)
def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).translate(_APOSTROPHES)


def _normalize(text: str, lang: str) -> tuple[str, list[int]]:
    """Width/apostrophe-folded text (zh: no whitespace; en: single spaces) and, per output
    character, the index of the input character it came from.

    Runs that folding leaves alone are copied whole; only the characters between them (wide
    forms, curly quotes, whitespace) are folded one by one."""
    out: list[str] = []
    origin: list[int] = []
    last_space = True  # at the start, as after a space: no leading space

    def fold_one(i: int) -> None:
        nonlocal last_space
        for c in _fold(text[i]):
            if c.isspace():
                if lang == "zh" or last_space:
                    continue
                c = " "
            out.append(c)
            origin.append(i)
            last_space = c == " "

    pos = 0
    for m in _stable_run("zh" if lang == "zh" else "en").finditer(text):
        for i in range(pos, m.start()):
            fold_one(i)
        out.append(m.group())
        origin.extend(range(m.start(), m.end()))
        last_space = False
        pos = m.end()
    for i in range(pos, len(text)):
        fold_one(i)
    return "".join(out), origin


def _key(text: str, lang: str) -> str:
    return _normalize(text, lang)[0].strip()


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _lower_same_length(text: str) -> str:
    """``text.lower()``, keeping one character per character so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class _Scanner:
    """Every alias of one case mode in one Aho-Corasick automaton (pyahocorasick): a scan costs
    the text's length, not the number of aliases. Latin aliases only count at Latin word edges."""

    def __init__(self, keys: Iterable[str], ignore_case: bool):
        import ahocorasick

        self.ignore_case = ignore_case
        self.automaton = ahocorasick.Automaton()
        for key in sorted(set(keys)):
            self.automaton.add_word(key, (len(key), _is_latin(key[0]), _is_latin(key[-1])))
        self.automaton.make_automaton()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, -length) of every alias occurrence, overlapping ones included."""
        hay = _lower_same_length(text) if self.ignore_case else text
        n = len(hay)
        found = []
        for last, (length, latin_head, latin_tail) in self.automaton.iter(hay):
            start = last - length + 1
            if latin_head and start > 0 and _is_latin(hay[start - 1]):
                continue
            if latin_tail and last + 1 < n and _is_latin(hay[last + 1]):
                continue
            found.append((start, -length))
        return found


def _entry(kind: str, raw: object, where: str) -> Entry:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ValueError(f"{where}: each entry needs an 'id'")

    def names(field_name: str) -> tuple[str, ...]:
        value = raw.get(field_name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"{where} ({raw['id']}): '{field_name}' must be a list of non-empty strings")
        return tuple(dict.fromkeys(value))

    return Entry(
        kind=kind,
        id=str(raw["id"]),
        name=str(raw.get("name") or raw["id"]),
        en=names("en"),
        zh=names("zh"),
        case_sensitive=frozenset(names("case_sensitive")),
        tickers=names("tickers"),
        equivalent=names("equivalent"),
        market=raw.get("market"),
        type=raw.get("type"),
        proxy=raw.get("proxy"),
        parent=raw.get("parent"),
    )


@dataclass
class Catalog:
    """All catalog entries with per-language lookup tables built on first use."""

    by_kind: dict[str, tuple[Entry, ...]]
    _tables: dict[str, tuple[list[_Alias], dict[str, list[_Alias]], dict[str, list[_Alias]]]] = field(
        default_factory=dict, repr=False
    )

    @classmethod
    def load(cls) -> Catalog:
        """Read the four YAML files under ``models/catalog``."""
        by_kind = {}
        for kind in KINDS:
            data = load_yaml(FILES[kind]) or []
            if not isinstance(data, list):
                raise ValueError(f"models/{FILES[kind]}: expected a list of entries")
            by_kind[kind] = tuple(
                _entry(kind, raw, f"models/{FILES[kind]} entry {n}") for n, raw in enumerate(data)
            )
        return cls(by_kind)

    # ------------------------------------------------------------------ entries
    def entries(self, kind: str) -> tuple[Entry, ...]:
        """All entries of one kind, in file order."""
        if kind not in self.by_kind:
            raise ValueError(f"unknown catalog kind {kind!r}; expected one of {', '.join(KINDS)}")
        return self.by_kind[kind]

    @cached_property
    def _by_id(self) -> dict[tuple[str, str], Entry]:
        return {(e.kind, e.id): e for kind in KINDS for e in self.by_kind[kind]}

    def entry(self, id: str, kind: str | None = None) -> Entry | None:
        """The entry with this id (first kind in ``PRIORITY`` order when ``kind`` is None)."""
        for k in (kind,) if kind else PRIORITY:
            found = self._by_id.get((k, id))
            if found:
                return found
        return None

    def display_name(self, id: str, kind: str | None = None) -> str:
        """Human name for an id ("^IXIC" -> "Nasdaq Composite"); unknown ids come back as is."""
        found = self.entry(id, kind)
        return found.name if found else id

    def equivalents(self, id: str, kind: str | None = None) -> frozenset[str]:
        """The id plus the other ids annotators use for the same thing ("eur/usd" ~ "EURUSD=X")."""
        found = self.entry(id, kind)
        return frozenset((id, *(found.equivalent if found else ())))

    def same_subject(self, a: str, b: str, kind: str | None = None) -> bool:
        """Whether two subject ids name the same thing."""
        return a == b or b in self.equivalents(a, kind) or a in self.equivalents(b, kind)

    # ------------------------------------------------------------------ aliases
    def _table(self, lang: str) -> tuple[list[_Alias], dict[str, list[_Alias]], dict[str, list[_Alias]]]:
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGS)}")
        if lang not in self._tables:
            aliases: list[_Alias] = []
            exact: dict[str, list[_Alias]] = {}
            folded: dict[str, list[_Alias]] = {}
            for kind in KINDS:
                for e in self.by_kind[kind]:
                    for alias in e.names(lang):
                        key = _key(alias, lang)
                        if not key:
                            continue
                        a = _Alias(key, alias, kind, e.id, e.is_case_sensitive(alias))
                        aliases.append(a)
                        table, k = (exact, key) if a.case_sensitive else (folded, key.casefold())
                        bucket = table.setdefault(k, [])
                        if all((b.kind, b.id) != (a.kind, a.id) for b in bucket):
                            bucket.append(a)
            self._tables[lang] = (aliases, exact, folded)
        return self._tables[lang]

    def aliases(self, lang: str, case_sensitive: bool | None = None) -> Iterator[tuple[str, str, str]]:
        """(alias, kind, id) for every alias in ``lang`` (tickers included); ``case_sensitive``
        True/False keeps only the exact-case / any-case ones (for ORTH vs LOWER PhraseMatchers)."""
        for a in self._table(lang)[0]:
            if case_sensitive is None or a.case_sensitive == case_sensitive:
                yield a.alias, a.kind, a.id

    def is_case_sensitive(self, alias: str, lang: str) -> bool:
        """Whether some entry requires ``alias`` to match with exact case."""
        return any(a.case_sensitive for a in self._table(lang)[0] if a.alias == alias)

    def _lookup(self, key: str, lang: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
        _, exact, folded = self._table(lang)
        hits = exact.get(key, []) + folded.get(key.casefold(), [])
        for kind in kinds:
            for a in hits:
                if a.kind == kind:
                    return a.kind, a.id
        return None

    def resolve(self, text: str, lang: str, kind: str | Iterable[str] | None = None) -> tuple[str, str] | None:
        """(kind, id) for a surface form that is exactly a catalog alias, else None.

        Surrounding quotes/brackets/punctuation are ignored, and in English a leading "the".
        """
        kinds = _kinds(kind)
        key = _key(text, lang).strip(_EDGE_PUNCT)
        if not key:
            return None
        found = self._lookup(key, lang, kinds)
        if found is None and lang == "en" and key[:4].lower() == "the ":
            found = self._lookup(key[4:].strip(), lang, kinds)
        return found

    @cached_property
    def _scanners(self) -> dict[tuple[str, tuple[str, ...], bool], _Scanner | None]:
        return {}

    def _scanner_for(self, lang: str, kinds: tuple[str, ...], case_sensitive: bool) -> _Scanner | None:
        slot = (lang, kinds, case_sensitive)
        if slot not in self._scanners:
            keys = [a.key if case_sensitive else a.key.lower()
                    for a in self._table(lang)[0] if a.kind in kinds and a.case_sensitive == case_sensitive]
            self._scanners[slot] = _Scanner(keys, ignore_case=not case_sensitive) if keys else None
        return self._scanners[slot]

    def find(self, text: str, lang: str, kind: str | Iterable[str] | None = None) -> list[Match]:
        """Non-overlapping catalog mentions in ``text``, leftmost-longest, in text order.

        Where two kinds claim the same span, ``kind`` order (default ``PRIORITY``) decides.
        """
        kinds = _kinds(kind)
        norm, origin = _normalize(text, lang)
        # one scan per case mode over every kind's aliases; the kind is looked up afterwards
        candidates: list[tuple[int, int]] = []
        for cs in (True, False):
            scanner = self._scanner_for(lang, kinds, cs)
            if scanner is not None:
                candidates += scanner.spans(norm)
        candidates.sort()
        matches: list[Match] = []
        taken_until = 0
        for start, neg_len in candidates:
            end = start - neg_len
            if start < taken_until:
                continue
            found = self._lookup(norm[start:end], lang, kinds)
            if found is None:
                continue
            o_start, o_end = origin[start], origin[end - 1] + 1
            matches.append(Match(o_start, o_end, text[o_start:o_end], found[0], found[1]))
            taken_until = end
        return matches

    def longest_alias_in(self, text: str, lang: str, kind: str | Iterable[str] | None = None) -> Match | None:
        """The longest catalog mention inside ``text`` (first one on ties), or None."""
        found = self.find(text, lang, kind)
        return max(found, key=lambda m: len(_key(m.text, lang)), default=None)


def _kinds(kind: str | Iterable[str] | None) -> tuple[str, ...]:
    if kind is None:
        return PRIORITY
    kinds = (kind,) if isinstance(kind, str) else tuple(kind)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown catalog kind {unknown[0]!r}; expected one of {', '.join(KINDS)}")
    return kinds


@lru_cache(maxsize=1)
def get_catalog() -> Catalog:
    """The catalog, loaded once per process; lookup tables are built per language on first use."""
    return Catalog.load()


def resolve(text: str, lang: str, kind: str | Iterable[str] | None = None) -> tuple[str, str] | None:
    """Shortcut for ``get_catalog().resolve``."""
    return get_catalog().resolve(text, lang, kind)


def display_name(id: str, kind: str | None = None) -> str:
    """Shortcut for ``get_catalog().display_name``."""
    return get_catalog().display_name(id, kind)
