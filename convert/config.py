"""Settings from ``[tool.artconv]`` in the nearest pyproject.toml, or from an artconv.toml.

The search walks up from the working directory; in each folder ``artconv.toml`` is tried
before ``pyproject.toml`` (which counts only when it has a ``[tool.artconv]`` table). Paths in
the file are relative to the file. Command-line options win over the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.diagnostics import Severity
from convert.errors import ConfigError
from convert.limits import MAX_JOBS, MAX_RECORD_BYTES, read_settings_text
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
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "artconv.toml"
        if own.is_file():
            return own, _read(own)
        project = candidate / "pyproject.toml"
        if project.is_file():
            table = _tool_table(_read(project))
            if isinstance(table, Mapping):
                return project, table
    return None


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        text = read_settings_text(path)
        if text.startswith("\ufeff"):  # Windows editors write one; TOML readers refuse it
            raise ConfigError(
                f"{path}: cannot read the configuration: it starts with a byte order mark, "
                "which TOML readers refuse; save it as UTF-8 without one"
            )
        return tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
    except RecursionError as exc:  # arrays or tables nested past Python's recursion limit
        raise ConfigError(f"{path}: cannot read the configuration: nested too deeply") from exc


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
    found = find_config(start)
    if found is None:
        return Settings()
    path, table = found
    return parse_settings(table, path)


def load_settings_file(path: Path) -> Settings:
    """Settings from one named file: ``[tool.artconv]`` of a pyproject.toml, else top level."""
    document = _read(path)
    if path.name == "pyproject.toml":
        table = _tool_table(document, {})
        if not isinstance(table, Mapping):
            raise ConfigError(f"{path}: [tool.artconv] must be a table")
        return parse_settings(table, path)
    return parse_settings(document, path)


_KEYS = (
    "schema",
    "extensions",
    "exclude",
    "force-exclude",
    "select",
    "ignore",
    "rules",
    "strict",
    "max-size",
    "jobs",
    "feed",
    "converters",
    "profile",
    "permalink",
    "site-config",
    "fields",
)


def parse_settings(table: Mapping[str, Any], path: Path) -> Settings:
    """Check and convert one ``artconv`` table."""
    where = f"{path}: [tool.artconv]" if path.name == "pyproject.toml" else f"{path}:"
    for key in table:
        if key not in _KEYS:
            import difflib  # only for an unknown key

            near = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f' (did you mean "{near[0]}"?)' if near else ""
            raise ConfigError(f"{where} unknown setting {key!r}{hint}")
    values: dict[str, Any] = {"source": path}
    if "schema" in table:
        schema = _expect(table, "schema", str, where)
        values["schema"] = (
            schema
            if "/" not in schema and not schema.endswith(".json")
            else str(path.parent / schema)
        )
    for key in ("extensions", "exclude", "select", "ignore"):
        if key in table:
            items = _expect(table, key, list, where)
            if not all(isinstance(i, str) for i in items):
                raise ConfigError(f"{where} {key} must be a list of strings")
            values[key] = tuple(items)
    if "extensions" in values:
        values["extensions"] = tuple(
            e if e.startswith(".") else "." + e for e in values["extensions"]
        )
    if "strict" in table:
        values["strict"] = _expect(table, "strict", bool, where)
    if "force-exclude" in table:
        values["force_exclude"] = _expect(table, "force-exclude", bool, where)
    if "max-size" in table:
        values["max_size"] = _positive(table, "max-size", where)
    if "jobs" in table:  # 0 means one worker per core, as with --jobs 0
        values["jobs"] = _positive(table, "jobs", where, minimum=0, maximum=MAX_JOBS)
    if "rules" in table:
        values["levels"] = _levels(_expect(table, "rules", dict, where), where)
    if "feed" in table:
        values["feed"] = _feed_table(_expect(table, "feed", dict, where), where)
    if "converters" in table:
        values["converters"] = _converter_tables(_expect(table, "converters", dict, where), where)
    from convert.profiles.settings import profile_settings

    values.update(profile_settings(table, where, path.parent))
    return Settings(**values)


def _feed_table(feed: Mapping[str, Any], where: str) -> dict[str, str]:
    """The ``feed`` table, its keys those the feed options name (see ``feeds.settings``)."""
    from convert.converters.feeds.settings import CONFIG_FEED_KEYS

    for key, value in feed.items():
        if key not in CONFIG_FEED_KEYS or not isinstance(value, str):
            raise ConfigError(
                f"{where} feed.{key}: expected one of {', '.join(CONFIG_FEED_KEYS)} "
                "with a string value"
            )
    return dict(feed)


def _converter_tables(tables: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    """Each converter's table, keys spelt as its options; the converter checks the values."""
    for name, options in tables.items():
        if not isinstance(options, dict):
            raise ConfigError(f"{where} converters.{name} must be a table of options")
    return {
        name: {key.replace("-", "_"): value for key, value in options.items()}
        for name, options in tables.items()
    }


def _expect(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = table[key]
    if not isinstance(value, kind):
        raise ConfigError(f"{where} {key} must be a {kind.__name__}, not {value!r}")
    return value


def _positive(
    table: Mapping[str, Any], key: str, where: str, *, minimum: int = 1, maximum: int | None = None
) -> int:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "a positive whole number" if minimum == 1 else f"a whole number >= {minimum}"
        raise ConfigError(f"{where} {key} must be {kind}, not {value!r}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{where} {key} must be at most {maximum}, not {value!r}")
    return value


def _levels(rules: Mapping[str, Any], where: str) -> dict[str, Severity | None]:
    levels: dict[str, Severity | None] = {}
    for rule, level in rules.items():
        if not isinstance(level, str):
            raise ConfigError(f"{where} rules.{rule} must be error, warning, info or off")
        if level.lower() == "off":
            levels[rule] = None
            continue
        try:
            levels[rule] = Severity.parse(level)
        except ValueError as exc:
            raise ConfigError(f"{where} rules.{rule}: {exc} or off") from exc
    return levels
