"""Reading a generator's configuration file, and the settings every generator's reader takes
from it the same way: text, yes/no flags and the site's address.

A file that cannot be read, or a setting of the wrong kind, is a :class:`ConfigError` naming
the file: the generator stops on it too (or misreads it), so the profile does not guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.limits import read_settings_text
from convert.profiles.flags import flag


class SiteConfigError(ConfigError):
    """A site configuration that cannot be read: the file, why, and where in it (1-based line
    and column, where the parser says), so that a run which found the file itself can report
    it as a finding at that line and go on without it."""

    def __init__(
        self, path: Path, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{path}: cannot read the site configuration: {where}{reason}")
        self.path, self.reason, self.line, self.column = path, reason, line, column


def load_config(path: Path) -> Mapping[str, Any]:
    """The file's settings by its suffix (YAML, JSON, else TOML); ``{}`` when it holds no
    table.

    Raises:
        SiteConfigError: the file cannot be read, or is no YAML, JSON or TOML.
    """
    try:
        text = read_settings_text(path)
    except OSError as exc:
        raise SiteConfigError(path, exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:  # where the first byte that is no UTF-8 is
        before = exc.object[: exc.start]
        line, column = before.count(b"\n") + 1, exc.start - before.rfind(b"\n")
        raise SiteConfigError(path, f"not UTF-8 text ({exc.reason})", line, column) from exc
    try:
        if path.suffix in (".yml", ".yaml"):
            data = _yaml(path, text)
        elif path.suffix == ".json":
            import json

            data = json.loads(text)
        else:
            data = _toml(text)
    except SiteConfigError:
        raise
    except Exception as exc:
        raise _unreadable(path, text, exc) from exc
    return data if isinstance(data, Mapping) else {}


def _yaml(path: Path, text: str) -> Any:
    """The YAML file's data as front matter is read (aliases, nesting and size bounded, so a
    "billion laughs" in a ``_config.yml`` a walk finds costs nothing; dates kept as written).

    Raises:
        SiteConfigError: a syntax error or a limit passed, at its line.
    """
    from convert.loading.yaml_reader import read_yaml

    document = read_yaml(text)
    if document.data is None and document.issues:
        issue = document.issues[0]
        line = None if issue.line is None else issue.line + 1
        column = None if issue.column is None else issue.column + 1
        # The reader's words are a page's ("front matter is nested ..."): here, the file's.
        message = re.sub(r"^front matter\b", "the file", issue.message)
        raise SiteConfigError(path, message, line, column)
    return document.data


def _unreadable(path: Path, text: str, error: Exception) -> SiteConfigError:
    """The parser's ``error`` in one line, at the line and column it gives."""
    line = column = None
    reason = " ".join(str(error).split())
    toml = path.suffix not in (".yml", ".yaml", ".json")
    if isinstance(error, ValueError) and not toml and hasattr(error, "lineno"):  # JSON's
        line, column, reason = error.lineno, error.colno, error.msg  # type: ignore[attr-defined]
    elif toml:
        from convert.loading.toml_front import TomlSyntax, parse

        try:
            parse(text, 1)  # the front matter's reader says where, as it does for a page
        except TomlSyntax as syntax:
            line, column, reason = syntax.line, syntax.column, syntax.message.strip()
        except Exception:  # pragma: no cover - parse raises TomlSyntax for what loads refused
            pass
    return SiteConfigError(path, reason + (_toml_hint(error) if toml else ""), line, column)


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


def lower_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Keys in lower case: Hugo reads ``baseURL``, ``baseurl`` and ``BaseURL`` alike."""
    return {str(k).lower(): v for k, v in data.items()}


def text_setting(data: Mapping[str, Any], where: Path, *keys: str) -> str | None:
    """The first of ``keys`` set to a non-empty string; a value of another kind is an error,
    not a key quietly skipped (Hugo and Jekyll refuse them too, or misread them)."""
    written = {str(k).lower(): str(k) for k in data}  # the key as the file spells it
    lowered = lower_keys(data)
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


def flag_setting(value: Any, key: str, where: Path, *, loose: bool) -> bool:
    """The yes/no setting ``key`` read as the generator reads it (``loose``: Hugo's weak cast,
    which takes ``"1"`` and ``0``; else a boolean only, as Zola's); anything else is an error."""
    found = flag(value, loose=loose)
    if found is None:
        raise ConfigError(f"{where}: {key} must be true or false, not {value!r}")
    return found


def site_address(value: str | None, prefix: str | None = None) -> str | None:
    """An absolute site address, or ``None`` for one without a host (Hugo's ``baseURL = "/"``),
    from which no absolute link can be made."""
    if value is None:
        return None
    base = value if "://" in value else "https://" + value.lstrip("/")
    if not base.split("://", 1)[1].strip("/"):
        return None
    return base.rstrip("/") + ("/" + prefix.strip("/") if prefix and prefix.strip("/") else "")
