"""Load stage: the content folder in, a validated `Content` out.

Every problem is collected and reported together as `PATH:LINE: message`, each naming the key
and the fix, so an editor can correct a whole folder in one pass. Nothing is dropped silently:
an article file is either loaded or named in an error.
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from digest.cache import code_fingerprint
from digest.extract.mentions import institution_key
from digest.lexicon import SIDES
from digest.model import (
    Article,
    Content,
    DigestError,
    Institution,
    Person,
    Problem,
    Role,
    Round,
    TariffAction,
    Topic,
)
from digest.paths import article_slug
from digest.runtime import PARALLEL_ARTICLES, in_parallel
from digest.schema import (
    AliasError,
    Field,
    FieldError,
    LocatedList,
    LocatedMap,
    YamlShapeError,
    day,
    flag,
    located,
    nonblank,
    number,
    one_of,
    optional_day,
    optional_number,
    slug,
    text,
    text_list,
    type_name,
    unknown_key_message,
)

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
"""Larger article files are refused: no news article is this long, a dump or binary is."""

ARTICLE_FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_TOPICS = Path(__file__).parent / "data" / "topics.yml"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (ten times faster on 10,000 front matters)."""


def _roles(value: Any) -> tuple[Role, ...]:
    records = _nested_records(value, ROLE_FIELDS, "role")
    return tuple(Role(title=r["title"], start=r.get("from"), end=r.get("to")) for r in records)


