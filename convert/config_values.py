"""Checking the values of an ``artconv`` settings table, one key at a time.

Each mistake is a :class:`~convert.errors.ConfigError` in one form, ``FILE:LINE: key: what is
wrong; the fix``. Values that can only be checked once a run starts (rule ids against the
installed rules, a feed link against the run's base URL, a profile name, a format's options)
are kept as :class:`~convert.config_places.Written` strings, so that their check can say the
same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from convert.config_places import KeyPath, SettingsFile, Written, WrittenTable, dotted
from convert.diagnostics import Severity
from convert.limits import MAX_JOBS

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


def settings_values(file: SettingsFile) -> dict[str, Any]:
    """The ``Settings`` values of ``file``'s table, each checked.

    Raises:
        ConfigError: an unknown key or a bad value, as ``FILE:LINE: key: problem; fix``.
    """
    table = file.table
    for key in table:
        if key not in _KEYS:
            raise file.error((key,), "unknown setting", _nearest_name(key, _KEYS, "settings"))
    values: dict[str, Any] = {}
    if "schema" in table:
        schema = _expect(file, ("schema",), str, "a schema name or the path of a schema file")
        named = (
            schema
            if "/" not in schema and not schema.endswith(".json")
            else str(file.path.parent / schema)
        )
        values["schema"] = file.written(named, "schema")  # read when the run starts
    for key in ("extensions", "exclude", "select", "ignore"):
        if key in table:
            items = _expect(file, (key,), list, "a list of strings")
            for item in items:
                if not isinstance(item, str):
                    raise file.error(
                        (key,),
                        f"{shown(item)} is {kind_of(item)}, not a string",
                        'write each item in quotes: ["..."]',
                    )
            values[key] = tuple(file.written(item, key) for item in items)
    if "extensions" in values:
        values["extensions"] = tuple(
            e if e.startswith(".") else "." + e for e in values["extensions"]
        )
    if "strict" in table:
        values["strict"] = _expect(file, ("strict",), bool, "true or false")
    if "force-exclude" in table:
        values["force_exclude"] = _expect(file, ("force-exclude",), bool, "true or false")
    if "max-size" in table:
        values["max_size"] = _whole(file, "max-size", "a size in bytes, such as 10485760")
    if "jobs" in table:  # 0 means one worker per core, as with --jobs 0
        values["jobs"] = _whole(
            file,
            "jobs",
            f"a number of workers from 0 (one per core) to {MAX_JOBS}",
            minimum=0,
            maximum=MAX_JOBS,
        )
    if "rules" in table:
        values["levels"] = _levels(file, _expect(file, ("rules",), dict, "a table"))
    if "feed" in table:
        values["feed"] = _feed_table(file, _expect(file, ("feed",), dict, "a table"))
    if "converters" in table:
        tables = _expect(file, ("converters",), dict, "a table of [converters.FORMAT] tables")
        values["converters"] = _converter_tables(file, tables)
    values.update(_profile_settings(file))
    return values


def _nearest_name(name: str, known: Iterable[str], listing: str) -> str:
    """The fix for an unknown name: the nearest known one, else the whole list."""
    import difflib  # only for an unknown name

    near = difflib.get_close_matches(name, list(known), n=1)
    if near:
        return f'did you mean "{near[0]}"?'
    return f"the {listing} are {', '.join(known)}"


def shown(value: Any) -> str:
    """A value as a message quotes it, cut short when long."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def kind_of(value: Any) -> str:
    """What TOML calls a value's kind, with its article."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number with a fraction"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


_FIXES = {
    str: 'write it in quotes: {key} = "{value}"',
    bool: "write {key} = true or {key} = false",
    list: 'write it as a list: {key} = ["..."]',
    dict: "write it as a table: [{table}]",
}


_WANTED = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}


def wrong_kind(value: Any, wanted: type, key: str) -> tuple[str, str]:
    """What is wrong with a setting ``key = value`` whose option takes ``wanted`` values (a
    format's option, checked when the format is used), and the fix, in TOML's words: a
    string is "a string" wherever it was read, whatever class carries it."""
    wanted_kind = _WANTED.get(wanted, f"a {wanted.__name__}")
    problem = f"{shown(str(value) if isinstance(value, str) else value)} is {kind_of(value)}"
    spelt = dotted((key,))
    if wanted is bool:
        fix = f"write {spelt} = true or {spelt} = false"
    elif wanted is str:
        quoted = value if isinstance(value, int | float) else "..."
        fix = f'write it in quotes: {spelt} = "{quoted}"'
    elif wanted in (int, float) and isinstance(value, str) and _reads_as(value.strip(), wanted):
        fix = f"write it without quotes: {spelt} = {value.strip()}"
    else:
        fix = f"give {wanted_kind}"
    return f"{problem}, not {wanted_kind}", fix


def _reads_as(text: str, wanted: type) -> bool:
    try:
        wanted(text)
    except ValueError:
        return False
    return True


def _expect(file: SettingsFile, keys: KeyPath, kind: type, wanted: str) -> Any:
    """The value at ``keys`` (one of ``file``'s top-level keys, or a table's), of ``kind``."""
    value: Any = file.table
    for key in keys:
        value = value[key]
    if isinstance(value, kind):
        return value
    template = _FIXES[kind]
    quoted = value if isinstance(value, str | int | float) else "..."
    fix = template.format(key=dotted(keys[-1:]), value=quoted, table=dotted(file.prefix + keys))
    raise file.error(keys, f"{shown(value)} is {kind_of(value)}, not {wanted}", fix)


def _whole(
    file: SettingsFile, key: str, wanted: str, *, minimum: int = 1, maximum: int | None = None
) -> int:
    value = file.table[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise file.error((key,), f"{shown(value)} is {kind_of(value)}", f"give {wanted}")
    if value < minimum or (maximum is not None and value > maximum):
        if value < minimum:
            problem = "is negative" if minimum == 0 else "is not a positive whole number"
        else:
            problem = f"is more than {maximum}"
        raise file.error((key,), f"{value} {problem}", f"give {wanted}")
    return value


def _levels(file: SettingsFile, rules: Mapping[str, Any]) -> dict[str, Severity | None]:
    """``[rules]``: each rule id (a :class:`Written`, checked against the rules when the run
    starts) and its level."""
    levels: dict[str, Severity | None] = {}
    for rule, level in rules.items():
        keys = ("rules", rule)
        try:
            parsed = None if level.lower() == "off" else Severity.parse(level)
        except (AttributeError, ValueError):
            raise file.error(
                keys, f"{shown(level)} is not a level", "use error, warning, info or off"
            ) from None
        levels[file.written(rule, *keys)] = parsed
    return levels


def _feed_table(file: SettingsFile, feed: Mapping[str, Any]) -> dict[str, str]:
    """The ``feed`` table, its keys those the feed options name (see ``feeds.settings``), its
    values checked as far as they can be alone (a relative link waits for the run's base)."""
    from convert.converters.feeds.settings import CONFIG_FEED_KEYS, option_problem

    checked: dict[str, str] = {}
    for key, value in feed.items():
        keys = ("feed", key)
        if key not in CONFIG_FEED_KEYS:
            raise file.error(
                keys, "unknown feed setting", _nearest_name(key, CONFIG_FEED_KEYS, "feed settings")
            )
        if not isinstance(value, str):
            _expect(file, keys, str, "a string")
        problem = option_problem(CONFIG_FEED_KEYS[key], value)
        if problem is not None:
            raise file.error(keys, *problem)
        checked[key] = file.written(value, *keys)
    return checked


def _converter_tables(file: SettingsFile, tables: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each converter's table, keys spelt as its options; the converter checks the values
    when it is used, but a table no format is named after would never be read.

    The format names are listed from the installed plugins without importing any.
    """
    from convert.converters import converter_specs

    formats = converter_specs()
    parsed: dict[str, dict[str, Any]] = {}
    for name, options in tables.items():
        if name not in formats:
            raise file.error(
                ("converters", name),
                f"no format is named {name!r}",
                _nearest_name(name, sorted(formats), "formats") + " (artconv formats lists them)",
            )
        _expect(file, ("converters", name), dict, "a table of options")
        table = WrittenTable()
        for key, value in options.items():
            option = key.replace("-", "_")
            origin = file.at("converters", name, key)
            table[option] = Written(value, origin) if isinstance(value, str) else value
            table.origins[option] = origin
            table.spelt[option] = key
        parsed[name] = table
    return parsed


def _profile_settings(file: SettingsFile) -> dict[str, Any]:
    """``profile``, ``permalink``, ``site-config`` and ``fields``, checked here for one form
    of message and read by the profiles' own reader; the profile's name is checked against
    the installed profiles when a run takes it."""
    from convert.profiles.settings import KEYS, field_keys, profile_settings

    table = file.table
    for key in ("profile", "permalink", "site-config"):
        if key in table:
            value = _expect(file, (key,), str, "a string")
            if not value.strip():
                raise file.error((key,), "is empty", f"give a {key} or leave the key out")
    if "fields" in table:
        fields = _expect(file, ("fields",), dict, "a table of field = [keys]")
        for target, value in fields.items():
            if field_keys(value) is None:
                raise file.error(
                    ("fields", target),
                    f"{shown(fields[target])} is not a key or a list of keys",
                    'give the keys to read it from, e.g. ["pubDate", "date"]',
                )
    values = profile_settings(
        {key: table[key] for key in KEYS if key in table}, f"{file.path}:", file.path.parent
    )
    if "profile" in values:
        values["profile"] = file.written(values["profile"], "profile")
    return values
