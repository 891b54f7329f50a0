"""Conversion as a library: records in, a converter, bytes out, findings returned.

The command line is a thin layer over this module. Here live the decisions that do not belong
to any one format: which options a converter gets (configured feed settings only where the
format declares them, explicit options always checked), which records are fit to convert, and
how per-record formats lay out one file per input without ever touching an input.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, NamedTuple, Protocol

from convert.atomic import SYNC_LOT, NotRegularFileError, atomic_output, folder_syncs_deferred
from convert.config_places import WrittenTable, plain
from convert.converters import Converter, Emit, get_converter
from convert.converters._options import check_options, fits
from convert.converters.feeds.settings import CONFIG_FEED_KEYS
from convert.diagnostics import Diagnostic, FindingKind, Severity, sort_diagnostics
from convert.errors import ConverterError
from convert.loading.compressed import inner_name
from convert.plugins import Discover, _installed
from convert.record import Record

FINDINGS = (
    FindingKind(
        "convert/output-clash",
        Severity.ERROR,
        "An output file would overwrite an input or another output: not written.",
    ),
    FindingKind(
        "convert/output-not-regular",
        Severity.ERROR,
        "A FIFO, socket, device or folder stands at an output file's name: not written.",
    ),
    FindingKind(
        "convert/output-name",
        Severity.ERROR,
        "An output file's name or path is longer than the file system allows: not written.",
    ),
)


class Written(Protocol):
    """The outputs a per-record run has written: a set of paths, or one that spills."""

    def add(self, path: Path, /) -> None: ...

    def __contains__(self, path: object, /) -> bool: ...


class Rendered(NamedTuple):
    """A record's own file, rendered elsewhere (a worker process, a cluster's worker) for the
    process that arbitrates outputs to write or refuse: the record's path, which a clash
    finding names, the file's bytes, and the converter's findings on it, which count only
    if the file is written (a refused record is not converted, as in one process)."""

    path: str
    data: bytes
    findings: tuple[Diagnostic, ...] = ()


def convert(
    records: Iterable[Record],
    fmt: str | Converter,
    out: BinaryIO,
    *,
    find: Discover = _installed,
    **options: Any,
) -> list[Diagnostic]:
    """Write ``records`` to ``out`` in format ``fmt`` and return the findings, sorted.

    A per-record format writes one document after another to the same stream.

    Raises:
        PluginError: the format is unknown or its plugin is broken.
        ConverterError: an option the format does not take, or of the wrong type.
    """
    converter = get_converter(fmt, find) if isinstance(fmt, str) else fmt
    found: list[Diagnostic] = []
    converter.write(records, out, emit=found.append, **options)
    return sort_diagnostics(found)


def options_for(
    converter: Converter, configured: Mapping[str, Any], given: Mapping[str, Any]
) -> dict[str, Any]:
    """The options to pass: configured ones the format declares, then explicit ones over them.

    Configuration is shared by every format, so a feed title in the config is not an error when
    converting to json; an explicit option the format does not take is.

    Raises:
        ConverterError: an explicit option the format does not declare, or of the wrong type
            (the same check the converter itself makes, so the two can never disagree).
    """
    declared = converter.options
    keep = reads_origins(converter)
    chosen = {k: v if keep else plain(v) for k, v in configured.items() if k in declared}
    chosen.update(check_options(converter.name, declared, given, flags=True))
    return chosen


def reads_origins(converter: Converter) -> bool:
    """Whether ``converter`` is one of this package's own, which take a setting's value as
    written (a :class:`~convert.config_places.Written` string), so that a value they refuse
    (a feed link with no base to join it to, an unknown extractor) is named by its file,
    line and key; they hand only plain strings on to their output. A plugin's converter gets
    plain ``str`` values, which any library it writes with takes."""
    return type(converter).__module__.partition(".")[0] == __name__.partition(".")[0]


def configured_options(
    converter: Converter, table: Mapping[str, Any], source: Any
) -> dict[str, Any]:
    """A converter's ``[tool.artconv.converters.NAME]`` table, checked as explicit options are.

    A value of the wrong kind is worded as any settings mistake, in TOML's terms (``"2" is a
    string, not a whole number``).

    Raises:
        ConverterError: an option the converter does not declare, or of the wrong type; the
            message names the config file, line and key.
    """
    from convert.config_values import wrong_kind

    origins = table.origins if isinstance(table, WrittenTable) else {}
    spelt = table.spelt if isinstance(table, WrittenTable) else {}
    checked: dict[str, Any] = {}
    for key, value in table.items():  # one at a time, to say where the wrong one is written
        where = origins.get(key) or f"{source}: converters.{converter.name}"
        wanted = converter.options.get(key)
        if wanted is not None and value is not None and not fits(value, wanted):
            problem, fix = wrong_kind(value, wanted, spelt.get(key, key))
            raise ConverterError(f"{where}: {problem}; {fix}")
        try:
            checked.update(check_options(converter.name, converter.options, {key: value}))
        except ConverterError as exc:
            raise ConverterError(f"{where}: {exc}") from exc
    return checked


def feed_options(feed: Mapping[str, str]) -> dict[str, str]:
    """Converter options from a ``[tool.artconv.feed]`` table."""
    return {CONFIG_FEED_KEYS[k]: v for k, v in feed.items() if k in CONFIG_FEED_KEYS}


def fit_to_convert(record: Record, findings: Iterable[Diagnostic], *, validated: bool) -> bool:
    """Whether a record goes to the converter.

    Unreadable metadata never does: converting it would publish a record that says nothing.
    After validation, a record with any error-level finding is skipped too.
    """
    if not record.intact:
        return False
    return not (validated and any(d.severity is Severity.ERROR for d in findings))


def output_path(folder: Path, relative: str, extension: str) -> Path:
    """Where a per-record output goes: ``relative`` below ``folder`` with the format's suffix
    in place of its own, or of the name inside a compressed file (``page.html.gz``: page)."""
    parts = PurePosixPath(relative)
    stem = PurePosixPath(inner_name(parts.name)).stem
    return folder.joinpath(*parts.parent.parts, stem + extension)


def write_each(
    entries: Iterable[tuple[Record, str]],
    converter: Converter,
    folder: Path,
    emit: Emit,
    protected: Callable[[Path], bool],
    written: Written | None = None,
    **options: Any,
) -> int:
    """Write each record to its own file below ``folder``; returns how many were written.

    ``protected(path)`` says whether a path is an input: such a target, or one two inputs
    would both write, is an error finding and the record is not written. ``written`` holds
    the paths written so far (a plain set unless the caller brings one that stays small).
    """
    done: Written = set() if written is None else written
    count = 0
    with folder_syncs_deferred(every=SYNC_LOT):  # each folder synced once a lot, not per file
        for record, relative in entries:
            target = output_path(folder, relative, converter.extension)
            resolved = target.resolve()
            is_input = protected(resolved)
            if is_input or resolved in done:
                emit(output_clash(record.path, target.as_posix(), is_input))
                continue
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with atomic_output(target, files_only=True) as stream:
                    converter.write([record], stream, emit=emit, **options)
            except OSError as exc:
                refused = output_refused(exc, record.path, target.as_posix())
                if refused is None:
                    raise
                emit(refused)
                continue
            done.add(resolved)
            count += 1
    return count


def output_clash(path: str, target: str, is_input: bool) -> Diagnostic:
    """The finding on a record whose own file is not written: ``target`` is one of the
    inputs (``is_input``) or another input's output."""
    clash = "is one of the inputs" if is_input else "was already written by another input"
    return Diagnostic(
        path,
        None,
        None,
        "convert/output-clash",
        Severity.ERROR,
        f"not written: the output {target} {clash}",
    )