def _delegations(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise FieldError(
            f"expected a mapping like {{us: [...], china: [...]}}, got {type_name(value)}"
        )
    result = {}
    for side, members in value.items():
        if side not in SIDES:
            raise FieldError(f"unknown side '{side}'; use one of: {', '.join(SIDES)}")
        result[side] = text_list(members)
    return result


ROUND_FIELDS: dict[str, Field] = {
    "id": Field(slug, required=True),
    "start": Field(day, required=True),
    "end": Field(day, required=True),
    "location": Field(nonblank, required=True),
    "title": Field(text, default=""),
    "kind": Field(text, default=""),
    "delegations": Field(_delegations, default={}),
    "outcome": Field(text, default=""),
    "summary": Field(text, default=""),
}
ROLE_FIELDS: dict[str, Field] = {
    "title": Field(nonblank, required=True),
    "from": Field(optional_day),
    "to": Field(optional_day),
}
PERSON_FIELDS: dict[str, Field] = {
    "id": Field(slug, required=True),
    "name": Field(nonblank, required=True),
    "aliases": Field(text_list, default=()),
    "side": Field(one_of(*SIDES)),
    "roles": Field(_roles, default=()),
}
TOPIC_FIELDS: dict[str, Field] = {
    "id": Field(slug, required=True),
    "title": Field(nonblank, required=True),
    "keywords": Field(text_list, required=True),
}
TARIFF_FIELDS: dict[str, Field] = {
    "date": Field(day, required=True),
    "side": Field(one_of("us", "china"), required=True),
    "rate": Field(number, required=True),
    "goods_value_bn": Field(optional_number),
    "list_name": Field(text, required=True),
    "source": Field(text, required=True),
    "note": Field(text, default=""),
}
OUTLET_FIELDS: dict[str, Field] = {
    "outlet": Field(text, required=True),
    "boilerplate": Field(text_list, required=True),
}
ARTICLE_FIELDS: dict[str, Field] = {
    "title": Field(text, default=""),
    "outlet": Field(text, default=""),
    "url": Field(text, default=""),
    "published": Field(optional_day),
    "round": Field(lambda v: None if v is None else slug(v)),
    "publish_text": Field(flag, default=False),
    "sample": Field(flag, default=False),
}


class NestedFieldError(FieldError):
    """A field error inside a nested record, carrying that record's own line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _nested_records(value: Any, fields: Mapping[str, Field], kind: str) -> list[dict[str, Any]]:
    """Check a list of small records nested in a field (a person's roles)."""
    if value is None:
        return []
    if not isinstance(value, LocatedList):
        raise FieldError(f"expected a list of {kind}s, got {type_name(value)}")
    records = []
    for position, item in enumerate(value):
        line = value.item_lines[position]
        problems: list[tuple[int, str]] = []
        record = _check_record(item, fields, f"{kind} {position + 1}", line, problems.append)
        if problems:
            raise NestedFieldError(problems[0][1], problems[0][0])
        records.append(record)
    return records


def _check_record(
    item: Any,
    fields: Mapping[str, Field],
    where: str,
    line: int,
    report: Callable[[tuple[int, str]], None],
    allow_unknown: bool = False,
) -> dict[str, Any]:
    """Validate one mapping against its fields, reporting each problem; return clean values.

    An empty value (`key:` with nothing after it) of an optional key means its default.
    """
    if not isinstance(item, LocatedMap):
        report((line, f"{where}: expected a mapping of keys, got {type_name(item)}"))
        return {}
    values: dict[str, Any] = {}
    for key, raw in item.items():
        key_line = item.key_lines.get(key, item.line)
        if key not in fields:
            if not allow_unknown:
                report((key_line, f"{where}: {unknown_key_message(key, fields)}"))
            continue
        if raw is None and not fields[key].required:
            values[key] = fields[key].default
            continue
        try:
            values[key] = fields[key].check(raw)
        except NestedFieldError as error:
            report((error.line, f"{where}.{key}: {error}"))
        except FieldError as error:
            report((key_line, f"{where}.{key}: {error}"))
    for name, spec in fields.items():
        if name in values or name in item:
            continue
        if spec.required:
            report((item.line, f"{where}: missing required key '{name}'; add '{name}: ...'"))
        else:
            values[name] = spec.default
    return values


@dataclass
class _Problems:
    """Collects problems across the whole folder so they are reported in one run."""

    root: Path
    found: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int | None, message: str) -> None:
        self.found.append(Problem(_display(path, self.root), line, message))


def _display(path: Path, root: Path) -> str:
    """The path as the editor named it: under the --content folder they gave."""
    try:
        return str(root / path.relative_to(root))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, problems: _Problems, line_offset: int = 0, source: str | None = None):
    """Parse YAML keeping line numbers; report a syntax error at its line and return None."""
    try:
        content = source if source is not None else _decode(path.read_bytes(), path)
        node = yaml.compose(content, Loader=YAML_LOADER)
    except UnicodeDecodeError as error:
        problems.add(path, None, str(error))
        return None
    except OSError as error:
        problems.add(path, None, unreadable_message(error))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark else None
        what = getattr(error, "problem", None) or str(error)
        problems.add(path, line, f"YAML syntax error: {what}; fix the indentation or quoting")
        return None
    if node is None:
        return None
    try:
        return located(node, line_offset)
    except AliasError as error:
        problems.add(path, _first_alias_line(content) + line_offset, str(error))
    except YamlShapeError as error:
        problems.add(path, error.line, str(error))
    return None


def _first_alias_line(source: str) -> int:
    """The line of the first alias (`*name`) in YAML `source` (parsed, not expanded)."""
    for event in yaml.parse(source, Loader=YAML_LOADER):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return int(event.start_mark.line) + 1
    return 1


