"""Profile settings: ``profile``, ``permalink``, ``site-config`` and ``[fields]`` in the
configuration, and the options a run passes to its profile.

``[tool.artconv.fields]`` maps an article field to the user's keys, first present wins:
``publishedDateTime = ["pubDate", "date"]``. ``site-config`` names the generator's own
configuration (``_config.yml``, ``hugo.toml``, ``config.toml``), read for the site's address,
permalinks, time zone and default language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert.errors import ConfigError

if TYPE_CHECKING:
    from convert.profiles.base import ProfileOptions

KEYS = ("profile", "permalink", "site-config", "fields")
"""The settings this module reads from an ``artconv`` table."""


def profile_settings(table: Mapping[str, Any], where: str, folder: Path) -> dict[str, Any]:
    """The ``Settings`` values of the profile keys in ``table``.

    Raises:
        ConfigError: a value of the wrong kind, naming the key.
    """
    values: dict[str, Any] = {}
    for key in ("profile", "permalink", "site-config"):
        if key in table:
            if not isinstance(table[key], str) or not table[key].strip():
                raise ConfigError(f"{where} {key} must be a non-empty string")
            values[key.replace("-", "_")] = table[key].strip()
    if "site_config" in values:
        values["site_config"] = str(folder / values["site_config"])
    if "fields" in table:
        fields = table["fields"]
        if not isinstance(fields, Mapping):
            raise ConfigError(f"{where} fields must be a table of field = [keys]")
        parsed: dict[str, tuple[str, ...]] = {}
        for target, keys in fields.items():
            keys = [keys] if isinstance(keys, str) else keys
            if (
                not isinstance(keys, list)
                or not keys
                or not all(isinstance(k, str) and k for k in keys)
            ):
                raise ConfigError(
                    f"{where} fields.{target} must be a key or a list of keys, "
                    'e.g. ["pubDate", "date"]'
                )
            parsed[target] = tuple(keys)
        values["fields"] = parsed
    return values


def profile_options(
    settings: Any,
    *,
    profile: str | None = None,
    base_url: str | None = None,
    permalink: str | None = None,
) -> ProfileOptions | None:
    """The options for a run's profile: command line over configuration over the site's own
    configuration; ``None`` when records are taken as written.

    Raises:
        ConfigError: the site configuration cannot be read.
    """
    name = profile or getattr(settings, "profile", None) or "article"
    fields = getattr(settings, "fields", None) or {}
    if name == "article" and not fields:
        return None
    site: dict[str, Any] = {}
    site_config = getattr(settings, "site_config", None)
    if site_config:
        from convert.profiles.site import read_site_config

        site = read_site_config(Path(site_config), name)
    # Imported here: a run that takes records as written (the default) never loads profiles.
    from convert.profiles.base import ProfileOptions

    feed = getattr(settings, "feed", None) or {}
    own_permalink = permalink or getattr(settings, "permalink", None)
    return ProfileOptions(
        name=name,
        base_url=base_url or feed.get("base-url") or site.get("base_url"),
        permalink=own_permalink or site.get("permalink"),
        # A permalink the user gives wins over every pattern the site's configuration gives.
        defaults=_without_permalinks(site.get("defaults", ()))
        if own_permalink
        else site.get("defaults", ()),
        collections_dir=site.get("collections_dir", ""),
        # --permalink is the posts'; the other collections keep the site's patterns.
        collections=site.get("collections", {}),
        collection_defaults=site.get("collection_defaults", {}),
        section_permalinks=site.get("section_permalinks", {}),
        timezone=site.get("timezone"),
        default_language=site.get("default_language"),
        excerpt_separator=site.get("excerpt_separator"),
        site_root=site.get("site_root"),
        languages=site.get("languages", {}),
        content_mounts=site.get("content_mounts", ()),
        language_in_subdir=site.get("language_in_subdir", False),
        path_lower=site.get("path_lower", True),
        path_accents=site.get("path_accents", True),
        ugly_urls=site.get("ugly_urls", False),
        slugify_paths=site.get("slugify_paths", "on"),
        keep_dates=site.get("keep_dates", False),
        ignored_content=site.get("ignored_content", ()),
        ignore_files=site.get("ignore_files", ()),
        allow_content=site.get("allow_content"),
        site_exclude=site.get("site_exclude", ()),
        taxonomies=site.get("taxonomies"),
        filename_dates=site.get("filename_dates"),
        date_keys=site.get("date_keys", ()),
        publish_keys=site.get("publish_keys", ()),
        expiry_keys=site.get("expiry_keys", ()),
        # One instant for the whole run, as the generator builds a site at one time.
        build_time=_now(),
        builds=site.get("builds", frozenset()),
        fields=dict(fields),
    )


def _now() -> str:
    """The clock's time as RFC 3339, the instant a run takes its site to be built at."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _without_permalinks(sets: Any) -> tuple[tuple[str, bool, Mapping[str, Any]], ...]:
    """Jekyll's ``defaults`` sets less their ``permalink``s, which a permalink the user gives
    replaces (their other values still apply)."""
    return tuple(
        (path, typed, {k: v for k, v in values.items() if k != "permalink"})
        for path, typed, values in sets
    )
