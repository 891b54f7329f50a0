"""Option checking and the converter contract: one check for the CLI, the library and plugins."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import EntryPoint
from typing import Any, BinaryIO, ClassVar

import pytest

from convert.converters import get_converter
from convert.converters.writing import options_for
from convert.errors import ConverterError, PluginError
from convert.record import Record


class NoOptions:
    """A converter that forgot to declare its options."""

    name: ClassVar[str] = "bare"
    extension: ClassVar[str] = ".txt"
    media_type: ClassVar[str] = "text/plain"
    collection: ClassVar[bool] = True

    def write(self, records: Iterable[Record], out: BinaryIO, **options: Any) -> None:
        out.write(b"")


def _find(group: str) -> list[EntryPoint]:
    return [EntryPoint("bare", f"{__name__}:NoOptions", group)]


def test_a_converter_must_declare_its_options() -> None:
    with pytest.raises(PluginError, match="lacks options"):
        get_converter("bare", _find)


def test_explicit_options_get_the_converters_own_check() -> None:
    rss = get_converter("rss")
    with pytest.raises(ConverterError, match="does not take --indent"):
        options_for(rss, {}, {"indent": 2})
    with pytest.raises(ConverterError, match="'limit' of format 'rss' must be int"):
        options_for(rss, {}, {"limit": "3"})
    chosen = options_for(rss, {"feed_title": "Config", "indent": 2}, {"limit": 3, "language": None})
    assert chosen == {"feed_title": "Config", "limit": 3}


def test_a_value_of_a_str_subclass_is_named_as_a_str() -> None:
    # A settings file's string is a str subclass keeping where it was written; the message
    # had named that class ("must be int, not Written").
    from convert.config_places import Written
    from convert.converters._options import check_options

    with pytest.raises(ConverterError, match=r"must be int, not str$"):
        check_options("json", {"indent": int}, {"indent": Written("2", "a.toml:2: indent")})
