"""Facts written once: the built-in plugins and the size limits have one source each."""

from __future__ import annotations

import dataclasses
import inspect
import re
import tomllib
from pathlib import Path

from convert import config, limits, plugins
from convert.fixes.files import fix_file
from convert.fixes.run import FixSettings
from convert.importers import EXTRA_MODULES, fetching
from convert.importers.reading import ImportOptions
from convert.loading import load
from convert.run.worker import CheckSettings

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_declares_exactly_the_builtin_plugins() -> None:
    """``plugins.BUILTINS`` is the source; the entry points in pyproject mirror it for tools
    that list a distribution's plugins, and must not drift from it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        group: dict(names)
        for group, names in project["entry-points"].items()
        if group.startswith("convert.")
    }
    assert declared == plugins.BUILTINS


def test_the_import_check_names_the_packages_the_import_extra_installs() -> None:
    """``artconv import`` tells a user missing a module to install the ``import`` extra: each
    module it checks must be one that extra installs (a core dependency is there already)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = [
        re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]
        for spec in project["optional-dependencies"]["import"]
    ]
    assert list(EXTRA_MODULES) == extra


def test_our_own_installed_entry_points_never_override_the_table() -> None:
    """A stale installation of this package (metadata from an older layout) cannot point a
    built-in name somewhere else: our own entry points are read from the table only."""

    class Dist:
        name = plugins.OWN_DISTRIBUTION

    class Stale:
        name = "rss"
        value = "convert.converters.rss:RssConverter"
        dist = Dist()

    specs = plugins.discover("convert.converters", lambda group: [Stale()])  # type: ignore[list-item,return-value,arg-type]
    assert specs["rss"].target == plugins.BUILTINS["convert.converters"]["rss"]
    assert set(specs) == set(plugins.BUILTINS["convert.converters"])


def _default(func: object, name: str) -> object:
    return inspect.signature(func).parameters[name].default  # type: ignore[arg-type]


def _field(cls: type, name: str) -> object:
    if not dataclasses.is_dataclass(cls):  # a value type of convert.values: its __init__ says
        return _default(cls, name)
    return {f.name: f.default for f in dataclasses.fields(cls)}[name]


def test_every_record_size_default_is_the_one_limit() -> None:
    assert _default(load, "max_bytes") == limits.MAX_RECORD_BYTES
    assert _default(fix_file, "max_bytes") == limits.MAX_RECORD_BYTES
    assert _field(config.Settings, "max_size") == limits.MAX_RECORD_BYTES
    assert _field(CheckSettings, "max_size") == limits.MAX_RECORD_BYTES
    assert _field(FixSettings, "max_size") == limits.MAX_RECORD_BYTES


def test_every_feed_size_default_is_the_one_limit() -> None:
    from convert.cli.import_cmd import import_

    assert _default(fetching.fetch, "max_bytes") == limits.MAX_FEED_BYTES
    assert _field(ImportOptions, "max_bytes") == limits.MAX_FEED_BYTES
    (option,) = [p for p in import_.params if p.name == "max_size"]
    assert option.default == limits.MAX_FEED_BYTES


def test_no_size_limit_default_is_written_as_a_number_elsewhere() -> None:
    written = re.compile(r"(max_size|max_bytes)\s*:\s*int\s*=\s*\d|default=\d+ \* 1024")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "convert").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if written.search(line)
    ]
    assert found == []
