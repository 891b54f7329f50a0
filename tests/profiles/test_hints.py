"""A profile's hints write keys in the page's own front-matter syntax: YAML, TOML or JSON."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from convert import load
from convert.profiles import ProfileOptions
from convert.profiles.base import MappedRecord
from convert.profiles.mapping import Mapper
from tests.profiles.test_real_shapes import BASE, mapped

BLOCKS = {
    "yaml": ("---\n", "---\n"),
    "toml": ("+++\n", "+++\n"),
    "json": ("{\n", "}\n"),
}
"""Each kind's fences; the fields between are written by the test in that kind's syntax."""


def hint_for(record: MappedRecord, words: str) -> str:
    (hint,) = [p.hint for p in record.problems if words in p.message]
    return hint


def setting_in(hint: str, verb: str) -> str:
    """The key and value a hint asks to ``verb`` (``add date = 2024-01-05 to ...``)."""
    match = re.search(rf"\b{verb} (.+?)(?: to the front matter|,| for a page)", hint)
    assert match is not None, hint
    return match.group(1)


def parsed(kind: str, text: str) -> object:
    """``text`` read as a line of ``kind`` front matter."""
    if kind == "toml":
        return tomllib.loads(text)
    if kind == "json":
        return json.loads("{" + text + "}")
    return yaml.safe_load(text)


@pytest.mark.parametrize(
    ("kind", "fields", "date", "title"),
    [
        ("yaml", "draft: false\n", "date: 2024-01-05", "title: My article"),
        ("toml", "draft = false\n", "date = 2024-01-05", 'title = "My article"'),
        ("json", '"draft": false\n', '"date": "2024-01-05"', '"title": "My article"'),
    ],
)
def test_a_hugo_pages_missing_fields_are_hinted_in_its_own_syntax(
    tmp_path: Path, kind: str, fields: str, date: str, title: str
) -> None:
    opening, closing = BLOCKS[kind]
    record = mapped(tmp_path, "hugo", "content/posts/a.md", opening + fields + closing + "Text.\n")
    date_hint = hint_for(record, 'cannot make "publishedDateTime"')
    title_hint = hint_for(record, 'cannot make "title"')
    assert date_hint == f"add {date} to the front matter"
    assert title_hint == f"add {title} to the front matter"
    written = parsed(kind, setting_in(date_hint, "add"))
    assert isinstance(written, dict) and str(written["date"]) == "2024-01-05"
    assert parsed(kind, setting_in(title_hint, "add")) == {"title": "My article"}


def test_a_zola_page_without_a_date_gets_a_toml_hint(tmp_path: Path) -> None:
    record = mapped(tmp_path, "zola", "content/blog/a.md", '+++\ntitle = "A"\n+++\nText.\n')
    hint = hint_for(record, 'cannot make "publishedDateTime"')
    assert hint == "add date = 2024-01-05 to the front matter"
    assert "date" in tomllib.loads(setting_in(hint, "add"))


@pytest.mark.parametrize("kind", ["yaml", "toml", "json"])
def test_hugos_build_render_hint_is_written_in_the_pages_syntax(tmp_path: Path, kind: str) -> None:
    never = {
        "yaml": "title: A\ndate: 2024-01-05\nbuild:\n  render: never\n",
        "toml": 'title = "A"\ndate = 2024-01-05\n[build]\nrender = "never"\n',
        "json": '"title": "A", "date": "2024-01-05", "build": {"render": "never"}\n',
    }[kind]
    opening, closing = BLOCKS[kind]
    record = mapped(tmp_path, "hugo", "content/posts/a.md", opening + never + closing + "Text.\n")
    hint = hint_for(record, "Hugo renders no page for it")
    assert parsed(kind, setting_in(hint, "set")) == {"build": {"render": "always"}}


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("toml", 'title = "A"\ndate = 2024-01-05\nrender = false\n'),
        ("yaml", "title: A\ndate: 2024-01-05\nrender: false\n"),
    ],
)
def test_zolas_render_hint_is_written_in_the_pages_syntax(
    tmp_path: Path, kind: str, fields: str
) -> None:
    opening, closing = BLOCKS[kind]
    record = mapped(tmp_path, "zola", "content/blog/a.md", opening + fields + closing + "Text.\n")
    hint = hint_for(record, "Zola renders no page for it")
    assert parsed(kind, setting_in(hint, "remove")) == {"render": False}


def test_a_key_given_as_a_pointer_is_hinted_as_nested_keys(tmp_path: Path) -> None:
    options = ProfileOptions("hugo", base_url=BASE, fields={"title": ("/params/heading",)})
    path = tmp_path / "content/posts/a.md"
    path.parent.mkdir(parents=True)
    path.write_text("+++\ndate = 2024-01-05\n+++\nText.\n", encoding="utf-8")
    record = Mapper(options).apply(load(path))
    assert isinstance(record, MappedRecord)
    hint = hint_for(record, 'cannot make "title"')
    assert tomllib.loads(setting_in(hint, "add")) == {"params": {"heading": "My article"}}
