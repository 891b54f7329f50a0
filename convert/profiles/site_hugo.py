"""What a Hugo site's configuration says beyond the settings all generators share: its
files (``hugo.*`` or ``config.*``, or a configuration folder of them), ``[permalinks]``,
``[languages]`` (the top-level ``locale`` or ``languageCode`` being the default language's),
content mounts, ``defaultContentLanguageInSubdir``, ``uglyURLs``,
``disablePathToLower``, ``removePathAccents``, ``[frontmatter]`` date lists,
``buildDrafts``, ``buildFuture`` and ``buildExpired``, and ``security.allowContent``. A
Zola site's file is read for the same keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.profiles.flags import flag, hugo_ugly
from convert.profiles.site_files import (
    flag_setting,
    load_config,
    lower_keys,
    site_address,
    text_setting,
)

_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
_PAGE_KINDS = ("page", "section", "taxonomy", "term")


def hugo_files(folder: Path) -> dict[str, Any]:
    """Hugo's configuration folder: ``hugo.*`` or ``config.*``, and a file per root key
    (``languages.toml``, ``permalinks.yaml``; ``params.fr.toml`` and ``config.fr.toml`` are
    ``languages.fr``'s). Named as a whole (``config/``), its ``_default`` is read with
    ``production`` over it, as ``hugo`` builds. Each file is merged into what came before
    table by table, as Hugo merges them (a later table adds keys to an earlier one of the
    same name instead of replacing it), folder by folder in name order."""
    merged: dict[str, Any] = {}
    if (folder / "_default").is_dir():
        for environment in ("_default", "production"):
            if (folder / environment).is_dir():
                _merge(merged, hugo_files(folder / environment))
        return merged
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir():
            _merge(merged, hugo_files(entry))
            continue
        if entry.suffix not in _SUFFIXES or not entry.is_file():
            continue
        data: Any = dict(load_config(entry))
        name, dot, language = entry.stem.rpartition(".")
        if not dot:
            name, language = language, ""
        if language:  # params.fr.toml, menus.fr.toml, config.fr.toml: a language's
            inner = {name.lower(): data} if name.lower() in ("params", "menus", "menu") else data
            data = {"languages": {language: inner}}
        elif name not in ("config", "hugo"):
            data = {name: data}
        _merge(merged, data)
    return merged


def with_config_folder(data: Mapping[str, Any], folder: Path) -> dict[str, Any]:
    """A root file's settings (``hugo.toml``) with the site's configuration ``folder``
    (``config/``) merged over them: hugo reads both, the folder's last, with ``--config`` too
    (hugo 0.168 took ``config/_default``'s ``baseURL`` and ``hugo.toml``'s other keys)."""
    merged: dict[str, Any] = _plain(data)
    _merge(merged, hugo_files(folder))
    return merged


def _merge(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    """``other`` merged into ``into`` as Hugo merges configuration files: a table into the
    table of the same name (keys matched whatever their letter case, as Hugo reads them),
    any other value over the earlier one."""
    names = {str(k).lower(): k for k in into}
    for key, value in other.items():
        own = names.get(str(key).lower())
        if own is not None and isinstance(into[own], dict) and isinstance(value, Mapping):
            _merge(into[own], value)
            continue
        if own is not None:
            del into[own]
        into[key] = _plain(value)
        names[str(key).lower()] = key


def _plain(value: Any) -> Any:
    """A copy of ``value`` whose tables are dicts, so that a later file can merge into them."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def hugo_permalinks(value: Any, where: Path) -> dict[str, str]:
    """Page patterns by section: Hugo's flat ``[permalinks]`` table, or its ``[permalinks.page]``
    table (the other kinds, sections, taxonomies and terms, are not pages)."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: permalinks must be a table of section = pattern")
    kinds = {str(k).lower(): v for k, v in value.items() if str(k).lower() in _PAGE_KINDS}
    # A key is a section, "/" (or "") the pages at the content's root, as Hugo reads it.
    found = {str(k).strip(" /"): v for k, v in value.items() if isinstance(v, str)}
    page = kinds.get("page")
    if isinstance(page, Mapping):
        found.update({str(k).strip(" /"): v for k, v in page.items() if isinstance(v, str)})
    for key, pattern in value.items():
        if not isinstance(pattern, str) and not (
            str(key).lower() in _PAGE_KINDS and isinstance(pattern, Mapping)
        ):
            raise ConfigError(f"{where}: permalinks.{key} must be a pattern, not {pattern!r}")
    return found


def check_zone(name: str, where: Path) -> None:
    """Hugo stops on a ``timeZone`` that names no time zone; so does the profile."""
    from convert.profiles.dates import zone_named

    if zone_named(name) is None:
        raise ConfigError(
            f"{where}: timeZone {name!r} is no time zone Hugo knows (e.g. Europe/Oslo)"
        )


def _hugo_languages(data: Mapping[str, Any], where: Path) -> dict[str, dict[str, Any]]:
    """Per-language settings of Hugo's ``[languages]``: a language's own ``baseURL`` (a site of
    its own, without the ``/LANG/`` prefix), ``permalinks``, ``timeZone``, ``contentDir`` and
    language tag (``locale``, before Hugo 0.158 ``languageCode``)."""
    languages = lower_keys(data).get("languages")
    if languages is None:
        return {}
    if not isinstance(languages, Mapping):
        raise ConfigError(f"{where}: languages must be a table of language = settings")
    result: dict[str, dict[str, Any]] = {}
    for code, settings in languages.items():
        if not isinstance(settings, Mapping):
            continue
        own: dict[str, Any] = {}
        base = site_address(text_setting(settings, where, "baseURL"))
        if base is not None:
            own["base_url"] = base
        permalinks = lower_keys(settings).get("permalinks")
        if permalinks is not None:
            own["section_permalinks"] = hugo_permalinks(permalinks, where)
        folder = text_setting(settings, where, "contentDir")
        if folder is not None:
            own["content_dir"] = folder.strip("/")
        tag = text_setting(settings, where, "locale", "languageCode")
        if tag is not None:
            own["language_code"] = tag
        zone = text_setting(settings, where, "timeZone")
        if zone is not None:
            check_zone(zone, where)
            own["timezone"] = zone
        result[str(code).lower()] = own
    return result


def _content_mounts(folded: Mapping[str, Any], where: Path) -> tuple[tuple[str, str, str], ...]:
    """Hugo's folders of content other than ``content/``: ``module.mounts`` whose target is
    ``content`` (or a folder below it), each with its ``lang`` where it sets one, and the
    site's own ``contentDir``. ``(source, target, lang)``, folders without end slashes."""
    found: list[tuple[str, str, str]] = []
    module = folded.get("module")
    mounts = lower_keys(module).get("mounts") if isinstance(module, Mapping) else None
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, Mapping):
            continue
        source = text_setting(mount, where, "source")
        target = text_setting(mount, where, "target")
        if source is None or target is None:
            continue
        target = target.strip("/")
        if target == "content" or target.startswith("content/"):
            language = text_setting(mount, where, "lang") or ""
            found.append((source.strip("/"), target, language.lower()))
    folder = text_setting(folded, where, "contentDir")
    if folder is not None and folder.strip("/") != "content":
        found.append((folder.strip("/"), "content", ""))
    return tuple(found)


