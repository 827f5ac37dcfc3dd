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
"""

from __future__ import annotations

import re

try:  # the parser and prefix analysis behind ``re.compile``; internal, so any surprise means "no gate"
    from re import _compiler as _cmp
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    _p = _cmp = None

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


def with_gate(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind a first-character lookahead, when that lets the engine skip positions."""
    parsed = _parse(pattern.pattern, pattern.flags)
    if parsed is None or _skips_ahead(parsed, pattern.flags):
        return pattern
    gate = _class(_items(parsed))
    if gate is None:
        return pattern
    return re.compile(f"(?={gate})(?:{pattern.pattern})", pattern.flags)


def compile_gated(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)`` behind its first-character gate (see ``with_gate``)."""
    return with_gate(re.compile(source, flags))
