"""What a Zola site's ``config.toml`` says beyond the settings all generators share: its
taxonomies per language, ``slugify.paths`` and ``slugify.paths_keep_dates``, and
``ignored_content``. A Hugo site's file is read for the last three too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.profiles.site_files import flag_setting, lower_keys


def read_zola_paths(data: Mapping[str, Any], path: Path, found: dict[str, Any]) -> None:
    """How the site slugifies a page's path, and the files it builds no page from, where
    the file sets them."""
    slugify = lower_keys(data).get("slugify")
    if isinstance(slugify, Mapping) and slugify.get("paths") is not None:
        paths = slugify["paths"]
        if paths not in ("on", "safe", "off"):
            raise ConfigError(f'{path}: slugify.paths must be "on", "safe" or "off"')
        found["slugify_paths"] = paths
    ignored = data.get("ignored_content")  # Zola's; Hugo names its own ignoreFiles
    if ignored is not None:
        if not isinstance(ignored, list) or not all(isinstance(g, str) for g in ignored):
            raise ConfigError(f"{path}: ignored_content must be a list of glob patterns")
        found["ignored_content"] = tuple(ignored)
    if isinstance(slugify, Mapping) and "paths_keep_dates" in slugify:
        keep = slugify["paths_keep_dates"]
        found["keep_dates"] = flag_setting(keep, "slugify.paths_keep_dates", path, loose=False)


def zola_taxonomies(data: Mapping[str, Any], where: Path) -> dict[str, tuple[str, ...]]:
    """The names of Zola's taxonomies, the default language's under ``""`` (the top-level
    list, else that of its own ``[languages.xx]`` table) and each other language's
    (``[languages.fr] taxonomies``, none where it lists none) under its code.

    Raises:
        ConfigError: a list is not one of ``{name = ...}`` tables, or the default language's
            taxonomies are given both at the top and in its own table, as Zola stops then.
    """

    def names(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        listed = table.get("taxonomies", [])
        if not isinstance(listed, list) or not all(
            isinstance(t, Mapping) and isinstance(t.get("name"), str) for t in listed
        ):
            raise ConfigError(f"{where}: {key} must be a list of {{name = ...}} tables")
        return tuple(t["name"] for t in listed)

    found = {"": names(data, "taxonomies")}
    languages = data.get("languages")
    if isinstance(languages, Mapping):
        for code, settings in languages.items():
            if isinstance(settings, Mapping):
                found[str(code).lower()] = names(settings, f"languages.{code}.taxonomies")
    # The default language's own table is merged into the site's settings: its taxonomies
    # are the default language's, and Zola stops where both places list some.
    default = str(data.get("default_language", "en")).lower()
    own = found.pop(default, ())
    if own and found[""]:
        raise ConfigError(
            f"{where}: taxonomies for the default language are given twice, at the top and "
            f"in [languages.{default}] (Zola stops on it); keep one"
        )
    found[""] = found[""] or own
    return found