_HUGO_DATE_KEYS = ("date", "publishDate", "pubdate", "published", "lastmod", "modified")
"""Hugo's ``:default`` in a ``[frontmatter] date`` list: the keys it reads when none is set."""
HUGO_PUBLISH_KEYS = ("publishDate", "pubdate", "published", "date")
"""Hugo's ``:default`` in a ``[frontmatter] publishDate`` list (``date``: the page's date)."""
HUGO_EXPIRY_KEYS = ("expiryDate", "unpublishdate")
"""Hugo's ``:default`` in a ``[frontmatter] expiryDate`` list."""

_HUGO_BUILDS = (("buildDrafts", "drafts"), ("buildFuture", "future"), ("buildExpired", "expired"))
"""Hugo's settings that publish pages it otherwise leaves out, and what they publish."""


def _date_keys(dates: Any, default: tuple[str, ...] = _HUGO_DATE_KEYS) -> tuple[str, ...]:
    """The front-matter keys of one of Hugo's ``[frontmatter]`` date lists in its order,
    ``:default`` spelt out as ``default``; the other special entries (``:filename``, ``:git``,
    ``:fileModTime``) name no key. Empty where the site keeps Hugo's own order."""
    if not isinstance(dates, list):
        return ()
    keys: list[str] = []
    for entry in dates:
        if not isinstance(entry, str):
            continue
        for key in default if entry.lower() == ":default" else (entry,):
            if not key.startswith(":") and key.lower() not in (k.lower() for k in keys):
                keys.append(key)
    return tuple(keys)


