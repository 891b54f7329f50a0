"""The ``text`` converter: cleaned plain text, one record after another."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, cast

from convert.config_places import origin_of
from convert.converters import Emit, ignore
from convert.converters._options import check_options
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.errors import ConverterError
from convert.record import Record

if TYPE_CHECKING:
    from convert.text.pipeline import Extractor

FINDINGS = (
    FindingKind(
        "convert/no-text",
        Severity.WARNING,
        "A record or page gave no text at all: its output is an empty line.",
    ),
)


class TextConverter:
    """Cleaned plain text: title, blank line, paragraphs; no markup or page boilerplate.

    Each record becomes its title and its body's paragraphs, one blank line apart, ending in a
    newline; records with front matter and no body give the title and excerpt. Several
    records are separated by a blank line. See :func:`convert.text.clean_record`.

    Options: extractor, for scraped HTML pages: ``auto`` (default: trafilatura when the
    ``html`` extra is installed, else ours), ``builtin`` (ours: about 12 times the pages a
    second of the extra's path, for corpora) or ``trafilatura``.
    """

    name: ClassVar[str] = "text"
    extension: ClassVar[str] = ".txt"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    collection: ClassVar[bool] = False
    options: ClassVar[Mapping[str, type]] = {"extractor": str}

    def prepare(
        self, records: Iterable[Record], *, emit: Emit = ignore, **options: Any
    ) -> Iterator[bytes]:
        """Each record's cleaned text as :meth:`write` writes it, for ``write`` to take in
        place of the record: the per-record work, done where the records are read."""
        extractor = self._extractor(options)
        for record in records:
            yield _cleaned(record, extractor, emit)

    def write(
        self,
        records: Iterable[Record | bytes],
        out: BinaryIO,
        *,
        emit: Emit = ignore,
        **options: Any,
    ) -> None:
        """Write each record's cleaned text as UTF-8, streaming one record at a time."""
        extractor = self._extractor(options)
        first = True
        for record in records:
            if not first:
                out.write(b"\n")
            # bytes: a record's text prepared elsewhere
            out.write(record if isinstance(record, bytes) else _cleaned(record, extractor, emit))
            first = False

    def _extractor(self, options: Mapping[str, Any]) -> Extractor:
        from convert.text.pipeline import EXTRACTORS

        extractor = check_options(self.name, self.options, options).get("extractor", "auto")
        if extractor not in EXTRACTORS:
            origin = origin_of(extractor)
            if origin is not None:
                raise ConverterError(
                    f"{origin}: {extractor!r} is not an extractor; "
                    f"use one of {', '.join(EXTRACTORS)}"
                )
            raise ConverterError(
                f"option 'extractor' of format {self.name!r} must be one of "
                f"{', '.join(EXTRACTORS)}, not {extractor!r}"
            )
        if extractor == "trafilatura":  # a missing package is the run's problem, said once
            from convert.text import traf

            missing = traf.unusable()
            if missing is not None:
                raise ConverterError(str(missing))
        return cast("Extractor", str(extractor))


def _cleaned(record: Record, extractor: Extractor, emit: Emit) -> bytes:
    from convert.text import clean_record

    text = clean_record(record, extractor=extractor)
    if not text:
        # A corpus would otherwise hold an empty file with nothing to say why.
        emit(
            Diagnostic(
                record.path,
                None,
                None,
                "convert/no-text",
                Severity.WARNING,
                "no text: nothing in it reads as a title or an article's text",
                hint="check that the file is the page itself, not a redirect, a script that"
                " builds the page, or an error page",
            )
        )
    return text.encode("utf-8") + b"\n"
