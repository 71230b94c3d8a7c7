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
from datetime import date
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


def located(node: yaml.Node) -> Any:
    """Convert a composed YAML node to Python values, keeping line numbers on containers."""
    if isinstance(node, yaml.MappingNode):
        result = LocatedMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = located(key_node)
            key = key if isinstance(key, str) else str(key)
            result[key] = located(value_node)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList(located(item) for item in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    # Called directly, not through construct_object, which would remember every node.
    return _SCALARS.yaml_constructors.get(node.tag, _ScalarConstructor.construct_undefined)(
        _SCALARS, node
    )


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


def day(value: Any) -> date:
    """A calendar date written YYYY-MM-DD."""
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2019-05-10")


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
