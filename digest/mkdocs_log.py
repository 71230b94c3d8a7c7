"""MkDocs' log as located problems: which page a warning is about, and where it came from.

MkDocs 1.6 counts `--strict` warnings only while its log is not `--quiet` (mkdocs/mkdocs#4126),
so the site stage runs it with its full log and reads the warnings and errors out of it here.
A warning names the page by its path in the docs folder; the build knows which file each page
was made from (an editor page from `content/pages/`, a generated page from the docs folder
itself), and the line, when the warning quotes a link or file that the source contains.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from digest.model import Problem

_RECORD = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$")
"""A log record MkDocs prints as `LEVEL    -  message` (its non-colour console format)."""
_CONTINUATION = re.compile(r"^\s+\S")
"""An indented line: the rest of the record above it (MkDocs indents multi-line messages)."""
_PAGE = re.compile(r"^Doc file '(?P<page>[^']+)'")
"""The start of MkDocs' warnings about one page's content (links, anchors, images)."""
_QUOTED_TARGET = re.compile(r"(?:link|image|anchor) '(?P<target>[^']+)'")
"""The link, image or anchor a page warning quotes (what the source line contains)."""


def mkdocs_problems(
    log: str, docs_dir: Path, config_file: Path, origins: Mapping[str, Path] | None = None
) -> list[Problem]:
    """Every warning and error in MkDocs' log, located: the page's source file (its origin
    when the build knows one, else its Markdown in `docs_dir`) and the line the quoted link
    is on; records about no page (settings, theme) are located at `config_file`."""
    problems = []
    for level, message in _records(log):
        page = _PAGE.match(message)
        if page is None:
            problems.append(Problem(str(config_file), None, f"MkDocs {level.lower()}: {message}"))
            continue
        name = page.group("page")
        source = (origins or {}).get(name, docs_dir / name)
        target = _QUOTED_TARGET.search(message)
        line = _line_of(source, target.group("target")) if target else None
        problems.append(Problem(str(source), line, f"MkDocs {level.lower()}: {message}"))
    return problems


def _records(log: str) -> list[tuple[str, str]]:
    """The log's WARNING and ERROR records, each with its continuation lines joined."""
    records: list[tuple[str, list[str]]] = []
    in_record = False
    for line in log.splitlines():
        if record := _RECORD.match(line):
            records.append((record.group("level"), [record.group("message").strip()]))
            in_record = True
        elif in_record and _CONTINUATION.match(line):
            records[-1][1].append(line.strip())
        else:
            in_record = False
    return [(level, " ".join(lines)) for level, lines in records]


def _line_of(source: Path, needle: str) -> int | None:
    """The first line of `source` that contains `needle` (a link as written), if any."""
    try:
        text = source.read_text("utf-8")
    except OSError:
        return None
    bare = needle.split("#", 1)[0] or needle
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line or (bare and f"({bare}" in line):
            return number
    return None