def unreadable_message(error: OSError) -> str:
    """Why a file could not be read, and what to do (it vanished, or is not readable)."""
    if isinstance(error, FileNotFoundError):
        return "disappeared while the folder was being read; run again once it is in place"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied); make it readable or move it away"
    return f"cannot be read ({error.strerror or error}); fix the file or move it away"


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 text, or a UnicodeDecodeError whose message names the line and the fix."""
    if b"\x00" in data:
        raise UnicodeDecodeError(
            "utf-8",
            data,
            data.index(b"\x00"),
            data.index(b"\x00") + 1,
            "binary file (contains NUL bytes); articles must be UTF-8 text",
        )
    try:
        # Windows (CRLF) and old Mac (CR) line endings read as plain line breaks.
        return _unix_lines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnicodeDecodeError(
            "utf-8",
            data,
            error.start,
            error.end,
            f"line {line}: not UTF-8 text (byte {data[error.start]:#04x}); "
            "re-save the file as UTF-8",
        ) from None


CHARSET_PRESCAN_BYTES = 65536
"""How far into an HTML page its charset declaration is looked for. Browsers look at the first
1,024 bytes only, but saved pages often carry long heads (inline styles, scripts) before the
`<meta charset>`; a declaration is only believed inside a `<meta>` tag or XML declaration."""

DECLARED_CHARSET = re.compile(
    rb"""<(?:meta\b[^>]*?\bcharset|\?xml\b[^>]*?\bencoding)\s*=\s*["']?\s*([\w.:-]+)""",
    re.IGNORECASE,
)

