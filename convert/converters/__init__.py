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

from convert.diagnostics import Diagnostic, FindingKind
from convert.errors import PluginError
from convert.plugins import (
    OWN_DISTRIBUTION,
    Discover,
    PluginSpec,
    _installed,
    discover,
    doc_summary,
)
from convert.record import Record

GROUP = "convert.converters"

Emit = Callable[[Diagnostic], None]
"""Where a converter reports what it had to drop or change, as findings."""


def ignore(_: Diagnostic) -> None:
    """The default sink for converter findings when the caller does not want them."""


@runtime_checkable
class Converter(Protocol):
    """What every converter provides. The class docstring is its user documentation.

    A plugin converter that emits findings of its own may also declare their kinds in a
    ``findings`` tuple of :class:`~convert.diagnostics.FindingKind` (see
    :func:`declared_findings`): ``--select``, ``--ignore`` and the configured levels may then
    name them, and ``artconv rules`` lists them.
    """

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


def declared_findings(converter: object, distribution: str = OWN_DISTRIBUTION) -> list[FindingKind]:
    """The finding kinds ``converter`` declares in its optional ``findings`` attribute, each
    with ``distribution`` as its origin.

    Raises:
        PluginError: ``findings`` is not a sequence of :class:`FindingKind`.
    """
    findings = getattr(converter, "findings", ())
    name = getattr(converter, "name", type(converter).__name__)
    if isinstance(findings, str | bytes) or not isinstance(findings, Iterable):
        raise PluginError(f"{distribution} converter {name!r}: findings must be a tuple of kinds")
    kinds = list(findings)
    wrong = [kind for kind in kinds if not isinstance(kind, FindingKind)]
    if wrong:
        raise PluginError(
            f"{distribution} converter {name!r}: findings must hold FindingKind values, "
            f"not {wrong[0]!r}"
        )
    return [FindingKind(kind.id, kind.severity, kind.summary, distribution) for kind in kinds]


def plugin_finding_kinds(find: Discover = _installed) -> list[FindingKind]:
    """The kinds every installed plugin converter declares (the built-ins declare theirs in
    their modules' ``FINDINGS``); this imports the plugins. One that cannot be loaded, or
    declares its findings wrongly, adds nothing here: a run with it names the failure."""
    kinds: list[FindingKind] = []
    for name, spec in sorted(converter_specs(find).items()):
        if spec.distribution == OWN_DISTRIBUTION:
            continue
        try:
            kinds.extend(declared_findings(get_converter(name, find), spec.distribution))
        except PluginError:
            continue
    return kinds


def describe(converter: object) -> str:
    """A converter's one-line description: its docstring's first line."""
    return doc_summary(converter)
