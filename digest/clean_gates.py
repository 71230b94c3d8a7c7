"""Cheap tests that rule a keyword class out before its pattern runs, derived from the pattern.

Running every boilerplate pattern of `clean_rules.KEYWORD_CLASSES` on every line is the
cleaner's costliest step, and nearly every line matches none. So each pattern is read once,
at import, with the regular-expression parser, and for each of its alternatives (branches)
we find what every match of that branch must contain:

- a *trigger*: a whole lower-case word (`\\w+` token) the match contains, or, for a branch
  with no such word (``{{…}}``, ``©``, ``»``), a lower-case string it contains;
- a *gate*: the strings a match starts with (a branch anchored at the line's start) or
  contains (any other branch).

Deriving them from the patterns means they cannot fall out of step when a pattern changes:
a line that has none of a class's triggers, or passes none of its gates, cannot match it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, NamedTuple

_EDGE = "\x00"
"""Stands for a word boundary (or the line's start or end) in a branch's literal text."""
_EXPANSIONS = 64
"""Most literal strings a branch's opening is expanded to before expansion stops there."""
_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_EDGE_CODES = frozenset({sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_END, sre.AT_END_STRING})

Item = tuple[Any, Any]
"""One parsed pattern element: (opcode, argument), as `re._parser` gives it."""


class KeywordGate(NamedTuple):
    """What a keyword class's matches must contain, derived from its pattern."""

    reason: str
    pattern: re.Pattern[str]
    words: frozenset[str]
    """Lower-case tokens, one of which every match of a branch with a whole word contains."""
    marks: tuple[str, ...]
    """Lower-case strings, one of which every match of a branch without a whole word contains."""
    starts: tuple[str, ...]
    """What a match of an anchored branch starts with (lower-cased line)."""
    needles: tuple[str, ...]
    """What a match of any other branch contains (lower-cased line)."""

    def passes(self, low: str) -> bool:
        """Whether the lower-cased line passes the gate (may match the pattern)."""
        return (bool(self.starts) and low.startswith(self.starts)) or any(
            n in low for n in self.needles
        )


def keyword_gate(reason: str, pattern: re.Pattern[str]) -> KeywordGate:
    """The triggers and gates of one keyword class (see the module docstring).

    Raises ValueError when a branch gives nothing to gate on (every match would have to run
    the pattern): rewrite that branch to contain a literal word or character.
    """
    words: set[str] = set()
    marks: set[str] = set()
    starts: set[str] = set()
    needles: set[str] = set()
    for branch in _branches(list(sre_parse.parse(pattern.pattern, pattern.flags))):
        anchored = bool(branch) and branch[0] == (sre.AT, sre.AT_BEGINNING)
        openings = _openings(branch)
        required = openings if openings != {""} else _required_strings(branch)
        bare = {s.replace(_EDGE, "") for s in required}
        if not required or "" in bare:
            raise ValueError(f"{reason}: a branch of {pattern.pattern!r} has no literal text")
        (starts if anchored and required is openings else needles).update(bare)
        branch_words = {_longest_whole_word(s) for s in required}
        if None in branch_words:
            marks.update(bare)
        else:
            words.update(w for w in branch_words if w)
    return KeywordGate(
        reason,
        pattern,
        frozenset(words),
        tuple(sorted(marks)),
        tuple(sorted(starts)),
        tuple(sorted(needles)),
    )


def _branches(items: list[Item]) -> list[list[Item]]:
    """The top-level alternatives of a parsed pattern, each a sequence of elements.

    A leading lookahead is dropped (it only speeds the search up); a common prefix the parser
    factored out of the alternatives (a shared ``\\b``, say) is put back into each.
    """
    if items and items[0][0] is sre.ASSERT:
        items = items[1:]
    if len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        return _branches(list(items[0][1][3]))
    for k, (op, arg) in enumerate(items):
        if op is sre.BRANCH and k == len(items) - 1:
            prefix = items[:k]
            return [b for alt in arg[1] for b in _branches([*prefix, *alt])]
        if op is not sre.AT:
            break
    return [items]


def _expand(items: Sequence[Item]) -> set[str] | None:
    """Every (lower-case) string the elements can match, with `_EDGE` for word boundaries and
    line ends; None when there are too many or they cannot be listed (`\\s`, `.*`)."""
    outs = {""}
    for op, arg in items:
        if op is sre.LITERAL:
            options: set[str] | None = {chr(arg).lower()}
        elif op is sre.AT:
            options = {_EDGE if arg in _EDGE_CODES else ""}
        elif op is sre.SUBPATTERN:
            options = _expand(arg[3])
        elif op is sre.BRANCH:
            options = _union(_expand(alt) for alt in arg[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:
            inner = _expand(arg[2])
            options = None if inner is None else inner | {""}
        elif op is sre.IN and all(o is sre.LITERAL for o, _ in arg):
            options = {chr(a).lower() for _, a in arg}
        else:
            options = None
        if options is None:
            return None
        outs = {o + s for o in outs for s in options}
        if len(outs) > _EXPANSIONS:
            return None
    return outs


def _union(sets: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for s in sets:
        if s is None:
            return None
        out |= s
    return out


def _openings(branch: Sequence[Item]) -> set[str]:
    """The strings every match of `branch` starts with: its longest listable opening."""
    outs = {""}
    for item in branch:
        options = _expand([item])
        if options is None:
            break
        longer = {o + s for o in outs for s in options}
        if len(longer) > _EXPANSIONS:
            break
        outs = longer
    return outs


def _required_strings(branch: Sequence[Item]) -> set[str]:
    """Strings one of which every match contains: the first listable element that cannot be
    empty (for branches opening with something unlistable, such as ``\\s[>»]\\s``)."""
    for item in branch:
        options = _expand([item])
        if options and "" not in {s.replace(_EDGE, "") for s in options}:
            return options
    return set()


def _longest_whole_word(text: str) -> str | None:
    """The longest word of `text` (a branch's literal text) that is a whole token in every
    match, or None: a non-word character or an edge (`_EDGE`) must stand on both its sides
    inside `text`."""
    best: str | None = None
    for m in _WORD_RUN.finditer(text):
        left_ok = m.start() > 0 and not _WORD_CHAR.match(text[m.start() - 1])
        right_ok = m.end() < len(text) and not _WORD_CHAR.match(text[m.end()])
        if left_ok and right_ok and (best is None or len(m.group()) > len(best)):
            best = m.group()
    return best