CHARSET_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "big5": "big5hkscs",
}
"""Declared charsets decoded as their superset, as browsers do (WHATWG Encoding Standard):
pages labelled gb2312 use GBK's characters, pages labelled latin-1 use windows-1252's."""

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_article(data: bytes, path: Path) -> str:
    """An article file's text: UTF-8, or UTF-16 with a byte-order mark, or for an HTML page
    the charset its `<meta charset>` declares. Otherwise a UnicodeDecodeError naming the line
    and the fix (as `_decode`)."""
    if data.startswith(UTF16_BOMS):
        try:
            return _unix_lines(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the UTF-8 error below names the line
    html = ARTICLE_FORMATS.get(path.suffix.lower()) == "html"
    declared = DECLARED_CHARSET.search(data, 0, CHARSET_PRESCAN_BYTES) if html else None
    label = declared.group(1).decode("ascii", "replace").lower() if declared else "utf-8"
    try:
        return _decode(data, path)
    except UnicodeDecodeError:
        if label.replace("-", "") == "utf8":  # not what it declares: today's clear error
            raise
    try:
        return _unix_lines(data.decode(CHARSET_SUPERSETS.get(label, label)))
    except LookupError:
        problem = f"declares the charset '{label}', which is unknown"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = f"line {line}: not {label} text (byte {data[error.start]:#04x}) as it declares"
    raise UnicodeDecodeError(
        label, data, 0, len(data), f"{problem}; re-save the page as UTF-8"
    ) from None


def _unix_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _records(
    path: Path,
    fields: Mapping[str, Field],
    kind: str,
    problems: _Problems,
    *,
    required_file: bool,
) -> Iterator[dict[str, Any]]:
    """Yield the valid records of a YAML list file, reporting every invalid one."""
    if not path.exists():
        if required_file:
            problems.add(path, None, f"missing; create it with a list of {kind}s (see README)")
        return
    data = _read_yaml(path, problems)
    if data is None:
        return
    if not isinstance(data, LocatedList):
        problems.add(
            path,
            getattr(data, "line", 1),
            f"expected a list of {kind}s (lines starting with '- '), got {type_name(data)}",
        )
        return
    for position, item in enumerate(data):
        found: list[tuple[int, str]] = []
        where = f"{kind} {position + 1}"
        if isinstance(item, LocatedMap) and isinstance(item.get("id"), str):
            where = f"{kind} '{item['id']}'"
        record = _check_record(item, fields, where, data.item_lines[position], found.append)
        for line, message in found:
            problems.add(path, line, message)
        if not found:
            record["_line"] = data.item_lines[position]
            yield record


def _unique_records(
    path: Path,
    fields: Mapping[str, Field],
    kind: str,
    problems: _Problems,
    *,
    required_file: bool,
) -> list[dict[str, Any]]:
    """The valid records of a YAML list file (`_records`), a record whose id is taken by an
    earlier one reported and left out."""
    seen: dict[str, int] = {}
    unique = []
    for record in _records(path, fields, kind, problems, required_file=required_file):
        if record["id"] in seen:
            problems.add(
                path,
                record["_line"],
                f"duplicate {kind} id '{record['id']}' (first at line {seen[record['id']]}); "
                "give each one its own id",
            )
            continue
        seen[record["id"]] = record["_line"]
        unique.append(record)
    return unique


def _load_rounds(root: Path, problems: _Problems) -> list[Round]:
    path = root / "rounds.yml"
    records = _unique_records(path, ROUND_FIELDS, "round", problems, required_file=True)
    rounds = []
    for r in records:
        if r["end"] < r["start"]:
            problems.add(
                path,
                r["_line"],
                f"round '{r['id']}': end {r['end']} is before start {r['start']}; swap them",
            )
            continue
        rounds.append(Round(**{k: v for k, v in r.items() if k != "_line"}))
    return sorted(rounds, key=lambda r: (r.start, r.id))


def _load_people(root: Path, problems: _Problems) -> list[Person]:
    path = root / "people.yml"
    records = _unique_records(path, PERSON_FIELDS, "person", problems, required_file=False)
    return [Person(**{k: v for k, v in r.items() if k != "_line"}) for r in records]


def _load_topics(root: Path, problems: _Problems) -> list[Topic]:
    path = root / "topics.yml"
    if not path.exists():
        path = DEFAULT_TOPICS
    records = _unique_records(path, TOPIC_FIELDS, "topic", problems, required_file=False)
    return [
        Topic(id=r["id"], title=r["title"], keywords=tuple(k.lower() for k in r["keywords"]))
        for r in records
    ]


def _load_tariffs(root: Path, problems: _Problems) -> list[TariffAction]:
    records = _records(
        root / "tariffs.yml", TARIFF_FIELDS, "tariff action", problems, required_file=False
    )
    actions = [TariffAction(**{k: v for k, v in r.items() if k != "_line"}) for r in records]
    return sorted(actions, key=lambda a: (a.date, a.side, a.list_name))


def _load_outlet_hints(root: Path, problems: _Problems) -> dict[str, tuple[str, ...]]:
    records = _records(root / "outlets.yml", OUTLET_FIELDS, "outlet", problems, required_file=False)
    return {r["outlet"]: r["boilerplate"] for r in records}


INSTITUTION_FIELDS: dict[str, Field] = {
    "id": Field(slug, required=True),
    "name": Field(nonblank, required=True),
    "aliases": Field(text_list, default=()),
    "side": Field(one_of(*SIDES)),
}


def _load_institutions(root: Path, problems: _Problems) -> list[Institution]:
    """institutions.yml (optional): bodies quoted as speakers. A name that two bodies share
    (compared as `institution_key` compares them) would group one's statements under the
    other, so it is an error at the second body."""
    path = root / "institutions.yml"
    records = _unique_records(
        path, INSTITUTION_FIELDS, "institution", problems, required_file=False
    )
    owners: dict[frozenset[str], tuple[str, int]] = {}
    bodies = []
    for r in records:
        clashes = []
        for name in (r["name"], *r["aliases"]):
            words, _ = institution_key(name)
            owner = owners.get(words, (r["id"], r["_line"]))
            if not words:
                clashes.append(f"name '{name}' has no words that tell a body apart; remove it")
            elif owner[0] != r["id"]:
                clashes.append(
                    f"name '{name}' also names institution '{owner[0]}' (line {owner[1]}); "
                    "keep each name on one body"
                )
            else:
                owners[words] = owner
        for message in clashes:
            problems.add(path, r["_line"], f"institution '{r['id']}': {message}")
        if not clashes:
            bodies.append(Institution(**{k: v for k, v in r.items() if k != "_line"}))
    return bodies


FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(source: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body: (front matter or None, body, body's first line).

    Raises ValueError when front matter is opened but never closed.
    """
    if not source.startswith("---"):
        return None, source, 1
    first_break = source.find("\n")
    if first_break < 0 or source[:first_break].strip() != "---":
        return None, source, 1
    end = FRONT_MATTER_END.search(source, first_break + 1)
    if end is None:
        raise ValueError(
            "front matter opened with '---' on line 1 is never closed: no later line holds "
            "only '---'; add one after the last key"
        )
    front = source[first_break + 1 : end.start()]
    body_start = source.find("\n", end.end())
    body = "" if body_start < 0 else source[body_start + 1 :]
    return front, body, source[: end.end()].count("\n") + 2


SIDECAR_SUFFIXES = (".yml", ".yaml")


def _sidecars(path: Path) -> list[Path]:
    """The metadata files beside an article (`NAME.yml` or `NAME.yaml`) that exist."""
    base = os.path.splitext(path)[0]
    return [Path(base + suffix) for suffix in SIDECAR_SUFFIXES if os.path.exists(base + suffix)]


def _odd_entry(
    path: str, statuses: dict[str, os.stat_result] | None = None, relative: str = ""
) -> str | None:
    """Why a name under articles/ is no readable file (broken or looping link, FIFO,
    socket, device, vanished), or None for a regular file (whose status then goes into
    `statuses[relative]`)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return (
                f"broken symbolic link (to '{os.readlink(path)}', which does not exist); "
                "fix the link or delete it"
            )
        return unreadable_message(FileNotFoundError())
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself); fix it or delete it"
        return unreadable_message(error)
    if not stat.S_ISREG(status.st_mode):
        return (
            "not a regular file (a FIFO, socket or device); articles must be ordinary files, "
            "move it out of articles/"
        )
    if statuses is not None:
        statuses[relative] = status
    return None


@dataclass
class _ArticleFiles:
    """What is under articles/: the files to read, and the hidden names not read."""

    files: list[tuple[str, str]] = field(default_factory=list)
    """Every regular file (its path) with its path relative to articles/, sorted by that
    path."""
    hidden: list[str] = field(default_factory=list)
    """Names starting with '.' (editor swap files, .DS_Store, .git), skipped and counted."""
    statuses: dict[str, os.stat_result] = field(default_factory=dict)
    """Each file's status as listed, by its relative path: telling whether a file is as
    remembered takes no second look at it or its sidecar (a third of a cached load's time)."""


def _article_files(articles_dir: Path, problems: _Problems) -> _ArticleFiles:
    """Every file under `articles_dir`, symlinked folders followed; each name that is no
    regular file (broken link, link loop, FIFO…) reported. (os.walk: pathlib's globbing
    costs seconds at 10,000 files.)"""
    found = _ArticleFiles()
    folders_read: dict[str, str] = {}
    for folder, folder_names, names in os.walk(articles_dir, followlinks=True):
        relative_folder = os.path.relpath(folder, articles_dir).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        real = os.path.realpath(folder)
        if real in folders_read:
            problems.add(
                Path(folder),
                None,
                f"symbolic link loop: this folder is {folders_read[real] or 'articles/'} again; "
                "fix or delete the link",
            )
            folder_names[:] = []
            continue
        folders_read[real] = prefix
        found.hidden += [prefix + name for name in folder_names if name.startswith(".")]
        folder_names[:] = sorted(name for name in folder_names if not name.startswith("."))
        for name in names:
            if name.startswith("."):
                found.hidden.append(prefix + name)
                continue
            full = os.path.join(folder, name)
            odd = _odd_entry(full, found.statuses, prefix + name)
            if odd is not None:
                problems.add(Path(full), None, odd)
            else:
                found.files.append((full, prefix + name))
    found.files.sort(key=lambda pair: pair[1])
    return found


def _load_article_at(
    path: Path,
    articles_dir: Path,
    problems: _Problems,
    root: Path | None = None,
    allow_unknown: bool = False,
    relative: str | None = None,
) -> Article | None:
    """Read one article file; its id is its path under `articles_dir` without extension
    (`relative`, when the caller knows it already)."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            problems.add(
                path,
                None,
                f"file is {size:,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit for an "
                "article; split it or remove what is not the article",
            )
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.add(path, None, unreadable_message(error))
        return None
    try:
        source = _decode_article(data, path)
    except UnicodeDecodeError as error:
        problems.add(path, None, error.reason)
        return None
    if not source.strip():
        problems.add(path, None, "empty file; add the article text or delete the file")
        return None
    try:
        front, body, body_line = split_front_matter(source)
    except ValueError as error:
        problems.add(path, 1, str(error))
        return None
    meta_path, meta = path, None
    sidecars = _sidecars(path)
    if len(sidecars) > 1:
        problems.add(sidecars[1], None, f"a second sidecar beside {sidecars[0].name}; keep one")
        return None
    if front is not None and sidecars:
        problems.add(
            sidecars[0],
            None,
            f"metadata both here and in the front matter of {path.name}; keep it in one place",
        )
        return None
    if front is not None:
        meta = _read_yaml(path, problems, line_offset=1, source=front)
        if front.strip() and meta is None:
            return None
    elif sidecars:
        meta_path = sidecars[0]
        meta = _read_yaml(meta_path, problems)
    if meta is None:
        meta = LocatedMap()
        meta.line, meta.key_lines = 1, {}
    found: list[tuple[int, str]] = []
    values = _check_record(
        meta,
        ARTICLE_FIELDS,
        "article metadata",
        getattr(meta, "line", 1),
        found.append,
        allow_unknown,
    )
    for line, message in found:
        problems.add(meta_path, line, message)
    if found:
        return None
    if not body.strip():
        problems.add(path, body_line, "the article has metadata but no text; add the text")
        return None
    relative = relative or path.relative_to(articles_dir).as_posix()
    values.pop("sample", None)
    return Article(
        id=relative.rsplit(".", 1)[0],
        path=f"articles/{relative}" if root is not None else relative,
        text=body,
        format=ARTICLE_FORMATS[path.suffix.lower()],
        **values,
    )


def _round_key_location(path: Path) -> tuple[int | None, Path]:
    """Where an article's `round:` key is written (front matter or sidecar), for errors."""
    sidecars = _sidecars(path)
    source = path.read_text("utf-8-sig", errors="replace")
    if not source.startswith("---") and sidecars:
        path, source = sidecars[0], sidecars[0].read_text("utf-8-sig", errors="replace")
    match = re.search(r"^round\s*:", source, re.MULTILINE)
    return (source[: match.start()].count("\n") + 1 if match else None), path


LOADER_CODE = code_fingerprint(__name__)
"""The loader's code: remembered articles are read anew whenever it changes."""

MEMO_SHARDS = 64
"""Shards of the table of articles read (every article's text: 71 MB at 30,000 articles): an
edit rewrites one shard, not the whole table."""

RACY_SECONDS = 2.0
"""A file changed this recently may change again within the same clock tick without its
status showing it (the "racy" case git knows too), so it is read anew, never remembered."""


def _file_status(
    relative: str, now: float, listed: Mapping[str, os.stat_result]
) -> tuple[int, ...] | None:
    """What says the article file at `relative` (and its sidecar) is unchanged since it was
    last read, from the `listed` statuses; None when it changed too recently to tell."""
    state: tuple[int, ...] = ()
    base = os.path.splitext(relative)[0]
    names = [relative, *(base + suffix for suffix in SIDECAR_SUFFIXES)]
    if relative not in listed:
        return None
    statuses = [listed[name] for name in names if name in listed]
    for status in statuses:
        # The change time too: a copy that kept an old modification time is still new.
        if max(status.st_mtime, status.st_ctime) > now - RACY_SECONDS:
            return None
        state += (status.st_dev, status.st_ino, status.st_size)
        state += (status.st_mtime_ns, status.st_ctime_ns)
    return state


class ArticleMemo(Protocol):
    """Articles read by earlier loads, without their texts (`Article.without_text`), by file
    and status: `get` gives the one remembered or None, `put` remembers one (cache.CachedTable
    is one)."""

    def get(self, entry: Any) -> Article | None: ...

    def put(self, entry: Any, value: Article | None) -> None: ...


@dataclass(frozen=True)
class ArticleTexts:
    """The texts of articles a load left out (remembered articles are loaded without them),
    read again from the content folder at `root` when a stage needs them."""

    root: Path

    def __call__(self, articles: Sequence[Article]) -> list[Article]:
        """The articles with their texts (read on all cores when there are many); raises
        DigestError when a file no longer holds the text it held when loaded (changed during
        the build)."""
        jobs = [
            _FileToRead(a.path.removeprefix("articles/"), self.root) for a in articles if not a.text
        ]
        read = iter(
            in_parallel(_FileToRead.read, jobs, weight=len(jobs), minimum=PARALLEL_ARTICLES)
        )
        found = []
        for article in articles:
            if article.text:
                found.append(article)
                continue
            again, problems = next(read)
            if again is None or again.text_digest != article.text_digest:
                path = _display(self.root / article.path, self.root)
                raise DigestError(
                    problems or [Problem(path, None, "changed during the build; build again")]
                )
            found.append(dataclasses.replace(article, text=again.text))
        return found


@dataclass(frozen=True)
class _FileToRead:
    """An article file to read: its path under articles/ in the content folder at `root`."""

    relative: str
    root: Path

    def read(self) -> tuple[Article | None, list[Problem]]:
        """The article (its text hashed, for the memo to remember) and the problems found."""
        problems = _Problems(self.root)
        articles_dir = self.root / "articles"
        article = _load_article_at(
            articles_dir / self.relative, articles_dir, problems, self.root, relative=self.relative
        )
        if article is not None:
            _ = article.text_digest
        return article, problems.found


def _load_articles(
    root: Path,
    problems: _Problems,
    round_ids: set[str],
    memo: ArticleMemo | None,
    now: float,
    hidden: list[str],
) -> list[Article]:
    articles_dir = root / "articles"
    if not articles_dir.is_dir():
        return []
    found = _article_files(articles_dir, problems)
    hidden.extend(found.hidden)
    files = found.files
    split = [os.path.splitext(relative) for _, relative in files]
    article_names = {stem for stem, suffix in split if suffix.lower() in ARTICLE_FORMATS}
    statuses = {
        relative: _file_status(relative, now, found.statuses) if memo is not None else None
        for (_, relative), (_, suffix) in zip(files, split, strict=True)
        if suffix.lower() in ARTICLE_FORMATS
    }
    remembered: dict[str, Article] = {}
    if memo is not None:
        for relative, status in statuses.items():
            if status is not None and (article := memo.get((relative, status))) is not None:
                remembered[relative] = article
    # The files not remembered are read first, on all cores when there are many (a cold
    # build's 30,000 files); their problems are reported in file order below, as they come.
    unread = [_FileToRead(relative, root) for relative in statuses if relative not in remembered]
    read_now = dict(
        zip(
            (job.relative for job in unread),
            in_parallel(_FileToRead.read, unread, weight=len(unread), minimum=PARALLEL_ARTICLES),
            strict=True,
        )
    )
    articles: list[Article] = []
    seen_slugs: dict[str, str] = {}
    # Paths stay strings unless a problem or a read needs one: making 30,000 Path objects
    # took a fifth of a second of every build.
    for (full, relative), (stem, suffix) in zip(files, split, strict=True):
        suffix = suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            if stem not in article_names:
                problems.add(
                    Path(full),
                    None,
                    "metadata file with no article beside it; add the article text file "
                    "(.txt, .md, .html) with the same name, or delete this file",
                )
            continue
        if suffix not in ARTICLE_FORMATS:
            problems.add(
                Path(full),
                None,
                f"not an article file ('{Path(full).suffix}'); use .txt, .md, .html or .htm, "
                "or move it out of articles/",
            )
            continue
        slug_id = article_slug(stem)
        if slug_id in seen_slugs:
            problems.add(
                Path(full),
                None,
                f"article id collides with {_display(Path(seen_slugs[slug_id]), root)} "
                f"(both become '{slug_id}'); rename one of the files",
            )
            continue
        seen_slugs[slug_id] = full

        status = statuses[relative]
        if relative in read_now:
            article, found_there = read_now[relative]
            problems.found.extend(found_there)
            # One that failed is never remembered; one remembered was valid when read.
            if memo is not None and status is not None and article is not None:
                memo.put((relative, status), article.without_text())
        else:
            article = remembered[relative]
        if article is None:
            continue
        if article.round is not None and article.round not in round_ids:
            close = difflib.get_close_matches(article.round, sorted(round_ids), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "use an id from rounds.yml"
            line, where = _round_key_location(Path(full))
            problems.add(where, line, f"round '{article.round}' is not in rounds.yml; {hint}")
            continue
        articles.append(article)
    return articles


def load_content(
    root: Path, memo: ArticleMemo | None = None, *, now: float | None = None
) -> Content:
    """Read and validate the content folder at `root`.

    With `memo`, an article file whose status (size, times, inode) is the same as when it was
    remembered is not read again; files changed less than RACY_SECONDS before `now` (default:
    the clock) are always read. Raises DigestError listing every problem found when anything
    is wrong.
    """
    problems = _Problems(root)
    if not root.is_dir():
        raise DigestError([Problem(str(root), None, "content folder not found; check --content")])
    rounds = _load_rounds(root, problems)
    people = _load_people(root, problems)
    topics = _load_topics(root, problems)
    tariffs = _load_tariffs(root, problems)
    hints = _load_outlet_hints(root, problems)
    hidden: list[str] = []
    institutions = _load_institutions(root, problems)
    articles = _load_articles(
        root, problems, {r.id for r in rounds}, memo, time.time() if now is None else now, hidden
    )
    if problems.found:
        raise DigestError(problems.found)
    return Content(
        root=root,
        rounds=tuple(rounds),
        people=tuple(people),
        topics=tuple(topics),
        articles=tuple(articles),
        tariffs=tuple(tariffs),
        outlet_hints=hints,
        hidden_files=tuple(hidden),
        institutions=tuple(institutions),
    )


def load_article_file(path: Path) -> Article:
    """Read one article file on its own (for `digest clean` and `digest extract`).

    Its id is the file name without extension; metadata comes from front matter or a sidecar.
    Keys this project does not use are ignored here (a lone file's sidecar may carry other
    tools' annotations); a content folder's build refuses them. Raises DigestError naming the
    file, line and fix when the file cannot be read.
    """
    problems = _Problems(path.parent)
    if path.suffix.lower() not in ARTICLE_FORMATS:
        raise DigestError(
            [Problem(str(path), None, "not an article file; use .txt, .md, .html or .htm")]
        )
    if not os.path.lexists(path):
        raise DigestError([Problem(str(path), None, "file not found")])
    odd = _odd_entry(str(path))
    if odd is not None:
        raise DigestError([Problem(str(path), None, odd)])
    article = _load_article_at(path, path.parent, problems, allow_unknown=True)
    if article is None:
        raise DigestError(problems.found)
    return article


def load_reference(root: Path) -> Content:
    """The content folder's rounds, people, topics, tariffs and outlet hints, no articles."""
    if not root.is_dir():
        raise DigestError([Problem(str(root), None, "content folder not found; check --content")])
    problems = _Problems(root)
    content = Content(
        root=root,
        rounds=tuple(_load_rounds(root, problems)) if (root / "rounds.yml").exists() else (),
        people=tuple(_load_people(root, problems)),
        topics=tuple(_load_topics(root, problems)),
        articles=(),
        tariffs=tuple(_load_tariffs(root, problems)),
        outlet_hints=_load_outlet_hints(root, problems),
        institutions=tuple(_load_institutions(root, problems)),
    )
    if problems.found:
        raise DigestError(problems.found)
    return content
