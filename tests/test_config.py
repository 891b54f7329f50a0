"""Settings: which file is found, what it may say, and how mistakes are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.config import Settings, find_config, load_settings
from convert.diagnostics import Severity
from convert.errors import ConfigError
from tests.conftest import ROOT


def test_defaults_without_a_file(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


def test_the_hooks_take_the_files_a_folder_is_walked_for() -> None:
    """The pre-commit hooks' ``files`` pattern names the suffixes a folder is walked for, in
    any letter case, every saved-page name among them (``.xhtml`` was walked by neither)."""
    import re

    import yaml

    from convert.config import DEFAULT_EXTENSIONS
    from convert.loading.body_format import HTML_SUFFIXES

    assert set(HTML_SUFFIXES) <= set(DEFAULT_EXTENSIONS) and ".xhtml" in HTML_SUFFIXES
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # Compressed records are walked, but not passed to the hooks (see DEFAULT_EXTENSIONS).
    others = (".xht", ".yaml", ".rst", ".mdx", ".html.bak", ".xhtmlx", "", ".md.gz", ".html.xz")
    for hook in hooks:
        pattern = re.compile(hook["files"])
        for suffix in DEFAULT_EXTENSIONS:
            for name in (f"a/b{suffix}", f"a/b{suffix.upper()}"):
                assert pattern.search(name), (hook["id"], name)
        for suffix in others:
            assert not pattern.search(f"a/b{suffix}"), (hook["id"], suffix)


def test_the_hooks_types_leave_compressed_records_out(tmp_path: Path) -> None:
    """A repository that widens ``files:`` still passes no compressed record: pre-commit's
    file types (identify's tags) call it binary, and ``types_or`` wants text."""
    import bz2
    import gzip
    import lzma

    import yaml

    identify = pytest.importorskip("identify.identify")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    record = b"---\ntitle: x\n---\nBody.\n"
    for name, data in (
        ("a.md.gz", gzip.compress(record)),
        ("b.html.bz2", bz2.compress(record)),
        ("c.txt.xz", lzma.compress(record)),
        ("d.md", record),
    ):
        (tmp_path / name).write_bytes(data)
        tags = identify.tags_from_path(str(tmp_path / name))
        for hook in hooks:
            assert bool(tags & set(hook["types_or"])) == (name == "d.md"), (name, tags)


def test_nearest_file_up_the_tree_and_artconv_toml_first(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.artconv]\njobs = 3\n")
    assert load_settings(deep).jobs == 3
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no table
    assert load_settings(deep).jobs == 3
    (tmp_path / "a" / "artconv.toml").write_text("jobs = 2\n")
    assert load_settings(deep).jobs == 2
    found = find_config(deep)
    assert found is not None and found[0] == tmp_path / "a" / "artconv.toml"


def test_every_setting(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text(
        'schema = "schemas/blog.json"\nextensions = ["md", ".mdx"]\nexclude = ["drafts/*"]\n'
        'select = ["schema"]\nignore = ["schema/format"]\nstrict = true\nmax-size = 1024\n'
        'jobs = 4\n[rules]\n"consistency" = "error"\n"schema/recommended" = "off"\n'
        '[feed]\ntitle = "News"\nbase-url = "https://example.com"\n'
    )
    settings = load_settings(tmp_path)
    assert settings.schema == str(tmp_path / "schemas/blog.json")
    assert settings.extensions == (".md", ".mdx")
    assert settings.exclude == ("drafts/*",)
    assert (settings.select, settings.ignore) == (("schema",), ("schema/format",))
    assert settings.strict and settings.max_size == 1024 and settings.jobs == 4
    assert settings.levels == {"consistency": Severity.ERROR, "schema/recommended": None}
    assert settings.feed == {"title": "News", "base-url": "https://example.com"}


def test_packaged_schema_name_is_kept(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text('schema = "article"\n')
    assert load_settings(tmp_path).schema == "article"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jbos = 2\n", ':1: jbos: unknown setting; did you mean "jobs"?'),
        (
            "\nstrict = true\njobs = -1\n",
            ":3: jobs: -1 is negative; give a number of workers from 0 (one per core) to 1024",
        ),
        (
            "jobs = 99999999999999999999\n",
            ":1: jobs: 99999999999999999999 is more than 1024; give a number of workers from 0",
        ),
        ("max-size = 0\n", ":1: max-size: 0 is not a positive whole number; give a size in"),
        (
            "strict = 'yes'\n",
            ":1: strict: 'yes' is a string, not true or false; write strict = true or",
        ),
        (
            'extensions = [\n  ".md",\n  1,\n]\n',
            ':1: extensions: 1 is a whole number, not a string; write each item in quotes: ["..."]',
        ),
        (
            "[rules]\nx = 'loud'\n",
            ":2: rules.x: 'loud' is not a level; use error, warning, info or off",
        ),
        ("[feed]\ntitel = 'x'\n", ':2: feed.titel: unknown feed setting; did you mean "title"?'),
        ("jobs = \n", ":1: cannot read the configuration: Invalid value (column 8)"),
        # An editor's byte order mark: tomllib said only "Invalid statement (at line 1...".
        (
            "\ufeffjobs = 2\n",
            ":1: cannot read the configuration: it starts with a byte order mark",
        ),
        (
            "jobs = " + "[" * 5000 + "]" * 5000 + "\n",
            ": cannot read the configuration: nested too deeply",
        ),
    ],
)
def test_mistakes_name_the_file_the_line_and_the_setting(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "artconv.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path.resolve() / 'artconv.toml'}{message}")


def test_command_line_values_win() -> None:
    settings = Settings(jobs=2, strict=False).with_options(jobs=None, strict=True, select=())
    assert (settings.jobs, settings.strict, settings.select) == (2, True, ())


def test_an_explicit_config_file(tmp_path: Path) -> None:
    from convert.config import load_settings_file

    (tmp_path / "pyproject.toml").write_text("[tool.artconv]\njobs = 5\n")
    (tmp_path / "other.toml").write_text("jobs = 6\n")
    assert load_settings_file(tmp_path / "pyproject.toml").jobs == 5
    assert load_settings_file(tmp_path / "other.toml").jobs == 6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('tool = "x"\n', ":1: tool: 'x' is a string, not a table"),
        ("tool = [1]\n", ":1: tool: [1] is a list, not a table"),
        ("[tool]\nartconv = 3\n", ":2: tool.artconv: 3 is a whole number, not a table"),
    ],
)
def test_a_pyproject_whose_tool_entry_is_not_a_table(
    tmp_path: Path, text: str, message: str
) -> None:
    from convert.config import load_settings_file

    (tmp_path / "pyproject.toml").write_text(text)
    assert load_settings(tmp_path) == Settings()  # no [tool.artconv] table: not ours
    with pytest.raises(ConfigError) as caught:
        load_settings_file(tmp_path / "pyproject.toml")
    assert str(caught.value) == (
        f"{tmp_path / 'pyproject.toml'}{message}; write the settings under [tool.artconv]"
    )


