"""Options for a third-party format: ``-O key=value`` and ``[tool.artconv.converters.NAME]``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import pytest
from click.testing import CliRunner, Result

from convert.cli import main
from convert.record import Record

ROOT = Path(__file__).resolve().parents[2]
SEED = str(ROOT / "examples/000_007fd1d52a2fa7d2.txt")
TITLE = "Facebook will now pay you for your voice recordings"


class RepeatConverter:
    """Each title, repeated: a plugin format with options of its own."""

    name: ClassVar[str] = "repeat"
    extension: ClassVar[str] = ".rep"
    media_type: ClassVar[str] = "text/plain"
    collection: ClassVar[bool] = True
    options: ClassVar[dict[str, type]] = {"times": int, "loud": bool, "sep": str}

    def write(
        self,
        records: Iterable[Record],
        out: BinaryIO,
        *,
        emit: Any = None,
        times: int = 1,
        loud: bool = False,
        sep: str = " ",
    ) -> None:
        for record in records:
            title = (record.title or "").upper() if loud else record.title or ""
            out.write(sep.join([title] * times).encode() + b"\n")


def _find(group: str) -> list[EntryPoint]:
    if group != "convert.converters":
        return []
    return [EntryPoint("repeat", f"{__name__}:RepeatConverter", group)]


@contextmanager
def _in(folder: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def _convert(folder: Path, *args: str) -> Result:
    with _in(folder):
        return CliRunner().invoke(
            main, ["convert", SEED, "--to", "repeat", *args], obj={"find": _find}
        )


def test_dash_o_options_reach_the_converter_in_their_declared_types(tmp_path: Path) -> None:
    result = _convert(tmp_path, "-O", "times=3", "-O", "loud=yes", "--option", "sep=|")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "|".join([TITLE.upper()] * 3) + "\n"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin as if installed: a settings file is read before the run's own discovery,
    and a table must be named after a format that is there."""
    monkeypatch.setattr("convert.entrypoints.entry_points", _find)


@pytest.mark.usefixtures("installed")
def test_the_config_table_sets_options_and_dash_o_wins(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text('[converters.repeat]\ntimes = 2\nsep = "/"\n')
    assert _convert(tmp_path).stdout == f"{TITLE}/{TITLE}\n"
    assert _convert(tmp_path, "-O", "times=1").stdout == f"{TITLE}\n"


@pytest.mark.usefixtures("installed")
@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("repeet", 'did you mean "repeat"? (artconv formats lists them)'),
        ("other", "the formats are atom, json, jsonfeed, jsonl, repeat, rss, text (artconv"),
    ],
)
def test_a_table_no_format_is_named_after_stops_the_run(
    tmp_path: Path, name: str, fix: str
) -> None:
    """It had been ignored without a word, so a misspelt table's options never applied."""
    (tmp_path / "artconv.toml").write_text(f"jobs = 1\n\n[converters.{name}]\ntimes = 2\n")
    result = _convert(tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    where = tmp_path.resolve() / "artconv.toml"
    assert f"Error: {where}:3: converters.{name}: no format is named {name!r}; {fix}" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-O", "colour=red"],
            "does not take option 'colour' (its options: 'loud', 'sep', 'times')",
        ),
        (["-O", "times=many"], "option 'times' of format 'repeat' must be int, not 'many'"),
        (["-O", "loud=maybe"], "option 'loud' of format 'repeat' must be bool, not 'maybe'"),
        (["-O", "times"], "-O expects KEY=VALUE, not 'times'"),
    ],
)
def test_bad_dash_o_options_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = _convert(tmp_path, *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.usefixtures("installed")
@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "colour = 1",
            "converters.repeat.colour: format 'repeat' does not take option 'colour'",
        ),
        (
            'times = "2"',
            "converters.repeat.times: '2' is a string, not a whole number; write it without"
            " quotes: times = 2",
        ),
        (
            "loud = 'yes'",
            "converters.repeat.loud: 'yes' is a string, not true or false; write loud = true"
            " or loud = false",
        ),
        ("sep = 1", "converters.repeat.sep: 1 is a whole number, not a string; write it in quotes"),
    ],
)
def test_bad_config_options_name_the_file_the_line_and_the_key(
    tmp_path: Path, table: str, message: str
) -> None:
    (tmp_path / "artconv.toml").write_text(f"[converters.repeat]\n\n{table}\n")
    result = _convert(tmp_path)
    assert result.exit_code == 2
    assert f"Error: {tmp_path.resolve() / 'artconv.toml'}:3: {message}" in result.stderr
    assert "Written" not in result.stderr


@pytest.mark.usefixtures("installed")
def test_a_converters_entry_that_is_not_a_table_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text("[converters]\nrepeat = 3\n")
    result = _convert(tmp_path)
    assert result.exit_code == 2
    assert (
        "artconv.toml:2: converters.repeat: 3 is a whole number, not a table of options; "
        "write it as a table: [converters.repeat]"
    ) in result.stderr


def test_a_flag_and_dash_o_that_disagree_are_a_usage_error(tmp_path: Path) -> None:
    # -O had silently won over the flag given for the same option.
    result = CliRunner().invoke(
        main, ["convert", SEED, "--to", "text", "--extractor", "builtin", "-O", "extractor=auto"]
    )
    assert result.exit_code == 2
    assert "--extractor builtin and -O extractor=auto disagree" in result.output


def test_a_flag_and_dash_o_that_agree_convert(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["convert", SEED, "--to", "json", "--indent", "0", "-O", "indent=0"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1


class DumpConverter:
    """The options it is given, as YAML: a plugin writing with a library that takes plain
    built-in types only (``yaml.safe_dump`` refuses a ``str`` subclass)."""

    name: ClassVar[str] = "dump"
    extension: ClassVar[str] = ".yaml"
    media_type: ClassVar[str] = "application/yaml"
    collection: ClassVar[bool] = True
    options: ClassVar[dict[str, type]] = {"feed_title": str, "language": str, "sep": str}

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Any = None, **options: Any
    ) -> None:
        import yaml

        kinds = {key: type(value).__name__ for key, value in options.items()}
        out.write(yaml.safe_dump({"options": options, "kinds": kinds}).encode())


def _find_dump(group: str) -> list[EntryPoint]:
    if group != "convert.converters":
        return []
    return [EntryPoint("dump", f"{__name__}:DumpConverter", group)]


def test_a_plugin_gets_settings_as_plain_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # They had come as the str subclass that keeps where a value is written, which
    # yaml.safe_dump refuses with a traceback.
    monkeypatch.setattr("convert.entrypoints.entry_points", _find_dump)
    (tmp_path / "artconv.toml").write_text(
        '[feed]\ntitle = "News"\nlanguage = "en-GB"\n[converters.dump]\nsep = "/"\n'
    )
    with _in(tmp_path):
        result = CliRunner().invoke(
            main, ["convert", SEED, "--to", "dump"], obj={"find": _find_dump}
        )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "kinds:\n  feed_title: str\n  language: str\n  sep: str\n"
        "options:\n  feed_title: News\n  language: en-GB\n  sep: /\n"
    )
