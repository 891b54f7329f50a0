"""The converter interface and registry.

A converter turns an iterator of records into bytes on a binary stream. Collection converters
(feeds, JSON Lines) write one document for many records; the others write one document per record.
Converters stream, so memory stays bounded whatever the input length: a per-record format holds
only the record it is writing, and a feed, which must be written newest first, sorts within a
memory budget and spills the rest to disk (see ``feeds.order``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, BinaryIO, ClassVar, Protocol, runtime_checkable

from convert.diagnostics import Diagnostic
from convert.errors import PluginError
from convert.plugins import Discover, PluginSpec, _installed, discover, doc_summary
from convert.record import Record

GROUP = "convert.converters"

Emit = Callable[[Diagnostic], None]
"""Where a converter reports what it had to drop or change, as findings."""


def ignore(_: Diagnostic) -> None:
    """The default sink for converter findings when the caller does not want them."""


@runtime_checkable
class Converter(Protocol):
    """What every converter provides. The class docstring is its user documentation."""

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]
    collection: ClassVar[bool]
    options: ClassVar[Mapping[str, type]]

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Emit = ignore, **options: Any
    ) -> None: ...


def converter_specs(find: Discover = _installed) -> dict[str, PluginSpec]:
    """Every known converter by name, without importing any of them."""
    return discover(GROUP, find)


def get_converter(name: str, find: Discover = _installed) -> Converter:
    """Import and instantiate the converter called ``name``.

    Raises:
        PluginError: the name is unknown, or the plugin fails to import or is not a converter.
    """
    specs = converter_specs(find)
    spec = specs.get(name)
    if spec is None:
        known = ", ".join(sorted(specs))
        raise PluginError(f"unknown format {name!r}; available formats: {known}")
    factory = spec.load()
    try:
        converter = factory()
    except Exception as exc:
        raise PluginError(f"{spec.distribution} converter {name!r} failed to start: {exc}") from exc
    missing = [
        attr
        for attr in ("name", "extension", "media_type", "collection", "options", "write")
        if not hasattr(converter, attr)
    ]
    if missing:
        raise PluginError(
            f"{spec.distribution} plugin {name!r} ({spec.target}) is not a converter: "
            f"it lacks {', '.join(missing)}"
        )
    return converter  # type: ignore[no-any-return]


def describe(converter: object) -> str:
    """A converter's one-line description: its docstring's first line."""
    return doc_summary(converter)
