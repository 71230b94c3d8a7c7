"""A project's site settings: the defaults the package ships, with the project's mkdocs.yml
laid over them.

The defaults are the package data `digest.site_config` (the repository's `site_config/`
folder, which pyproject maps into the package): `mkdocs.yml`, the theme `overrides/` and the
`assets/`. So an installed `digest` builds a project that holds nothing but its content and a
few lines of mkdocs.yml (what `digest init` writes), and the repository keeps one copy of each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from digest.site import read_site_config

DEFAULTS_PACKAGE = "digest.site_config"
PROJECT_SITE_CONFIG = "site_config"
"""A project's own theme folder, next to its mkdocs.yml: its `assets/` replace the defaults'."""


@dataclass(frozen=True)
class ProjectSettings:
    """The settings MkDocs gets (folders still to fill in) and the assets copied into the site."""

    config: dict[str, Any]
    """The merged settings; `theme.custom_dir` absolute."""
    assets: Path
    """The folder of stylesheets and images (the project's, else the defaults')."""


def defaults_folder() -> Path:
    """The installed `site_config` folder (a real folder: pip installs the package unzipped,
    and MkDocs needs the theme overrides as files)."""
    return Path(str(files(DEFAULTS_PACKAGE)))


def project_settings(config_path: Path) -> ProjectSettings:
    """The defaults with `config_path`'s settings laid over them (see `merged`); relative
    `theme.custom_dir` resolved against the file that set it."""
    defaults_dir = defaults_folder()
    defaults = read_site_config(defaults_dir / "mkdocs.yml")
    own = read_site_config(config_path)
    config = merged(defaults, own)
    theme = dict(config.get("theme") or {})
    custom_dir = theme.get("custom_dir")
    if custom_dir:
        set_by = config_path.parent if "custom_dir" in (own.get("theme") or {}) else defaults_dir
        theme["custom_dir"] = str((set_by / custom_dir).resolve())
    config["theme"] = theme
    own_assets = config_path.parent / PROJECT_SITE_CONFIG / "assets"
    assets = own_assets if own_assets.is_dir() else defaults_dir / "assets"
    return ProjectSettings(config, assets)


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` laid over `base` as MkDocs' INHERIT does: mappings merged key by key
    (recursively), any other value (lists included) replaced."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result
