"""The generator's own configuration: the site's address, permalinks, time zone, language.

Jekyll's ``_config.yml`` (``url`` or ``production_url``, and ``baseurl``; ``permalink``,
``collections`` (the posts' permalink, the others' output and permalink), ``defaults``,
``collections_dir``, ``timezone``, ``lang`` or
a theme's ``locale``, ``excerpt_separator``, ``future``, ``unpublished``, ``show_drafts``),
Hugo's ``hugo.toml``/``hugo.yaml``/``hugo.json`` or ``config.*`` (``baseURL``,
``[permalinks]``, ``defaultContentLanguage``, ``defaultContentLanguageInSubdir``,
``[languages]``, ``timeZone``, ``uglyURLs``, ``disablePathToLower``, ``removePathAccents``,
``[frontmatter]``, ``buildDrafts``, ``buildFuture``, ``buildExpired``) and Zola's
``config.toml`` (``base_url``, ``default_language``, ``slugify.paths``). Only those keys are
read; anything else in the file is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.limits import read_settings_text
from convert.profiles.flags import flag, hugo_ugly

_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
_PAGE_KINDS = ("page", "section", "taxonomy", "term")


def _load(path: Path) -> Mapping[str, Any]:
    try:
        text = read_settings_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the site configuration: {exc}") from exc
    try:
        if path.suffix in (".yml", ".yaml"):
            import yaml

            data = yaml.safe_load(text)
        elif path.suffix == ".json":
            import json

            data = json.loads(text)
        else:
            data = _toml(text)
    except Exception as exc:
        raise ConfigError(
            f"{path}: cannot read the site configuration: {exc}"
            + (_toml_hint(exc) if path.suffix not in (".yml", ".yaml", ".json") else "")
        ) from exc
    return data if isinstance(data, Mapping) else {}


def _toml(text: str) -> Any:
    """TOML 1.1 where tomli (2.5 or later) is installed: Zola reads it, and sites write its
    inline tables over several lines; else the standard library's TOML 1.0. Front matter is
    read with the same parser."""
    from convert.loading.toml_front import toml_reader

    return toml_reader().loads(text)


def _toml_hint(error: Exception) -> str:
    """What to do about a file that is TOML 1.1 to the generator but not to tomllib."""
    from convert.loading.toml_front import toml_11_hint

    hint = toml_11_hint(error)
    return f" ({hint})" if hint else ""


def _folded(data: Mapping[str, Any]) -> dict[str, Any]:
    """Keys in lower case: Hugo reads ``baseURL``, ``baseurl`` and ``BaseURL`` alike."""
    return {str(k).lower(): v for k, v in data.items()}


def _text(data: Mapping[str, Any], where: Path, *keys: str) -> str | None:
    """The first of ``keys`` set to a non-empty string; a value of another kind is an error,
    not a key quietly skipped (Hugo and Jekyll refuse them too, or misread them)."""
    written = {str(k).lower(): str(k) for k in data}  # the key as the file spells it
    lowered = _folded(data)
    for key in keys:
        value = lowered.get(key.lower())
        if value is None:
            continue
        if not isinstance(value, str):
            name = written[key.lower()]
            raise ConfigError(f"{where}: {name} must be a string, not {value!r}")
        if value.strip():
            return value.strip()
    return None


def _flag(value: Any, key: str, where: Path, *, loose: bool) -> bool:
    """The yes/no setting ``key`` read as the generator reads it (``loose``: Hugo's weak cast,
    which takes ``"1"`` and ``0``; else a boolean only, as Zola's); anything else is an error."""
    found = flag(value, loose=loose)
    if found is None:
        raise ConfigError(f"{where}: {key} must be true or false, not {value!r}")
    return found


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def posix_language(value: str | None) -> str | None:
    """The language of a Jekyll theme's ``locale``, the site's or a page's (Minimal Mistakes
    writes ``en-US``; sites write ``en_US`` and ``ko_KR.utf8`` too): the tag before a POSIX
    locale's codeset (``.utf8``) or modifier (``@euro``); ``None`` when that names no
    language (``C``)."""
    if value is None:
        return None
    tag = re.split(r"[.@]", value, maxsplit=1)[0]
    return tag if _LANGUAGE_TAG.fullmatch(tag) else None


def _address(value: str | None, prefix: str | None = None) -> str | None:
    """An absolute site address, or ``None`` for one without a host (Hugo's ``baseURL = "/"``),
    from which no absolute link can be made."""
    if value is None:
        return None
    base = value if "://" in value else "https://" + value.lstrip("/")
    if not base.split("://", 1)[1].strip("/"):
        return None
    return base.rstrip("/") + ("/" + prefix.strip("/") if prefix and prefix.strip("/") else "")


def _hugo_files(folder: Path) -> dict[str, Any]:
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
                _merge(merged, _hugo_files(folder / environment))
        return merged
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir():
            _merge(merged, _hugo_files(entry))
            continue
        if entry.suffix not in _SUFFIXES or not entry.is_file():
            continue
        data: Any = dict(_load(entry))
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


def _permalinks(value: Any, where: Path) -> dict[str, str]:
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


def _check_zone(name: str, where: Path) -> None:
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
    languages = _folded(data).get("languages")
    if languages is None:
        return {}
    if not isinstance(languages, Mapping):
        raise ConfigError(f"{where}: languages must be a table of language = settings")
    result: dict[str, dict[str, Any]] = {}
    for code, settings in languages.items():
        if not isinstance(settings, Mapping):
            continue
        own: dict[str, Any] = {}
        base = _address(_text(settings, where, "baseURL"))
        if base is not None:
            own["base_url"] = base
        permalinks = _folded(settings).get("permalinks")
        if permalinks is not None:
            own["section_permalinks"] = _permalinks(permalinks, where)
        folder = _text(settings, where, "contentDir")
        if folder is not None:
            own["content_dir"] = folder.strip("/")
        tag = _text(settings, where, "locale", "languageCode")
        if tag is not None:
            own["language_code"] = tag
        zone = _text(settings, where, "timeZone")
        if zone is not None:
            _check_zone(zone, where)
            own["timezone"] = zone
        result[str(code).lower()] = own
    return result


def _content_mounts(folded: Mapping[str, Any], where: Path) -> tuple[tuple[str, str, str], ...]:
    """Hugo's folders of content other than ``content/``: ``module.mounts`` whose target is
    ``content`` (or a folder below it), each with its ``lang`` where it sets one, and the
    site's own ``contentDir``. ``(source, target, lang)``, folders without end slashes."""
    found: list[tuple[str, str, str]] = []
    module = folded.get("module")
    mounts = _folded(module).get("mounts") if isinstance(module, Mapping) else None
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, Mapping):
            continue
        source = _text(mount, where, "source")
        target = _text(mount, where, "target")
        if source is None or target is None:
            continue
        target = target.strip("/")
        if target == "content" or target.startswith("content/"):
            language = _text(mount, where, "lang") or ""
            found.append((source.strip("/"), target, language.lower()))
    folder = _text(folded, where, "contentDir")
    if folder is not None and folder.strip("/") != "content":
        found.append((folder.strip("/"), "content", ""))
    return tuple(found)


