"""Docstrings shown by ``rules``, ``formats``, ``profiles`` and ``--help`` read as plain text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.metadata import EntryPoint
from typing import Any, ClassVar

import click
import pytest
from click.testing import CliRunner

from convert.cli import COMMANDS, main
from convert.cli.common import Command
from convert.cli.doc_text import plain_text
from tests.scaling import FACTOR, assert_linear

MARKUP = re.compile(r":[\w:+.-]+:`|``")


@pytest.mark.parametrize(
    ("doc", "shown"),
    [
        ("(:func:`convert.web_address.host_problem`)", "(convert.web_address.host_problem)"),
        (":py:meth:`Report.exit_code` decides", "Report.exit_code decides"),
        ("see :func:`~convert.web_address.host_problem`", "see host_problem"),
        (":class:`!Interrupted`", "Interrupted"),
        (":ref:`the rule list <rules>`", "the rule list"),
        (":rfc:`5646`", "RFC 5646"),  # as Sphinx shows it
        (":pep:`8` style", "PEP 8 style"),
        (":rfc:`the HTTP spec <2616>`", "the HTTP spec"),  # a title is shown alone
        ("a ``literal`` here", "a literal here"),
        # what is no role stays: namespaced names, addresses, Markdown's single backquotes
        ("media:content, content:encoded, https://example.com/", None),
        ("see `artconv formats`", None),
    ],
)
def test_roles_and_literals_become_their_text(doc: str, shown: str | None) -> None:
    assert plain_text(doc) == (doc if shown is None else shown)


def test_long_text_without_a_closing_backquote_is_read_in_linear_time() -> None:
    """8 times the text costs about 8 times, not 64: no role is looked for again from each
    opener to the end."""
    assert_linear(plain_text, lambda n: ":a:b:`" * n + ":x:" * n, 20_000 // FACTOR)


def test_rules_verbose_shows_no_sphinx_markup() -> None:
    shown = CliRunner().invoke(main, ["rules", "-v"]).stdout
    assert "(convert.web_address.host_problem)" in shown
    assert MARKUP.search(shown) is None


def test_rules_json_summaries_show_no_sphinx_markup() -> None:
    shown = CliRunner().invoke(main, ["rules", "--json"]).stdout
    assert '"summary"' in shown and MARKUP.search(shown) is None


@pytest.mark.parametrize(
    "args", [[], *([name] for name in COMMANDS), ["profile", "show"]], ids=" ".join
)
def test_help_shows_no_sphinx_markup(args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout
    assert MARKUP.search(result.stdout) is None


def test_a_commands_docstring_and_option_help_read_as_plain_text() -> None:
    @click.command(cls=Command)
    @click.option("--level", help="As :meth:`convert.policy.Policy.level` reads it.")
    def check(level: str | None) -> None:
        """Check as :class:`~convert.validation.Validator` does."""

    shown = " ".join(CliRunner().invoke(check, ["--help"]).stdout.split())
    assert "Check as Validator does." in shown
    assert "As convert.policy.Policy.level reads it." in shown


class MarkedUpConverter:
    """Text as :func:`convert.text.plain` cleans it, for ``grep``."""

    name: ClassVar[str] = "marked"
    extension: ClassVar[str] = ".mk"
    media_type: ClassVar[str] = "text/plain"
    collection: ClassVar[bool] = True
    options: ClassVar[dict[str, type]] = {}
    findings: ClassVar[tuple[Any, ...]] = ()

    def write(self, records: Iterable[Any], out: Any, **options: Any) -> None:
        pass


def test_a_plugin_formats_description_shows_no_sphinx_markup() -> None:
    def find(group: str) -> list[EntryPoint]:
        if group != "convert.converters":
            return []
        return [EntryPoint("marked", f"{__name__}:MarkedUpConverter", group)]

    shown = CliRunner().invoke(main, ["formats"], obj={"find": find}).stdout
    line = next(x for x in shown.splitlines() if x.startswith("marked"))
    assert line.endswith("Text as convert.text.plain cleans it, for grep.")


def test_profiles_show_no_sphinx_markup() -> None:
    shown = CliRunner().invoke(main, ["profiles"]).stdout
    assert "jekyll" in shown and MARKUP.search(shown) is None
