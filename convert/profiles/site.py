"""The generator's own configuration: the site's address, permalinks, time zone, language.

Jekyll's ``_config.yml`` (``url`` or ``production_url``, and ``baseurl``; ``permalink``,
``collections`` (the posts' permalink, the others' output and permalink), ``defaults``,
``collections_dir``, ``timezone``, ``lang`` or
a theme's ``locale``, ``excerpt_separator``, ``future``, ``unpublished``, ``show_drafts``),
Hugo's ``hugo.toml``/``hugo.yaml``/``hugo.json`` or ``config.*`` (``baseURL``,
``[permalinks]``, ``defaultContentLanguage``, ``defaultContentLanguageInSubdir``,
``[languages]``, ``timeZone``, ``uglyURLs``, ``disablePathToLower``, ``removePathAccents``,
``[frontmatter]``, ``ignoreFiles``, ``buildDrafts``, ``buildFuture``, ``buildExpired``) and Zola's
``config.toml`` (``base_url``, ``default_language``, ``slugify.paths``). Only those keys are
read; anything else in the file is left alone. Each generator's own keys are read in
``site_jekyll``, ``site_hugo`` and ``site_zola``; the file itself in ``site_files``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.profiles.site_files import load_config, lower_keys, site_address, text_setting
from convert.profiles.site_hugo import (
    check_zone,
    hugo_files,
    hugo_permalinks,
    read_hugo,
    with_config_folder,
)
from convert.profiles.site_jekyll import jekyll_address, posix_language, read_jekyll
from convert.profiles.site_zola import read_zola_paths, zola_taxonomies


def read_site_config(path: Path, generator: str | None = None) -> dict[str, Any]:
    """Profile options from a site's configuration file; keys it does not set are absent,
    and ``site_root`` is the file's folder.

    ``generator`` is the profile's name (``jekyll``, ``hugo``, ``zola``); without it a file
    named ``_config*`` is taken as Jekyll's. ``path`` may be Hugo's configuration folder
    (``config/`` or ``config/_default/``), or the site's folder, where the generator's file
    is looked for (see :func:`config_file`); a Hugo root file is read with the ``config/``
    folder beside it merged over it, as hugo reads them. A base URL without a scheme
    (``example.github.io``) is taken as https; one without a host (``/``) gives no site
    address.

    Raises:
        ConfigError: the file cannot be read or parsed, a key read has a value of the wrong
            kind, Hugo's ``timeZone`` names no time zone, or a folder holds no configuration.
    """
    root = path if path.is_dir() else path.parent
    if path.is_dir() and not _hugo_config_folder(path):
        path = config_file(path, generator)
    data = hugo_files(path) if path.is_dir() else dict(load_config(path))
    if generator == "hugo" and path.is_file() and (path.parent / "config/_default").is_dir():
        data = with_config_folder(data, path.parent / "config")
    jekyll = generator == "jekyll" or (generator is None and path.name.startswith("_config"))
    found: dict[str, Any] = {"site_root": str(root)}
    if jekyll:
        base = jekyll_address(data, path)
    else:
        base = site_address(text_setting(data, path, "baseURL", "base_url"))
    if base is not None:
        found["base_url"] = base
    permalinks = lower_keys(data).get("permalinks")
    if not jekyll and permalinks is not None:
        found["section_permalinks"] = hugo_permalinks(permalinks, path)
    elif jekyll:
        read_jekyll(data, path, found)
    for option, keys in (
        ("timezone", ("timezone",)),
        ("default_language", ("defaultContentLanguage", "default_language", "lang")),
        ("excerpt_separator", ("excerpt_separator",)),
    ):
        value = text_setting(data, path, *keys)
        if value is not None:
            # Hugo lower-cases a language's code (its page's own too); Jekyll and Zola keep
            # it as written, as a page's own locale is kept.
            lower = option == "default_language" and not jekyll and generator != "zola"
            found[option] = value.lower() if lower else value
    if jekyll and "default_language" not in found:
        language = posix_language(text_setting(data, path, "locale"))
        if language is not None:
            found["default_language"] = language
    if "timezone" in found and not jekyll:
        check_zone(found["timezone"], path)  # Hugo stops on a bad one; Jekyll takes UTC
    if not jekyll:
        read_hugo(data, path, found, generator)
        read_zola_paths(data, path, found)
    if generator == "zola":
        found["taxonomies"] = zola_taxonomies(data, path)
    return found


_NAMES = {
    "jekyll": ("_config.yml", "_config.yaml", "_config.toml"),
    "hugo": (*(f"hugo.{e}" for e in ("toml", "yaml", "yml", "json")), "config"),
    "zola": ("zola.toml", "config.toml"),
}
_SHARED = tuple(f"config.{e}" for e in ("toml", "yaml", "yml", "json"))


def _hugo_config_folder(folder: Path) -> bool:
    """Whether ``folder`` is Hugo's configuration folder (``config/``, holding ``_default/``)
    or one of its environments (``config/_default/``, ``config/production/``): the folders
    whose files are all settings, read as ``hugo`` reads them."""
    return (folder / "_default").is_dir() or (
        folder.parent != folder
        and (folder.name == "_default" or (folder.parent / "_default").is_dir())
    )


def config_file(folder: Path, generator: str | None) -> Path:
    """The generator's configuration in a site's ``folder``, looked for there only, as the
    generator itself looks: walking below it would read every YAML or TOML file of the
    folder's tree as settings (``--site-config /`` reading ``/lib``), and stop on the first
    that is not.

    Raises:
        ConfigError: none of the generator's names is in ``folder``.
    """
    names = _NAMES.get(generator or "", ()) or tuple(n for group in _NAMES.values() for n in group)
    if generator in ("hugo", None):
        names = (*names, *_SHARED)
    for name in names:
        candidate = folder / name
        if name == "config" and _hugo_config_folder(candidate):
            return candidate
        if name != "config" and candidate.is_file():
            return candidate
    shown = ", ".join("config/_default/" if n == "config" else n for n in dict.fromkeys(names))
    raise ConfigError(f"{folder}: no site configuration in this folder (looked for {shown})")