def output_refused(exc: OSError, path: str, target: str) -> Diagnostic | None:
    """The finding on a record whose own file ``target`` could not be written for a reason
    of its own, the rest of the batch going on; ``None`` for a failure that ends the run."""
    if isinstance(exc, NotRegularFileError):
        return Diagnostic(
            path,
            None,
            None,
            "convert/output-not-regular",
            Severity.ERROR,
            f"not written: the output {target} is {exc.kind}, not a file; it was left alone",
            hint="remove it or choose another -o folder",
        )
    return output_name_refused(path, target) if name_refused(exc) else None


def name_refused(exc: OSError) -> bool:
    """Whether a write failed on the output's name itself, which is this record's problem
    alone (the next one's may fit), unlike a full disk or a read-only folder, which end the
    run."""
    return exc.errno == errno.ENAMETOOLONG


NAME_BYTES = 255
"""The longest file name most file systems take; a refused output whose name is no longer was
refused for its whole path (4,095 bytes on most systems)."""


def output_name_refused(path: str, target: str) -> Diagnostic:
    """The finding on a record whose own file's name or path the file system refuses as too
    long: it says which, so that the user knows what to shorten."""
    name = len(os.fsencode(target.rsplit("/", 1)[-1]))
    if name > NAME_BYTES:
        why = f"a name of {name} bytes; most take {NAME_BYTES}): shorten the input's name"
    else:
        whole = target if "://" in target else os.path.abspath(target)  # noqa: PTH100
        size = len(os.fsencode(whole))
        why = f"a path of {size} bytes; most take 4,095): shorten the input's folders"
    return Diagnostic(
        path,
        None,
        None,
        "convert/output-name",
        Severity.ERROR,
        f"not written: {target} is too long for the file system ({why} or -o's path",
    )
