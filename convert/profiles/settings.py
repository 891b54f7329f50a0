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
        for target, value in fields.items():
            keys = field_keys(value)
            if keys is None:
                raise ConfigError(
                    f"{where} fields.{target} must be a key or a list of keys, "
                    'e.g. ["pubDate", "date"]'
                )
            parsed[target] = keys
        values["fields"] = parsed
    return values


def field_keys(value: object) -> tuple[str, ...] | None:
    """The front-matter keys a ``[fields]`` entry reads a field from (one key, or a list of
    them in the order tried); ``None`` when it names none."""
    keys = [value] if isinstance(value, str) else value
    if not isinstance(keys, list) or not keys:
        return None
    if not all(isinstance(key, str) and key for key in keys):
        return None
    return tuple(keys)


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
    own = ProfileOptions(
        name=name,
        base_url=base_url or feed.get("base-url") or None,
        permalink=permalink or getattr(settings, "permalink", None) or None,
        # One instant for the whole run, as the generator builds a site at one time.
        build_time=_now(),
        fields=dict(fields),
    )
    return with_site(own, site)


def with_site(options: ProfileOptions, site: Mapping[str, Any]) -> ProfileOptions:
    """``options`` over the site's configuration (as
    :func:`convert.profiles.site.read_site_config` reads it): a setting the options give
    (``--base-url``, ``--permalink``, the run's own configuration) wins, and the site's
    fill the rest, whether the site's file was named or a walk found it. A permalink of the
    options' own is the posts', so it replaces the patterns of the site's ``defaults`` too
    (their other values still apply); the site's other collections keep their patterns.
    """
    from dataclasses import replace

    blank = type(options)()  # every option as the profile takes it when nothing sets it
    changes = {
        key: value for key, value in site.items() if getattr(options, key) == getattr(blank, key)
    }
    if options.permalink is not None and "defaults" in changes:
        changes["defaults"] = _without_permalinks(changes["defaults"])
    return replace(options, **changes) if changes else options


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
