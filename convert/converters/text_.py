"""The ``text`` converter: cleaned plain text, one record after another."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO, ClassVar

from convert.converters import Emit, ignore
from convert.converters._options import check_options
from convert.record import Record


class TextConverter:
    """Cleaned plain text: title, blank line, paragraphs; no markup or page boilerplate.

    Each record becomes its title and its body's paragraphs, one blank line apart, ending in a
    newline; records with front matter and no body give the title and excerpt. Several
    records are separated by a blank line. See :func:`convert.text.clean_record`.
    """

    name: ClassVar[str] = "text"
    extension: ClassVar[str] = ".txt"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    collection: ClassVar[bool] = False
    options: ClassVar[Mapping[str, type]] = {}

    def prepare(
        self, records: Iterable[Record], *, emit: Emit = ignore, **options: Any
    ) -> Iterator[bytes]:
        """Each record's cleaned text as :meth:`write` writes it, for ``write`` to take in
        place of the record: the per-record work, done where the records are read."""
        check_options(self.name, self.options, options)
        for record in records:
            yield _cleaned(record)

    def write(
        self,
        records: Iterable[Record | bytes],
        out: BinaryIO,
        *,
        emit: Emit = ignore,
        **options: Any,
    ) -> None:
        """Write each record's cleaned text as UTF-8, streaming one record at a time."""
        check_options(self.name, self.options, options)
        first = True
        for record in records:
            if not first:
                out.write(b"\n")
            # bytes: a record's text prepared elsewhere
            out.write(record if isinstance(record, bytes) else _cleaned(record))
            first = False


def _cleaned(record: Record) -> bytes:
    from convert.text import clean_record

    return clean_record(record).encode("utf-8") + b"\n"
