"""Self-validating field types for the content folder's YAML records.

Each record kind (round, person, topic, …) is a table of `Field`s. A field checks its own value
and, when the value is wrong, says what is wrong and how to fix it; the loader adds the file and
line. Modelled on MkDocs' `config_options`: the error names the key and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class FieldError(ValueError):
    """A value that does not fit its field; the message says how to fix it."""


class LocatedMap(dict[str, Any]):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class LocatedList(list[Any]):
    """A YAML sequence that remembers its line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


class _ScalarConstructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe scalar typing (dates, ints, bools) without building containers."""


_SCALARS = _ScalarConstructor()
MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlShapeError(ValueError):
    """YAML this project does not accept (a duplicate key, a merge key, an alias), at a line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class AliasError(YamlShapeError):
    """An alias (`*name`) reuses an anchored value; the line is the anchor's."""


def located(node: yaml.Node, line_offset: int = 0) -> Any:
    """Convert a composed YAML node to Python values, keeping line numbers on containers
    (1-based, plus `line_offset` when the YAML starts further down its file).

    Raises YamlShapeError for what would silently change or explode the data: a key given
    twice (the last would win), a merge key `<<`, and aliases, which are refused because a
    few nested ones expand a kilobyte into gigabytes.
    """
    return _Locator(line_offset).value(node)


class _Locator:
    """One document's conversion: the nodes met so far (to spot aliases) and where it starts."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.line_offset

    def value(self, node: yaml.Node) -> Any:
        # An alias is the very node it names: meeting a node twice means an alias.
        if id(node) in self.seen:
            raise AliasError(
                "aliases ('*name') are not accepted in content; write the value out again",
                self.line(node),
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result = LocatedMap()
            result.line = self.line(node)
            result.key_lines = {}
            for key_node, value_node in node.value:
                if key_node.tag == MERGE_TAG:
                    raise YamlShapeError(
                        "merge keys ('<<') are not accepted in content; write the keys out",
                        self.line(key_node),
                    )
                key = self.value(key_node)
                key = key if isinstance(key, str) else str(key)
                if key in result.key_lines:
                    raise YamlShapeError(
                        f"key '{key}' is given twice (first at line "
                        f"{result.key_lines[key]}); keep one",
                        self.line(key_node),
                    )
                result[key] = self.value(value_node)
                result.key_lines[key] = self.line(key_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            items = LocatedList(self.value(item) for item in node.value)
            items.line = self.line(node)
            items.item_lines = [self.line(item) for item in node.value]
            return items
        # Called directly, not through construct_object, which would remember every node.
        construct = _SCALARS.yaml_constructors.get(node.tag, _ScalarConstructor.construct_undefined)
        try:
            return construct(_SCALARS, node)
        except ValueError:
            # A date-shaped value that is no date (2019-02-30): kept as text, which the date
            # field then refuses with the reason.
            return node.value


def type_name(value: Any) -> str:
    """A reader-friendly name for a YAML value's type."""
    if value is None:
        return "nothing"
    return {
        "str": "text",
        "int": "a number",
        "float": "a number",
        "bool": "true/false",
        "date": "a date",
        "datetime": "a date and time",
        "LocatedMap": "a mapping",
        "LocatedList": "a list",
    }.get(type(value).__name__, type(value).__name__)


@dataclass(frozen=True)
class Field:
    """One key of a record: whether it is required and how its value is checked."""

    check: Callable[[Any], Any]
    required: bool = False
    default: Any = None


def text(value: Any) -> str:
    """Plain text; numbers are accepted and written as text."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldError(f"expected text, got {type_name(value)}; write it as a quoted string")
    return str(value).strip()


def nonblank(value: Any) -> str:
    """Text that must not be blank (a name, a title, a place)."""
    value = text(value)
    if not value:
        raise FieldError("is empty; write the text")
    return value


def slug(value: Any) -> str:
    """An id: lower-case letters and digits joined by single hyphens."""
    value = text(value)
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"
        raise FieldError(
            f"'{value}' is not a valid id; use lower-case letters, digits and hyphens, "
            f"e.g. '{suggestion}'"
        )
    return value


EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2105, 12, 31)
"""Dates outside these are typing slips (0001-01-01, 2109 for 2019): the build stamps the
site with its latest date, and gzip (sitemap, feed) holds times from 1970 to early 2106 only."""


def day(value: Any) -> date:
    """A calendar date written YYYY-MM-DD, between EARLIEST_DAY and LATEST_DAY."""
    reason = ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError as error:
            reason = f" ({error})" if re.match(r"^\d{4}-\d\d-\d\d$", value.strip()) else ""
    if isinstance(value, date):
        if not EARLIEST_DAY <= value <= LATEST_DAY:
            raise FieldError(
                f"{value} is outside the years {EARLIEST_DAY.year}-{LATEST_DAY.year}; "
                "check the year"
            )
        return value
    raise FieldError(f"'{value}' is not a date{reason}; write it as YYYY-MM-DD, e.g. 2019-05-10")


def optional_day(value: Any) -> date | None:
    """A date, or nothing (empty value)."""
    return None if value is None or value == "" else day(value)


def number(value: Any) -> float:
    """A number such as 25 or 7.5."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(f"expected a number, got {type_name(value)}; write e.g. 25 or 7.5")
    return float(value)


def optional_number(value: Any) -> float | None:
    """A number, or nothing."""
    return None if value is None else number(value)


def flag(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, got {type_name(value)}")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    """Text that must be one of `choices`."""

    def check(value: Any) -> str:
        value = text(value)
        if value not in choices:
            raise FieldError(f"'{value}' is not allowed; use one of: {', '.join(choices)}")
        return value

    return check


def text_list(value: Any) -> tuple[str, ...]:
    """A list of texts (a single text is taken as a one-item list)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),)
    if not isinstance(value, list):
        raise FieldError(f"expected a list of texts, got {type_name(value)}; write [a, b]")
    items = []
    for position, item in enumerate(value, 1):
        try:
            items.append(text(item))
        except FieldError as error:
            raise FieldError(f"item {position}: {error}") from None
    return tuple(items)


def unknown_key_message(key: str, known: Mapping[str, Field]) -> str:
    """Explain an unknown key, with a 'did you mean' when one is close."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(known)}"
    return f"unknown key '{key}'; {hint}"
