"""Usable outside this repository: what the package ships, `digest init`, and an installed
`digest` building a new project."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from digest.cli import main
from digest.project import defaults_folder, merged
from tests.support import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
NOT_SHIPPED = {".git", ".venv", "site", ".build", ".cache", "build", "test-artifacts"}
"""Top-level folders of a working copy that a source install must not see (or write into)."""


def test_every_python_package_under_digest_is_listed_for_packaging():
    setuptools = PYPROJECT["tool"]["setuptools"]
    on_disk = {
        ".".join(path.parent.relative_to(REPO).parts)
        for path in (REPO / "digest").rglob("*.py")
        if "__pycache__" not in path.parts and "skeleton" not in path.parts
    }
    assert on_disk <= set(setuptools["packages"])
    assert setuptools["package-dir"]["digest.site_config"] == "site_config"


def test_the_packaged_defaults_are_the_repositorys_site_config_folder():
    assert defaults_folder().resolve() == (REPO / "site_config").resolve()


def test_a_project_setting_replaces_a_default_and_mappings_merge_key_by_key():
    defaults = {"theme": {"name": "material", "font": False}, "plugins": ["search", "tags"]}
    own = {"theme": {"font": {"text": "Inter"}}, "plugins": ["search"]}
    assert merged(defaults, own) == {
        "theme": {"name": "material", "font": {"text": "Inter"}},
        "plugins": ["search"],
    }


def test_init_writes_a_project_that_builds_strict(tmp_path, monkeypatch):
    project = tmp_path / "digest-project"
    assert (
        main(["init", str(project), "--install", "trade-talk-digest @ git+https://x.example/d"])
        == 0
    )
    assert (project / ".github" / "workflows" / "pages.yml").is_file()
    assert (project / ".gitignore").is_file()
    requirement = (project / "requirements.txt").read_text("utf-8").splitlines()[-1]
    assert requirement == "trade-talk-digest @ git+https://x.example/d"
    monkeypatch.chdir(project)
    assert main(["build", "--strict"]) == 0
    assert (project / "site" / "rounds" / "2025-05-geneva" / "index.html").is_file()
    assert (project / "site" / "about" / "index.html").is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "kept.txt").write_text("mine", "utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]


@pytest.mark.slow
def test_pip_install_then_init_then_build_outside_the_repository(tmp_path):
    """A fresh venv, `pip install .` (pinned by constraints.txt, from pip's cache when warm):
    about 30 s."""
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=_not_shipped)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "-c", str(REPO / "constraints.txt"), str(source)], check=True)
    digest = str(venv / "bin" / "digest")
    project = tmp_path / "x"
    subprocess.run([digest, "init", str(project)], check=True, cwd=tmp_path)
    subprocess.run([digest, "build"], check=True, cwd=project)
    site = project / "site"
    assert (site / "rounds" / "2025-05-geneva" / "index.html").is_file()
    assert (site / "assets" / "stylesheets" / "digest.css").is_file()
    assert "og:title" in (site / "index.html").read_text("utf-8")


def _not_shipped(folder: str, names: list[str]) -> set[str]:
    top = Path(folder).resolve() == REPO
    return {n for n in names if (top and n in NOT_SHIPPED) or n == "__pycache__"} | {
        n for n in names if n.endswith(".egg-info")
    }