_HUGO_DATE_KEYS = ("date", "publishDate", "pubdate", "published", "lastmod", "modified")
"""Hugo's ``:default`` in a ``[frontmatter] date`` list: the keys it reads when none is set."""
HUGO_PUBLISH_KEYS = ("publishDate", "pubdate", "published", "date")
"""Hugo's ``:default`` in a ``[frontmatter] publishDate`` list (``date``: the page's date)."""
HUGO_EXPIRY_KEYS = ("expiryDate", "unpublishdate")
"""Hugo's ``:default`` in a ``[frontmatter] expiryDate`` list."""
_JEKYLL_BUILDS = (("show_drafts", "drafts"), ("future", "future"), ("unpublished", "unpublished"))
"""Jekyll's settings that publish posts it otherwise skips, and what they publish."""
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


def _jekyll_permalinks(data: Mapping[str, Any], where: Path, found: dict[str, Any]) -> None:
    """The posts' permalink: ``collections.posts.permalink`` over the site's ``permalink``
    (Jekyll fills the first from the second only where it is unset), and the ``defaults``
    sets that can apply to posts, each post's own values found when it is mapped."""
    collections = data.get("collections")
    posts = collections.get("posts") if isinstance(collections, Mapping) else None
    own = _text(posts, where, "permalink") if isinstance(posts, Mapping) else None
    permalink = own or _text(data, where, "permalink")
    if permalink is not None:
        found["permalink"] = permalink
    from convert.profiles.defaults import post_defaults

    try:
        sets = post_defaults(data.get("defaults"))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    if sets:
        found["defaults"] = sets
    folder = _text(data, where, "collections_dir")
    if folder is not None:
        found["collections_dir"] = folder
    others = _jekyll_collections(collections, _text(data, where, "permalink") or "date", where)
    if others:
        found["collections"] = others
        try:
            own_sets = {label: post_defaults(data.get("defaults"), (label,)) for label in others}
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from exc
        found["collection_defaults"] = {label: sets for label, sets in own_sets.items() if sets}


