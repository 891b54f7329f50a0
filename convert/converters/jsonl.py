"""Many records as JSON Lines: one record document per line, streamed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO, ClassVar

from convert.converters import Emit, ignore
from convert.converters._options import check_options
from convert.converters.json_ import encode_record
from convert.record import Record


class JsonLinesConverter:
    """JSON Lines: one line per record, each the same document the json format writes.

    No options. Records are written in input order as they arrive, so any number of records
    needs the memory of one.
    """

    name: ClassVar[str] = "jsonl"
    extension: ClassVar[str] = ".jsonl"
    media_type: ClassVar[str] = "application/jsonl"
    collection: ClassVar[bool] = True
    options: ClassVar[Mapping[str, type]] = {}

    def prepare(
        self, records: Iterable[Record], *, emit: Emit = ignore, **options: Any
    ) -> Iterator[bytes | None]:
        """Each record's line (``None`` when it is left out), for :meth:`write` to take in
        place of the record: the per-record work, done where the records are read."""
        check_options(self.name, self.options, options)
        for record in records:
            data = encode_record(record, None, emit)
            yield None if data is None else data + b"\n"

    def write(
        self,
        records: Iterable[Record | bytes],
        out: BinaryIO,
        *,
        emit: Emit = ignore,
        **options: Any,
    ) -> None:
        check_options(self.name, self.options, options)
        for record in records:
            if isinstance(record, bytes):  # a line prepared elsewhere
                out.write(record)
                continue
            data = encode_record(record, None, emit)
            if data is not None:
                out.write(data + b"\n")
