"""The generator's own configuration: the site's address, permalinks, time zone, language.

Jekyll's ``_config.yml`` (``url`` or ``production_url``, and ``baseurl``; ``permalink``,
``timezone``, ``lang``, ``excerpt_separator``), Hugo's ``hugo.toml``/``config.toml``
(``baseURL``, ``[permalinks]``, ``defaultContentLanguage``, ``timeZone``) and Zola's
``config.toml`` (``base_url``, ``default_language``). Only those keys are read; anything else
in the file is left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.limits import read_settings_text


def _load(path: Path) -> Mapping[str, Any]:
    try:
        text = read_settings_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the site configuration: {exc}") from exc
    try:
        if path.suffix in (".yml", ".yaml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            import tomllib

            data = tomllib.loads(text)
    except Exception as exc:
        raise ConfigError(f"{path}: cannot read the site configuration: {exc}") from exc
    return data if isinstance(data, Mapping) else {}


def _text(data: Mapping[str, Any], *keys: str) -> str | None:
    lowered = {str(k).lower(): v for k, v in data.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def read_site_config(path: Path) -> dict[str, Any]:
    """Profile options from a site's configuration file; keys it does not set are absent,
    and ``site_root`` is the file's folder.

    ``path`` may be Hugo's configuration folder (``config/_default/``), whose
    ``hugo.toml``/``config.toml`` and ``permalinks.toml`` are read together. A base URL without
    a scheme (``example.github.io``) is taken as https.

    Raises:
        ConfigError: the file cannot be read or parsed.
    """
    if path.is_dir():
        data: dict[str, Any] = {}
        for name in ("config.toml", "hugo.toml"):
            if (path / name).is_file():
                data.update(_load(path / name))
        if (path / "permalinks.toml").is_file():
            data["permalinks"] = dict(_load(path / "permalinks.toml"))
    else:
        data = dict(_load(path))
    jekyll = path.name.startswith("_config")
    found: dict[str, Any] = {"site_root": str(path if path.is_dir() else path.parent)}
    # Jekyll-Bootstrap sites name their address production_url.
    base = _text(data, "url", "production_url") if jekyll else _text(data, "baseURL", "base_url")
    if base is not None:
        base = base if "://" in base else "https://" + base.lstrip("/")
        prefix = _text(data, "baseurl") if jekyll else None
        found["base_url"] = base.rstrip("/") + ("/" + prefix.strip("/") if prefix else "")
    permalinks = data.get("permalinks")
    if isinstance(permalinks, Mapping):
        found["section_permalinks"] = {
            str(k): v for k, v in permalinks.items() if isinstance(v, str)
        }
    elif isinstance(data.get("permalink"), str):
        found["permalink"] = data["permalink"].strip()
    for option, keys in (
        ("timezone", ("timezone",)),
        ("default_language", ("defaultContentLanguage", "default_language", "lang")),
        ("excerpt_separator", ("excerpt_separator",)),
    ):
        value = _text(data, *keys)
        if value is not None:
            found[option] = value.lower() if option == "default_language" else value
    return found
