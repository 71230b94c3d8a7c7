"""What a published site needs besides the generated pages: the editors' own pages
(`content/pages/*.md`, e.g. About, Method, Sources) and `robots.txt`.

Editor pages are Markdown the editors write; they go into the docs folder under their own name
(`content/pages/about.md` becomes `about.md`, at `/about/`), into the navigation's "About"
section, and MkDocs checks their links like every other page's (`--strict` fails on a broken
one, naming the editor's file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest.model import DigestError, Problem

EDITOR_FOLDER = "pages"
"""The content folder's subfolder of editor pages."""
EDITOR_SECTION = "About"
"""The navigation section that lists the editor pages (in file-name order)."""
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class EditorPages:
    """The editor pages of a content folder: docs name → text, and → the file it came from."""

    files: dict[str, str] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)

    def navigation(self) -> list[Any]:
        """The nav entries for the pages (none when there are none); MkDocs titles each page
        from its front matter `title:` or first heading."""
        return [{EDITOR_SECTION: sorted(self.files)}] if self.files else []


def read_editor_pages(content: Path, generated: Mapping[str, str]) -> EditorPages:
    """Every `content/pages/*.md`; a DigestError names each one whose docs name is taken by a
    generated page (`index.md`, `timeline.md`, …) or that is not UTF-8 text."""
    folder = content / EDITOR_FOLDER
    pages = EditorPages()
    problems = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name in generated:
            problems.append(
                Problem(str(path), None, f"'{path.name}' is a generated page; rename this page")
            )
            continue
        try:
            pages.files[path.name] = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(str(path), None, f"cannot read the page: {error}"))
            continue
        pages.origins[path.name] = path
    if problems:
        raise DigestError(problems)
    return pages
