"""A first-character gate for the regexes compiled from language data.

Python's regex engine skips cheaply over positions where no match can start only when a pattern
begins with a literal or a plain alternation of literals. Most patterns in ``models/lang`` begin
with a lookbehind, an optional group or a repeat ("(?<![\\d年])(\\d{1,2})月",
"(?:(\\d{4})年|去年)?第?([一二三四])季度", "\\b(?:(last|next)\\s+)?(Monday|…)"), so the engine runs the
whole pattern at every character of the text. ``with_gate`` works out from the parsed pattern
the characters a match can begin with and puts them in front as a lookahead class,
``(?=[…])(?:pattern)``: each position then costs one class test. Groups, flags and matches are
unchanged, since a match can only begin with a character of the class.

Patterns whose first characters cannot be listed (``.``, negated classes, back-references,
an inline ``(?i:…)``, an empty match), that already begin with a literal or that are anchored at the
start (``^``) are left as they are.

English word lists pass the one-character test at almost every letter. For case-insensitive
patterns a second lookahead, ``prefix_gate``, lists the first few characters a match can begin
with as a small trie ("abo|aro|nea|…" for "about|around|nearly…"); a position then fails after two
or three character tests instead of running the pattern. Like the class, it may let through more
than the pattern matches, never less.
"""

from __future__ import annotations

import re

try:  # the parser and prefix analysis behind ``re.compile``; internal, so any surprise means "no gate"
    from re import _compiler as _cmp
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    _p = _cmp = None
try:  # characters IGNORECASE matches beyond lower/upper case ("ı" for "i", "ſ" for "s")
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover
    _EXTRA_CASES = {}

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


class _NoGate(Exception):
    """The pattern's first characters cannot be listed."""