def _ruby_true(value: Any) -> bool:
    """Ruby's truth: anything but nil and false, ``0`` and ``""`` too (``0 == False`` in
    Python, so not a membership test)."""
    return value is not None and value is not False


def _jekyll_collections(collections: Any, style: str, where: Path) -> dict[str, tuple[bool, str]]:
    """The site's collections other than posts: label -> (whether Jekyll writes their pages,
    the permalink their documents get). A collection's own ``permalink`` is taken as written;
    without one it is ``/:collection/:path`` with the ending of the site's style (``/`` for
    ``pretty`` or a pattern ending in one, ``:output_ext`` for ``date``, ``ordinal``, ``none``
    or a pattern ending in it). A list of names (``collections: [news]``) sets no output."""
    if isinstance(collections, list):
        collections = {str(name): {} for name in collections}
    if not isinstance(collections, Mapping):
        return {}
    ending = (
        "/"
        if style == "pretty" or style.endswith("/")
        else ":output_ext"
        if style in ("date", "ordinal", "none") or style.endswith(":output_ext")
        else ""
    )
    found: dict[str, tuple[bool, str]] = {}
    for label, settings in collections.items():
        if str(label) == "posts":
            continue
        settings = settings if isinstance(settings, Mapping) else {}
        output = _ruby_true(settings.get("output"))  # output: 0 writes the pages
        own = _text(settings, where, "permalink")
        found[str(label)] = (output, own or "/:collection/:path" + ending)
    return found