def _hugo_schedule(folded: Mapping[str, Any], path: Path, found: dict[str, Any]) -> None:
    """Hugo's ``[frontmatter] publishDate`` and ``expiryDate`` lists, and ``buildDrafts``,
    ``buildFuture`` and ``buildExpired``, each cast as Hugo casts it (it stops on ``"yes"``)."""
    matter = folded.get("frontmatter")
    lists = lower_keys(matter) if isinstance(matter, Mapping) else {}
    for option, key, default in (
        ("publish_keys", "publishdate", HUGO_PUBLISH_KEYS),
        ("expiry_keys", "expirydate", HUGO_EXPIRY_KEYS),
    ):
        keys = _date_keys(lists.get(key), default)
        if keys:
            found[option] = keys
    builds = {
        what
        for setting, what in _HUGO_BUILDS
        if setting.lower() in folded
        and flag_setting(folded[setting.lower()], setting, path, loose=True)
    }
    if builds:
        found["builds"] = frozenset(builds)


def _ignore_files(value: Any, where: Path) -> tuple[str, ...]:
    """Hugo's ``ignoreFiles``: regular expressions (Go's, which Python's reads alike for the
    forms sites write); Hugo stops on one that does not compile, and so does the profile."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: ignoreFiles must be a list of regular expressions")
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ConfigError(
                f'{where}: ignoreFiles pattern "{pattern}" is no regular expression: {error}'
            ) from None
    return tuple(value)


def _allow_content(value: Any, where: Path) -> tuple[str, ...]:
    """Hugo's ``security.allowContent``: a regular expression or a list of them, each a
    media type the site builds pages of, or refuses with ``! `` before it (``none``: no
    format); Hugo stops on one that does not compile, and so does the profile."""
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}: security.allowContent must be a list of regular expressions")
    for pattern in patterns:
        try:
            re.compile(pattern.removeprefix("! "))
        except re.error as error:
            raise ConfigError(
                f'{where}: security.allowContent pattern "{pattern}" is no regular '
                f"expression: {error}"
            ) from None
    return tuple(patterns)


def read_hugo(
    data: Mapping[str, Any], path: Path, found: dict[str, Any], generator: str | None = None
) -> None:
    """The settings only Hugo (or Zola) has, where the file sets them; the schedule's only
    for Hugo."""
    folded = lower_keys(data)
    languages = _hugo_languages(data, path)
    tag = text_setting(data, path, "locale", "languageCode") if generator != "zola" else None
    if tag is not None:
        # The site's locale is its default language's, unless that language's own table
        # sets one (hugo 0.168 wrote <language>en-gb</language> for languageCode = "en-us"
        # beside [languages.en] languageCode = "en-gb", and "fr" for [languages.fr]).
        default = str(found.get("default_language") or "en").lower()
        languages.setdefault(default, {}).setdefault("language_code", tag)
    if languages:
        found["languages"] = languages
    mounts = _content_mounts(folded, path)
    if mounts:
        found["content_mounts"] = mounts
    if generator != "zola" and "ignorefiles" in folded:
        found["ignore_files"] = _ignore_files(folded["ignorefiles"], path)
    security = folded.get("security")
    allow = lower_keys(security).get("allowcontent") if isinstance(security, Mapping) else None
    if generator != "zola" and allow is not None:
        found["allow_content"] = _allow_content(allow, path)
    if "defaultcontentlanguageinsubdir" in folded:
        in_subdir = folded["defaultcontentlanguageinsubdir"]
        found["language_in_subdir"] = flag_setting(
            in_subdir, "defaultContentLanguageInSubdir", path, loose=True
        )
    if "disablepathtolower" in folded:
        lower = folded["disablepathtolower"]
        found["path_lower"] = not flag_setting(lower, "disablePathToLower", path, loose=True)
    if "removepathaccents" in folded:
        accents = folded["removepathaccents"]
        found["path_accents"] = not flag_setting(accents, "removePathAccents", path, loose=True)
    ugly = folded.get("uglyurls")
    if isinstance(ugly, Mapping):  # per section: [uglyURLs] posts = true, each cast as Hugo does
        flags = {str(k): flag(v, loose=True) for k, v in ugly.items()}
        found["ugly_urls"] = {k: v for k, v in flags.items() if v is not None}
    elif ugly is not None:
        whole = hugo_ugly(ugly)
        if whole is None:
            raise ConfigError(f"{path}: uglyURLs must be true, false or a table, not {ugly!r}")
        found["ugly_urls"] = whole
    matter = folded.get("frontmatter")
    dates = lower_keys(matter).get("date") if isinstance(matter, Mapping) else None
    if isinstance(dates, list) and ":filename" in dates:
        found["filename_dates"] = "first" if dates[0] == ":filename" else "after"
    keys = _date_keys(dates)
    if keys:
        found["date_keys"] = keys
    if generator != "zola":
        _hugo_schedule(folded, path, found)