def _firsts(items, out: set[str]) -> bool:
    """Add the class items a match of ``items`` can start with to ``out``; True if it can be empty."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(re.escape(chr(av)))
            return False
        if name == "IN":
            for iop, iav in av:
                iname = str(iop)
                if iname == "LITERAL":
                    out.add(re.escape(chr(iav)))
                elif iname == "RANGE":
                    out.add(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                elif iname == "CATEGORY" and str(iav) in _CATEGORIES:
                    out.add(_CATEGORIES[str(iav)])
                else:
                    raise _NoGate(iname)
            return False
        if name == "BRANCH":
            empty = False
            for branch in av[1]:
                empty |= _firsts(branch.data, out)
            if not empty:
                return False
        elif name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = av
            if add_flags & re.IGNORECASE:  # the class is compiled with the pattern's own flags
                raise _NoGate("inline IGNORECASE")
            if not _firsts(sub.data, out):
                return False
        elif name == "ATOMIC_GROUP":
            if not _firsts(av.data, out):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, sub = av
            if not _firsts(sub.data, out) and lo > 0:
                return False
        elif name == "ASSERT_NOT" and not av[1].data:
            return False  # "(?!)" never matches: the branch adds no character
        elif name in _ZERO_WIDTH:
            continue
        else:  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS, ...
            raise _NoGate(name)
    return True


def _parse(source: str, flags: int):
    """The parsed pattern (the engine's own parser), or None when it cannot be analysed."""
    if _p is None or flags & (re.VERBOSE | re.LOCALE):
        return None
    try:
        return _p.parse(source, flags & ~re.UNICODE)
    except (re.error, TypeError, ValueError):
        return None


def _items(parsed) -> set[str] | None:
    try:
        items: set[str] = set()
        if _firsts(parsed.data, items):
            return None  # can match the empty string
    except (_NoGate, TypeError, ValueError, AttributeError):
        return None
    return items


def first_items(source: str, flags: int = 0) -> set[str] | None:
    """Class items (``a``, ``0-9``, ``\\d``…) covering every character a match of ``source``
    compiled with ``flags`` can start with; None when they cannot be listed."""
    parsed = _parse(source, flags)
    return None if parsed is None else _items(parsed)


def _class(items: set[str] | None) -> str | None:
    return None if items is None else "[" + "".join(sorted(items)) + "]"


def gate_for(pattern: re.Pattern) -> str | None:
    """The class source ``[…]`` of every character a match of ``pattern`` can start with, or None."""
    return _class(first_items(pattern.pattern, pattern.flags))


def _skips_ahead(parsed, flags: int) -> bool:
    """Whether the engine already tries few positions: the pattern is anchored at the start
    (``^``, ``\\A``) or has a literal prefix or a set of first literals."""
    try:
        op, av = parsed.data[0]
        if str(op) == "AT" and str(av) in ("AT_BEGINNING", "AT_BEGINNING_STRING"):
            return True
        prefix, _skip, _all = _cmp._get_literal_prefix(parsed, flags)
        return bool(prefix) or bool(_cmp._get_charset_prefix(parsed, flags))
    except Exception:  # noqa: BLE001 - internal helpers: no answer means "gate it"
        return False


# ---- prefix tries -------------------------------------------------------------------
# A prefix is a tuple of elements, one per character: a frozenset of single characters, or of
# class items ("a-z", "\\d") after which the prefix stops; WILD is a character nothing can be
# said of. A tuple shorter than the depth means "anything may follow".
WILD = None
_MAX_LITERALS = 24  # larger character sets end a prefix (a trie over them would not pay)
_AT_SOURCE = {"AT_BOUNDARY": r"\b", "AT_NON_BOUNDARY": r"\B"}


def _element(op, av):
    name = str(op)
    if name == "LITERAL":
        return frozenset([chr(av)])
    if name != "IN":
        return WILD
    out: set = set()
    for iop, iav in av:
        iname = str(iop)
        if iname == "LITERAL":
            out.add(chr(iav))
        elif iname == "RANGE":
            out.add(("class", f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}"))
        elif iname == "CATEGORY" and str(iav) in _CATEGORIES:
            out.add(("class", _CATEGORIES[str(iav)]))
        else:
            return WILD
    return frozenset(out)


def _extends(e) -> bool:
    """Whether a prefix goes on after element ``e`` (a small set of plain characters)."""
    return e is not WILD and len(e) <= _MAX_LITERALS and all(isinstance(i, str) for i in e)


def _prefixes(items, i: int, follow: set, depth: int, flags: int) -> set:
    """Prefixes (up to ``depth`` characters) of the matches of ``items[i:]`` followed by ``follow``."""
    if i == len(items):
        return follow
    op, av = items[i]
    name = str(op)
    if name in ("LITERAL", "IN", "ANY", "NOT_LITERAL"):
        e = _element(op, av)
        if not _extends(e):
            return {(e,)}
        return {((e,) + t)[:depth] for t in _prefixes(items, i + 1, follow, depth, flags)}
    if name == "AT":
        return _prefixes(items, i + 1, follow, depth, flags)
    if name in ("ASSERT", "ASSERT_NOT"):
        if name == "ASSERT_NOT" and not av[1].data:
            return set()  # "(?!)": this branch never matches
        rest = _prefixes(items, i + 1, follow, depth, flags)
        if name == "ASSERT" and av[0] == 1 and () in rest:  # a lookahead says more than "anything"
            return _prefixes(av[1].data, 0, {()}, depth, flags)
        return rest
    rest = _prefixes(items, i + 1, follow, depth, flags)
    if name in ("BRANCH", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and len(rest) > 1024:
        # what follows an alternation or a repeat is read by each branch: cut it once to the
        # characters a branch can add to (a shorter prefix is a wider gate, never a wrong one)
        rest = {t[:depth - 1] for t in rest}
    if name == "BRANCH":
        out: set = set()
        for branch in av[1]:
            out |= _prefixes(branch.data, 0, rest, depth, flags)
        return out
    if name == "SUBPATTERN":
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE and not flags & re.IGNORECASE:
            raise _NoGate("inline IGNORECASE")
        return _prefixes(sub.data, 0, rest, depth, flags)
    if name == "ATOMIC_GROUP":
        return _prefixes(av.data, 0, rest, depth, flags)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        if hi == 0:
            return rest
        after_one = set(rest)
        if hi > 1:  # ``depth`` more repetitions cover every prefix the repeat can start
            for _ in range(depth):
                after_one = rest | _prefixes(sub.data, 0, after_one, depth, flags)
        out = _prefixes(sub.data, 0, after_one, depth, flags)
        return out | rest if lo == 0 else out
    if name == "GROUPREF_EXISTS":
        _cond, yes, no = av
        return _prefixes(yes.data, 0, rest, depth, flags) | (
            _prefixes(no.data, 0, rest, depth, flags) if no else rest)
    raise _NoGate(name)


def _variants(c: str, icase: bool) -> set[str]:
    if not icase:
        return {c}
    out = {x for x in (c, c.lower(), c.upper()) if len(x) == 1}  # "ß".upper() is "SS"
    for x in list(out):
        out.update(chr(o) for o in _EXTRA_CASES.get(ord(x), ()))
    return out


def _render_element(e, icase: bool) -> str:
    chars: set[str] = set()
    classes: list[str] = []
    for i in e:
        if isinstance(i, str):
            chars |= _variants(i, icase)
        else:
            classes.append(i[1])
    if len(chars) == 1 and not classes:
        return re.escape(next(iter(chars)))
    return "[" + "".join(sorted(re.escape(c) for c in chars)) + "".join(sorted(classes)) + "]"


def _render(node: dict, icase: bool) -> str:
    """Alternation of a trie; elements that end a prefix are merged into one class, tried first."""
    ends = frozenset().union(*(e for e, child in node.items() if child is None))
    alts = [_render_element(ends, icase)] if ends else []
    for e in sorted((e for e, child in node.items() if child is not None), key=lambda e: sorted(map(str, e))):
        alts.append(_render_element(e, icase) + _render(node[e], icase))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _trie(prefixes: set) -> dict:
    trie: dict = {}
    for t in sorted(prefixes, key=len):  # shorter first: a prefix that ends accepts whatever follows
        node = trie
        for j, e in enumerate(t):
            if node is None or e is WILD:
                break
            if j == len(t) - 1 or t[j + 1] is WILD:
                node[e] = None
                break
            if node.get(e, {}) is None:
                break
            node = node.setdefault(e, {})
    return trie


def _is_latin(item) -> bool:
    return isinstance(item, str) and item.isascii() and item.isalpha()


def prefix_gate(source: str, flags: int = 0, depth: int = 3, latin_word_start: bool = False) -> str | None:
    """A regex for the first ``depth`` characters a match of ``source`` can begin with (a trie of
    character classes), or None when they cannot be listed. With ``latin_word_start`` a prefix
    beginning with a Latin letter must also begin a word. Case-insensitive patterns get their case
    variants spelled out inside ``(?-i:…)``: the engine tests an alternative's first class before
    entering it only when the class is case-sensitive."""
    parsed = _parse(source, flags)
    return None if parsed is None else _prefix_gate(parsed, flags, depth, latin_word_start)


def _prefix_gate(parsed, flags: int, depth: int, latin_word_start: bool) -> str | None:
    try:
        found = _prefixes(parsed.data, 0, {()}, depth, flags)
    except (_NoGate, TypeError, ValueError, AttributeError, RecursionError):
        return None
    if not found or any(not t or t[0] is WILD for t in found):
        return None
    icase = bool(flags & re.IGNORECASE)
    if icase:
        found = {tuple(e if e is WILD else frozenset(i.lower() if isinstance(i, str) else i for i in e)
                       for e in t) for t in found}
    latin: set = set()
    other: set = set()
    for t in found:
        letters = frozenset(i for i in t[0] if _is_latin(i)) if latin_word_start else frozenset()
        if letters:
            latin.add((letters,) + t[1:])
        if t[0] - letters:
            other.add((t[0] - letters,) + t[1:])
    parts = [_render(_trie(other), icase)] if other else []
    if latin:
        parts.append(r"(?<![A-Za-z])" + _render(_trie(latin), icase))
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?-i:{body})" if icase else body


def _leading_boundary(items) -> str:
    """``\\b`` (or ``\\B``) when every match of ``items`` begins with it: checked before the prefix."""
    while items:
        op, av = items[0]
        name = str(op)
        if name == "AT":
            return _AT_SOURCE.get(str(av), "")
        if name == "SUBPATTERN":
            items = av[3].data
            continue
        if name == "BRANCH":
            found = {_leading_boundary(b.data) for b in av[1]}
            return found.pop() if len(found) == 1 else ""
        return ""
    return ""


_LATIN_ITEM = re.compile(r"[A-Za-z]|[A-Za-z]-[A-Za-z]")


def _gates(parsed, flags: int, prefix: bool, latin_word_start: bool) -> str:
    """The lookaheads put in front of a pattern: its first-character class, then (with ``prefix``)
    its prefix trie; "" when the first characters cannot be listed. With ``latin_word_start``,
    Latin letters open a match only where a word begins."""
    items = _items(parsed)
    if not items:
        return ""
    other = sorted(i for i in items if not (latin_word_start and _LATIN_ITEM.fullmatch(i)))
    alts = (["[" + "".join(other) + "]"] if other else []) + (
        [r"(?<![A-Za-z])[A-Za-z]"] if len(other) < len(items) else [])
    gates = "(?=" + "|".join(alts) + ")"
    trie = _prefix_gate(parsed, flags, 3, latin_word_start) if prefix else None
    return gates + (f"(?={_leading_boundary(parsed.data)}{trie})" if trie else "")


def gates_for(source: str, flags: int = 0, latin_word_start: bool = False) -> str:
    """Both lookaheads for ``source`` (class and prefix trie), for a pattern assembled by hand
    (the number grammar); "" when its first characters cannot be listed."""
    parsed = _parse(source, flags)
    return "" if parsed is None else _gates(parsed, flags, True, latin_word_start)


def with_gate(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind a first-character lookahead, when that lets the engine skip positions;
    case-insensitive patterns also behind their ``prefix_gate``."""
    parsed = _parse(pattern.pattern, pattern.flags)
    if parsed is None or _skips_ahead(parsed, pattern.flags):
        return pattern
    gates = _gates(parsed, pattern.flags, bool(pattern.flags & re.IGNORECASE), False)
    return re.compile(f"{gates}(?:{pattern.pattern})", pattern.flags) if gates else pattern


def compile_gated(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)`` behind its first-character gate (see ``with_gate``)."""
    return with_gate(re.compile(source, flags))
