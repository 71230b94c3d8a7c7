"""`digest init DIR`: a new project that an installed `digest build` builds as it is.

It holds a content folder (one example round, its people, one example article, an About
page), a short mkdocs.yml over the packaged defaults, a GitHub Pages workflow, the pip
requirement that workflow installs, and a .gitignore. The files are the package data
`digest/skeleton/`; names that packaging would drop (dot files) are stored without the dot.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from string import Template

from digest.model import DigestError, Problem

SKELETON = Path(__file__).with_name("skeleton")
DISTRIBUTION = "trade-talk-digest"
STORED_AS = {"gitignore": ".gitignore", "github": ".github"}
"""Skeleton names whose written name starts with a dot (package data globs skip dot files)."""
REQUIREMENTS = "requirements.txt"


def init_project(target: Path, requirement: str | None = None) -> list[Path]:
    """Write a new project into `target` (missing or empty); returns the files written.

    `requirement` is what the workflow installs (pip syntax); by default where this copy
    of Trade-Talk Digest came from (see `installed_requirement`).
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DigestError([Problem(str(target), None, "not an empty folder; choose a new one")])
    written = []
    for source in sorted(SKELETON.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(SKELETON).parts
        path = target.joinpath(*(STORED_AS.get(part, part) for part in relative))
        path.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text("utf-8")
        if path.name == REQUIREMENTS and path.parent == target:
            text = Template(text).substitute(requirement=requirement or installed_requirement())
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def installed_requirement() -> str:
    """The pip requirement for this copy: the repository it was installed from when pip
    recorded one (PEP 610 `direct_url.json`, e.g. `pip install git+https://…`), else this
    name and version (for a release on a package index)."""
    distribution = importlib.metadata.distribution(DISTRIBUTION)
    recorded = distribution.read_text("direct_url.json")
    if recorded:
        origin = json.loads(recorded)
        vcs = origin.get("vcs_info")
        if vcs and origin.get("url", "").startswith("https://"):
            return f"{DISTRIBUTION} @ {vcs['vcs']}+{origin['url']}@{vcs['commit_id']}"
    return f"{DISTRIBUTION}=={distribution.version}"