def read_site_config(path: Path, generator: str | None = None) -> dict[str, Any]:
    """Profile options from a site's configuration file; keys it does not set are absent,
    and ``site_root`` is the file's folder.

    ``generator`` is the profile's name (``jekyll``, ``hugo``, ``zola``); without it a file
    named ``_config*`` is taken as Jekyll's. ``path`` may be Hugo's configuration folder
    (``config/`` or ``config/_default/``). A base URL without a scheme (``example.github.io``)
    is taken as https; one without a host (``/``) gives no site address.

    Raises:
        ConfigError: the file cannot be read or parsed, a key read has a value of the wrong
            kind, or Hugo's ``timeZone`` names no time zone.
    """
    data = _hugo_files(path) if path.is_dir() else dict(_load(path))
    jekyll = generator == "jekyll" or (generator is None and path.name.startswith("_config"))
    found: dict[str, Any] = {"site_root": str(path if path.is_dir() else path.parent)}
    if jekyll:
        # Jekyll-Bootstrap sites name their address production_url.
        base = _address(_text(data, path, "url", "production_url"), _text(data, path, "baseurl"))
    else:
        base = _address(_text(data, path, "baseURL", "base_url"))
    if base is not None:
        found["base_url"] = base
    folded = _folded(data)
    if not jekyll and folded.get("permalinks") is not None:
        found["section_permalinks"] = _permalinks(folded["permalinks"], path)
    elif jekyll:
        _jekyll_permalinks(data, path, found)
        # Ruby's truth, as Jekyll tests them: anything but nil and false (future: 0 too)
        builds = {what for key, what in _JEKYLL_BUILDS if _ruby_true(data.get(key))}
        if builds:
            found["builds"] = frozenset(builds)
    for option, keys in (
        ("timezone", ("timezone",)),
        ("default_language", ("defaultContentLanguage", "default_language", "lang")),
        ("excerpt_separator", ("excerpt_separator",)),
    ):
        value = _text(data, path, *keys)
        if value is not None:
            # Hugo lower-cases a language's code (its page's own too); Jekyll and Zola keep
            # it as written, as a page's own locale is kept.
            lower = option == "default_language" and not jekyll and generator != "zola"
            found[option] = value.lower() if lower else value
    if jekyll and "default_language" not in found:
        language = posix_language(_text(data, path, "locale"))
        if language is not None:
            found["default_language"] = language
    if "timezone" in found and not jekyll:
        _check_zone(found["timezone"], path)  # Hugo stops on a bad one; Jekyll takes UTC
    if not jekyll:
        _read_hugo_zola(data, path, found, generator)
    if generator == "zola":
        found["taxonomies"] = _zola_taxonomies(data, path)
    return found


def _zola_taxonomies(data: Mapping[str, Any], where: Path) -> dict[str, tuple[str, ...]]:
    """The names of Zola's taxonomies, the default language's under ``""`` and each other
    language's (``[languages.fr] taxonomies``, none where it lists none) under its code."""

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
    return found


def _hugo_schedule(folded: Mapping[str, Any], path: Path, found: dict[str, Any]) -> None:
    """Hugo's ``[frontmatter] publishDate`` and ``expiryDate`` lists, and ``buildDrafts``,
    ``buildFuture`` and ``buildExpired``, each cast as Hugo casts it (it stops on ``"yes"``)."""
    matter = folded.get("frontmatter")
    lists = _folded(matter) if isinstance(matter, Mapping) else {}
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
        if setting.lower() in folded and _flag(folded[setting.lower()], setting, path, loose=True)
    }
    if builds:
        found["builds"] = frozenset(builds)


def _read_hugo_zola(
    data: Mapping[str, Any], path: Path, found: dict[str, Any], generator: str | None = None
) -> None:
    """The settings only Hugo (or Zola) has, where the file sets them."""
    folded = _folded(data)
    languages = _hugo_languages(data, path)
    if languages:
        found["languages"] = languages
    mounts = _content_mounts(folded, path)
    if mounts:
        found["content_mounts"] = mounts
    if "defaultcontentlanguageinsubdir" in folded:
        in_subdir = folded["defaultcontentlanguageinsubdir"]
        found["language_in_subdir"] = _flag(
            in_subdir, "defaultContentLanguageInSubdir", path, loose=True
        )
    if "disablepathtolower" in folded:
        lower = folded["disablepathtolower"]
        found["path_lower"] = not _flag(lower, "disablePathToLower", path, loose=True)
    if "removepathaccents" in folded:
        accents = folded["removepathaccents"]
        found["path_accents"] = not _flag(accents, "removePathAccents", path, loose=True)
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
    dates = _folded(matter).get("date") if isinstance(matter, Mapping) else None
    if isinstance(dates, list) and ":filename" in dates:
        found["filename_dates"] = "first" if dates[0] == ":filename" else "after"
    keys = _date_keys(dates)
    if keys:
        found["date_keys"] = keys
    if generator != "zola":
        _hugo_schedule(folded, path, found)
    slugify = folded.get("slugify")
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
        found["keep_dates"] = _flag(keep, "slugify.paths_keep_dates", path, loose=False)
