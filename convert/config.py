"""Settings from ``[tool.artconv]`` in the nearest pyproject.toml, or from an artconv.toml.

The search walks up from the working directory; in each folder ``artconv.toml`` is tried
before ``pyproject.toml`` (which counts only when it has a ``[tool.artconv]`` table). Paths in
the file are relative to the file. Command-line options win over the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.config_places import SettingsFile
from convert.config_values import kind_of, settings_values, shown
from convert.diagnostics import Severity
from convert.errors import ConfigError
from convert.limits import MAX_RECORD_BYTES, read_settings_text
from convert.values import Value

DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm", ".xhtml")
"""The suffixes a folder is walked for: records, and saved web pages under any of the names
:data:`convert.loading.body_format.HTML_SUFFIXES` reads as HTML (compressed too: a walk takes
``page.html.gz`` for ``.html``). The pre-commit hooks' ``files`` pattern names the same
suffixes, uncompressed only: pre-commit's file types call ``post.md.gz`` binary, not Markdown,
and a compressed file in a repository is an archive more than a record being edited, which
the fix hook could not fix in place anyway."""


class Settings(Value):
    """Every setting with its default; ``source`` is the file they came from, if any.

    ``converters`` holds the options per converter name (``[tool.artconv.converters.NAME]``),
    checked when used; ``profile``, ``permalink``, ``site_config`` and ``fields`` are the site
    profile's keys (convert/profiles/settings.py reads them).
    """

    __slots__ = (
        "converters",
        "exclude",
        "extensions",
        "feed",
        "fields",
        "force_exclude",
        "ignore",
        "jobs",
        "levels",
        "max_size",
        "permalink",
        "profile",
        "schema",
        "select",
        "site_config",
        "source",
        "strict",
    )
    schema: str
    extensions: tuple[str, ...]
    exclude: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    levels: Mapping[str, Severity | None]
    strict: bool
    max_size: int
    jobs: int
    feed: Mapping[str, str]
    converters: Mapping[str, Mapping[str, Any]]
    profile: str
    permalink: str | None
    site_config: str | None
    fields: Mapping[str, tuple[str, ...]]
    source: Path | None
    force_exclude: bool

    def __init__(
        self,
        schema: str = "article",
        extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
        exclude: tuple[str, ...] = (),
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        levels: Mapping[str, Severity | None] | None = None,
        strict: bool = False,
        max_size: int = MAX_RECORD_BYTES,
        jobs: int = 1,
        feed: Mapping[str, str] | None = None,
        converters: Mapping[str, Mapping[str, Any]] | None = None,
        profile: str = "article",
        permalink: str | None = None,
        site_config: str | None = None,
        fields: Mapping[str, tuple[str, ...]] | None = None,
        source: Path | None = None,
        force_exclude: bool = False,
    ) -> None:
        put = object.__setattr__
        put(self, "schema", schema)
        put(self, "extensions", extensions)
        put(self, "exclude", exclude)
        put(self, "select", select)
        put(self, "ignore", ignore)
        put(self, "levels", {} if levels is None else levels)
        put(self, "strict", strict)
        put(self, "max_size", max_size)
        put(self, "jobs", jobs)
        put(self, "feed", {} if feed is None else feed)
        put(self, "converters", {} if converters is None else converters)
        put(self, "profile", profile)
        put(self, "permalink", permalink)
        put(self, "site_config", site_config)
        put(self, "fields", {} if fields is None else fields)
        put(self, "source", source)
        put(self, "force_exclude", force_exclude)

    def force_root(self) -> str | None:
        """Where ``force-exclude`` holds named files to ``exclude`` from: the configuration
        file's folder (the working folder without one); ``None`` when it is off."""
        if not self.force_exclude:
            return None
        return str(self.source.parent if self.source is not None else Path.cwd())

    def with_options(self, **options: Any) -> Settings:
        """A copy with command-line values applied; ``None`` and empty values are skipped."""
        given = {k: v for k, v in options.items() if v is not None and v != ()}
        return self.replace(**given)


def find_config(start: Path | None = None) -> tuple[Path, Mapping[str, Any]] | None:
    """The nearest config file at or above ``start`` and its ``artconv`` table."""
    found = _nearest(start)
    return None if found is None else (found.path, found.table)


def _nearest(start: Path | None) -> SettingsFile | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "artconv.toml"
        if own.is_file():
            document, text = _read(own)
            return SettingsFile(own, document, text)
        project = candidate / "pyproject.toml"
        if project.is_file():
            document, text = _read(project)
            table = _tool_table(document)
            if isinstance(table, Mapping):
                return SettingsFile(project, table, text, _TOOL)
    return None


_TOOL = ("tool", "artconv")
_TOML_PLACE = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """The document and its text."""
    import tomllib

    try:
        text = read_settings_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {_why(path, exc)}") from exc
    if text.startswith("\ufeff"):  # Windows editors write one; TOML readers refuse it
        raise ConfigError(
            f"{path}:1: cannot read the configuration: it starts with a byte order mark, "
            "which TOML readers refuse; save it as UTF-8 without one"
        )
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.fullmatch(str(exc))
        if place is None:
            raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
        message, line, column = place.groups()
        raise ConfigError(
            f"{path}:{line}: cannot read the configuration: {message} (column {column})"
        ) from exc
    except RecursionError as exc:  # arrays or tables nested past Python's recursion limit
        raise ConfigError(f"{path}: cannot read the configuration: nested too deeply") from exc


def _why(path: Path, exc: OSError | UnicodeDecodeError) -> str:
    """The reason a settings file cannot be read, worded as for any file named to be read."""
    if isinstance(exc, UnicodeDecodeError):
        return f"it is not UTF-8 text ({exc.reason} at byte {exc.start})"
    from convert.loading.files import read_failure

    return read_failure(path, exc)


def _tool_table(document: Mapping[str, Any], default: Any = None) -> Any:
    """``[tool.artconv]`` of a pyproject.toml as written (``default`` when absent); when
    ``tool`` itself is not a table (``tool = "x"``), that value, which is no table either."""
    tool = document.get("tool", {})
    return tool.get("artconv", default) if isinstance(tool, Mapping) else tool


def load_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest config file, or the defaults when there is none.

    Raises:
        ConfigError: the file has an unknown key or a value of the wrong kind.
    """
    found = _nearest(start)
    return Settings() if found is None else _parse(found)


def load_settings_file(path: Path) -> Settings:
    """Settings from one named file: ``[tool.artconv]`` of a pyproject.toml, else top level."""
    document, text = _read(path)
    if path.name == "pyproject.toml":
        table = _tool_table(document, {})
        if not isinstance(table, Mapping):
            tool = document["tool"]
            keys = ("tool",) if not isinstance(tool, Mapping) else _TOOL
            raise SettingsFile(path, document, text).error(
                keys,
                f"{shown(table)} is {kind_of(table)}, not a table",
                "write the settings under [tool.artconv]",
            )
        return _parse(SettingsFile(path, table, text, _TOOL))
    return _parse(SettingsFile(path, document, text))


def parse_settings(table: Mapping[str, Any], path: Path, text: str | None = None) -> Settings:
    """Check and convert one ``artconv`` table of the file at ``path``; ``text`` is the
    file's text, for the line of a mistake (without it, messages name no line).

    Raises:
        ConfigError: an unknown key or a bad value, as ``FILE:LINE: key: problem; fix``.
    """
    prefix = _TOOL if path.name == "pyproject.toml" else ()
    return _parse(SettingsFile(path, table, text, prefix))


def _parse(file: SettingsFile) -> Settings:
    return Settings(source=file.path, **settings_values(file))