def test_settings_files_are_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a path such as "/dev/zero" would do, at a size a test can write: all three kinds of
    # settings file stop at the limit rather than read on until memory runs out.
    from convert.errors import SchemaError
    from convert.profiles.site import read_site_config
    from convert.schema import load_schema

    monkeypatch.setattr("convert.limits.MAX_SETTINGS_BYTES", 64)
    (tmp_path / "artconv.toml").write_text("jobs = 1\n" + "#" * 100 + "\n")
    (tmp_path / "big.schema.json").write_text('{"type": "object"}' + " " * 100)
    (tmp_path / "_config.yml").write_text("url: https://example.com\n" + "#" * 100 + "\n")
    with pytest.raises(ConfigError, match="larger than the limit of 64 bytes"):
        load_settings(tmp_path)
    with pytest.raises(SchemaError, match="larger than the limit of 64 bytes"):
        load_schema(str(tmp_path / "big.schema.json"))
    with pytest.raises(ConfigError, match="larger than the limit of 64 bytes"):
        read_site_config(tmp_path / "_config.yml")
    monkeypatch.setattr("convert.limits.MAX_SETTINGS_BYTES", 1000)
    assert load_settings(tmp_path).jobs == 1


@pytest.mark.parametrize("limit", [100 * 1024**3, 99999999999999999999])
def test_a_max_size_past_memory_reads_each_file_as_it_is(tmp_path: Path, limit: int) -> None:
    # A read of max-size + 1 bytes set that much memory aside before reading: a generous
    # limit (100 GB, "no limit") failed on every file, MemoryError or OverflowError.
    import subprocess
    import sys

    (tmp_path / "artconv.toml").write_text(f"max-size = {limit}\n")
    record = (ROOT / "examples" / "valid" / "markdown-body.md").read_bytes()
    (tmp_path / "a.md").write_bytes(record)
    runs = [
        ["validate", "a.md"],
        ["validate", "a.md", "--jobs", "2"],
        ["convert", "a.md", "--to", "jsonl"],
        ["fix", "a.md"],
        ["fix", "-"],
    ]
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-m", "convert", *args],
            cwd=tmp_path,
            input=record,
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0, (args, done.stderr.decode())
        assert b"Error" not in done.stderr and b"Traceback" not in done.stderr, args
        if args == ["fix", "-"]:
            assert done.stdout == record


def test_reading_within_a_limit_sets_no_memory_aside_for_it(tmp_path: Path) -> None:
    from convert.loading.files import read_at_most, read_limited

    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 200_000)
    with path.open("rb") as stream:
        assert read_limited(stream, 1 << 62) == b"x" * 200_000
    with path.open("rb") as stream:
        assert read_limited(stream, 199_999) is None
    with path.open("rb") as stream:  # past the file's size, as a file that grows may be
        assert read_at_most(stream, 10) == b"x" * 10
    import io

    assert read_at_most(io.BytesIO(b"y" * 300_000), 1 << 62) == b"y" * 300_000
