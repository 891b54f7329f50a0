"""One record as one JSON document: the metadata exactly as written, the body and the source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO, ClassVar

from convert.converters import Emit, ignore
from convert.converters._json import dumps
from convert.converters._options import check_options
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.record import Record
from convert.reporters.json_ import readable_path

FINDINGS = (
    FindingKind(
        "convert/not-json",
        Severity.ERROR,
        "A record's metadata cannot be written as JSON: the record is left out.",
    ),
)

DEFAULT_INDENT = 2


def record_document(record: Record) -> dict[str, Any]:
    """The JSON shape of a record, shared with JSON Lines (documented in the README).

    A source file name that is no UTF-8 is written as the JSON report writes it
    (:func:`convert.reporters.readable_path`): U+FFFD in ``path``, the exact bytes
    percent-encoded in ``rawPath`` right after it. Written as decoded, its lone surrogates
    would turn the whole document into ASCII escapes (``"\\udcff"``) that many readers
    refuse, or fail when they encode the name again.
    """
    path, raw = readable_path(record.path)
    document: dict[str, Any] = {"path": path}
    if raw is not None:
        document["rawPath"] = raw
    document.update(meta=dict(record.meta), body=record.body, body_format=record.body_format)
    original = getattr(record, "original", None)  # a site profile's record: the user's own
    if original is not None:
        document["profile"] = getattr(record, "profile", "")
        document["front_matter"] = dict(original)
    return document


def encode_record(record: Record, indent: int | None, emit: Emit) -> bytes | None:
    """The record's JSON, or ``None`` with an error finding when a value is not JSON."""
    try:
        return dumps(record_document(record), indent)
    except ValueError as exc:
        emit(
            Diagnostic(
                record.path,
                None,
                None,
                "convert/not-json",
                Severity.ERROR,
                f"record left out: {exc}",
            )
        )
        return None


class JsonConverter:
    """One JSON document per record: meta exactly as written, body, body_format and path.

    Options: indent (default 2; 0 writes one line). Dates stay the strings in the file and key
    order is kept, so ``json.loads(output)["meta"]`` equals the record's metadata. Several
    records written to one stream give one document per record, each ending with a newline.
    """

    name: ClassVar[str] = "json"
    extension: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"
    collection: ClassVar[bool] = False
    options: ClassVar[Mapping[str, type]] = {"indent": int}

    def prepare(
        self, records: Iterable[Record], *, emit: Emit = ignore, **options: Any
    ) -> Iterator[bytes | None]:
        """Each record's document as :meth:`write` writes it (``None`` when it is left out),
        for ``write`` to take in place of the record: the per-record work, done where the
        records are read."""
        indent = check_options(self.name, self.options, options).get("indent", DEFAULT_INDENT)
        for record in records:
            data = encode_record(record, indent, emit)
            yield None if data is None else data + b"\n"

    def write(
        self,
        records: Iterable[Record | bytes],
        out: BinaryIO,
        *,
        emit: Emit = ignore,
        **options: Any,
    ) -> None:
        indent = check_options(self.name, self.options, options).get("indent", DEFAULT_INDENT)
        for record in records:
            if isinstance(record, bytes):  # a document prepared elsewhere
                out.write(record)
                continue
            data = encode_record(record, indent, emit)
            if data is not None:
                out.write(data + b"\n")
