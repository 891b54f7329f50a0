"""``convert_paths``: a whole conversion run as one library call.

Files are read in the order they are named and walked (feeds break date ties by it, JSON Lines
keeps it), on this process or on workers, and stream into the converter: a feed or JSON Lines
document is written as the records arrive, never holding the list of files. Worker processes
convert as well as load (:mod:`convert.run.per_record`): they send back rendered rows, or each
record's file as bytes, which this process merges, or writes and refuses, in input order.

Only a run that writes one file per record into a folder first notes which files are inputs
(device and inode) and then which outputs it has written, so that no output can ever replace an
input or another output; both sets move to a temporary file past 20,000 members, so memory
stays fixed.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, closing, nullcontext
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from convert.batch import Input, file_identity, map_ordered
from convert.config import Settings, load_settings
from convert.diagnostics import Diagnostic
from convert.errors import ConvertError
from convert.limits import worker_count
from convert.plugins import Discover, _installed
from convert.record import STDIN
from convert.run import worker
from convert.run.arguments import PathArgument, path_list
from convert.run.discovery import named_inputs, sorted_inputs
from convert.run.ordered import OrderedFindings
from convert.run.report import RunReport
from convert.run.seen import PathSet, SpillingSet, identity_key
from convert.run.site_walk import SiteWalk, found_site
from convert.run.urls import is_url, staged_output, url_exists
from convert.run.worker import CheckSettings

if TYPE_CHECKING:
    from convert.validation import Policy


class OutputConflictError(ConvertError):
    """The output cannot go where it was asked to (a folder for one file, an input, ...)."""


NO_RECORDS = "the run found no record files"
"""Why a run that found nothing wrote no ``-o`` file (:attr:`RunReport.kept`)."""


class _WithheldError(Exception):
    """Raised inside the atomic writer's block: the document must not replace its target."""


def convert_paths(
    paths: PathArgument | Iterable[PathArgument],
    fmt: str,
    output: str | Path | None = None,
    *,
    settings: Settings | None = None,
    jobs: int = 1,
    validate: bool = False,
    stdout: BinaryIO | None = None,
    stdin: bytes | None = None,
    find: Discover = _installed,
    watch: Callable[[Iterator[Any]], Iterator[Any]] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    partition: int = 1000,
    profile: Any = None,
    fsync: bool = True,
    **options: Any,
) -> RunReport:
    """Convert every record under ``paths`` to ``fmt``; returns the run's findings (read
    them before the counts), in report order, streamed from a temporary file.

    Args:
        output: the file (feeds, jsonl; or one record) or folder (one file per record) to
            write; ``None`` writes to ``stdout`` (default: standard output's bytes). A name
            ending in ``/`` is a folder, as ``cp`` and ``mv`` read it. The one file (or
            URL) is not written when a path or URL named in ``paths`` does not exist, nor
            when no record file is found and the file is there already (or the format
            writes one file per record): the report's ``kept`` says why. A missing named
            input is no record: beside one record found, a new name with a suffix is
            still that record's one file.
        validate: validate first and leave out records with error-level findings.
        watch: sees each file's outcome as it finishes, in input order (a progress bar:
            it counts the work done, however far ahead the workers have been sent files).
        engine: ``local`` (this process, or ``jobs`` processes) or ``dask`` (records are
            loaded on the cluster at ``scheduler``, or ``DASK_SCHEDULER_ADDRESS``, or a local
            one of ``jobs`` workers, in partitions of ``partition`` files).
        profile: a site profile's options (:class:`convert.profiles.ProfileOptions`) to map
            each record with before it is converted.
        fsync: make each output durable before it replaces its target (the default); false
            for outputs that can be made again, where the fsyncs cost more than the writing
            (every output is still written whole or not at all, but a power loss may leave
            the last ones empty or missing).
        options: converter options (``feed_title=...``), over those of the configuration.

    Raises:
        PluginError, ConverterError, SchemaError, ConfigError: before any file is read.
        OutputConflictError: the output is a folder (or a name ending in ``/``) where one
            file goes, a file where a folder goes, or one of the inputs.
        OSError: the output cannot be written (every output is left whole, old or new).
        ValueError: ``jobs`` is negative or past :data:`convert.limits.MAX_JOBS`.
    """
    workers = worker_count("convert_paths", jobs)
    from convert.converters import declared_findings, get_converter
    from convert.converters.writing import (
        configured_options,
        feed_options,
        fit_to_convert,
        options_for,
    )
    from convert.validation import Policy

    chosen_settings = settings or load_settings()
    converter = get_converter(fmt, find)
    if profile is not None and "base_url" not in converter.options:
        options.pop("base_url", None)  # the site's address, which the profile has taken
    configured = feed_options(chosen_settings.feed)
    table = chosen_settings.converters.get(converter.name, {})
    configured.update(configured_options(converter, table, chosen_settings.source))
    chosen = options_for(converter, configured, options)
    # On a cluster, workers write one file per record straight to the store.
    to_store = engine == "dask" and not converter.collection
    if output is not None and is_url(str(output)) and not to_store:
        with staged_output(str(output), converter.collection) as stage:
            report = convert_paths(
                paths,
                converter.name,
                stage.path,
                settings=chosen_settings,
                jobs=jobs,
                validate=validate,
                stdout=stdout,
                stdin=stdin,
                find=find,
                watch=watch,
                engine=engine,
                scheduler=scheduler,
                partition=partition,
                profile=profile,
                fsync=fsync,
                **options,
            )
            stage.publish = report.kept is None  # withheld from the store as from a file
        return report
    paths = path_list(paths)
    target = Path(output) if output is not None and not is_url(str(output)) else None
    profile, site_notes = found_site(profile, paths)  # the walked site's own configuration
    if profile is not None and "feed_link" in converter.options:
        from convert.converters.feeds.settings import with_site_link

        chosen = with_site_link(chosen, profile.base_url)  # a feed's site is the site's
    walk = SiteWalk(profile, site_notes)
    missing: list[str] = []
    found = _noting_missing(_inputs(paths, chosen_settings, target, walk), paths, missing)
    # Enough inputs to tell one record from more: a named input that is missing is none.
    first: list[Input] = []
    for item in found:
        first.append(item)
        if len(first) - len(missing) > 1:
            break
    records = len(first) - len(missing)
    inputs: Iterator[Input] = chain(first, found)
    folder_named = target is not None and _names_folder(str(output))
    # One record may go to a named file: a new name with a suffix (a name without one is the
    # folder to make), or anything there already that is no folder (a file, /dev/stdout);
    # so may none, which writes nothing (no folder made for it either).
    to_file = (
        target is not None
        and not folder_named
        and (
            converter.collection
            or (records <= 1 and not target.is_dir() and (bool(target.suffix) or target.exists()))
        )
    )
    single = to_file or converter.collection
    if target is not None and single and (folder_named or target.is_dir()):
        shown = output if folder_named else target
        raise OutputConflictError(f"{shown} is a folder; {fmt} writes one file")
    if target is not None and not to_file and target.exists() and not target.is_dir():
        one_file = "; --to jsonl writes them all to one file" if fmt == "json" else ""
        raise OutputConflictError(
            f"{target} is not a folder; {fmt} writes one file per record (a named file only "
            f"when there is one record), so -o must be a folder{one_file}"
        )
    if stdin is None:
        stdin = worker.read_stdin(paths, chosen_settings.max_size)
    check = CheckSettings(
        validate,
        chosen_settings.schema,
        chosen_settings.select,
        chosen_settings.ignore,
        chosen_settings.levels,
        chosen_settings.max_size,
        stdin,
        profile=profile,
        known=tuple(kind.id for kind in declared_findings(converter)),
    )
    if not validate:  # the validator checks the policy itself; converter findings obey it too
        from convert.validation import check_policy

        check_policy(
            Policy(chosen_settings.select, chosen_settings.ignore, chosen_settings.levels),
            check.known,
        )
    worker.setup(check)  # a bad schema or rule plugin fails here, before any file
    there = target is not None and target.is_file()
    if not first and output is not None and (not converter.collection or there):
        # Nothing found (a mistyped folder, extensions that match nothing): an existing
        # file is not emptied, and one file per record (into a store too) has none to write.
        return RunReport(iter(()), strict=chosen_settings.strict, kept=NO_RECORDS, inputs=0)
    # The one file is left as it was when a named input is missing: a feed without its
    # items must not replace the published one. A FIFO or device is written into as ever.
    withhold: Callable[[], str | None] | None = None
    if to_file and target is not None and not _special(target):
        withhold = partial(_missing_named, missing)
    if to_file and target is not None:
        inputs = _guarded(inputs, target)
    pending: deque[Input] = deque()

    def remembered() -> Iterator[Input]:
        for item in inputs:
            pending.append(item)
            yield item

    ordered = OrderedFindings()
    files = met = 0
    # Converter findings obey the same select/ignore/levels as the validator's.
    policy = Policy(chosen_settings.select, chosen_settings.ignore, chosen_settings.levels)

    def emit(diagnostic: Diagnostic) -> None:
        kept = policy.apply(diagnostic)
        if kept is not None:
            ordered.add(kept)

    def noted(item: Input, diagnostics: list[Diagnostic]) -> None:
        nonlocal files, met
        ordered.begin(item.display)
        files += item.is_file
        met += 1
        ordered.extend(diagnostics)

    def finished() -> RunReport:
        """The run's report once its records are written, on workers or here alike."""
        return RunReport(
            ordered.results(),
            strict=chosen_settings.strict,
            close=ordered.close,
            files=files,
            notes=lambda: _kept(walk.notes(), policy),
            kept=withhold() if withhold is not None else None,
            inputs=met,
        )

    spills: list[SpillingSet] = []

    def protected() -> Callable[[Path], bool]:
        assert target is not None  # only a run into a folder protects its inputs
        identities = _input_identities(paths, chosen_settings, target)
        spills.append(identities)
        return lambda path: _is_input(path, identities)

    if engine == "dask" or workers > 1:  # the workers convert too: small results come back
        if engine == "dask":
            from convert.run.dask_convert import convert_on_cluster

            at = output if output is not None and is_url(str(output)) else target
            run: Callable[..., None] = partial(
                convert_on_cluster,
                output=at,
                scheduler=scheduler,
                workers=jobs,
                partition=partition,
                durable=fsync,
            )
        else:
            from convert.run.jobs_convert import convert_on_workers

            run = partial(convert_on_workers, output=target, workers=workers, durable=fsync)
        try:
            with _syncs(fsync):  # what this process writes: one document, arbitrated files
                run(
                    inputs,
                    check,
                    converter,
                    chosen,
                    emit,
                    noted,
                    to_file=to_file,
                    stdout=stdout,
                    protected=protected,
                    watch=watch,
                    withhold=withhold,
                )
        except BaseException:
            ordered.close()
            raise
        finally:
            for identities in spills:
                identities.close()
        return finished()
    loaded = map_ordered(worker.check, remembered(), initializer=worker.setup, initargs=(check,))
    if watch is not None:
        loaded = watch(loaded)  # type: ignore[assignment]

    def fit() -> Iterator[tuple[Any, str]]:
        for record, findings in loaded:
            item = pending.popleft()
            noted(item, findings)
            if fit_to_convert(record, findings, validated=validate):
                yield record, item.relative

    try:
        with closing(loaded), _syncs(fsync):  # an interrupt stops the workers at once
            _run(
                converter,
                fit(),
                target,
                to_file,
                stdout,
                emit,
                chosen,
                paths,
                chosen_settings,
                withhold,
            )
    except BaseException:
        ordered.close()
        raise
    return finished()


def _syncs(fsync: bool) -> AbstractContextManager[None]:
    """The block this process writes in: as always, or without fsyncs (``fsync=False``)."""
    from convert.atomic import folder_syncs_deferred

    return nullcontext() if fsync else folder_syncs_deferred(durable=False)


def _run(
    converter: Any,
    entries: Iterator[tuple[Any, str]],
    target: Path | None,
    to_file: bool,
    stdout: BinaryIO | None,
    emit: Callable[[Diagnostic], None],
    options: dict[str, Any],
    paths: list[str],
    settings: Settings,
    withhold: Callable[[], str | None] | None = None,
) -> None:
    """Write the records: to standard output, to one file, or one file each into a folder."""
    from convert.converters.writing import write_each

    if target is None or to_file:
        records = (r for r, _ in entries)
        write_document(converter, records, target, stdout, emit, options, withhold)
    else:
        with closing(_input_identities(paths, settings, target)) as identities:
            written = PathSet()
            with closing(written):
                target.mkdir(parents=True, exist_ok=True)
                write_each(
                    entries,
                    converter,
                    target,
                    emit,
                    lambda path: _is_input(path, identities),
                    written,
                    **options,
                )


def _inputs(
    paths: list[str], settings: Settings, output: Path | None, walk: SiteWalk | None = None
) -> Iterator[Input]:
    """The inputs in the order named and walked, the ``output`` folder not walked into, and
    under a site profile a site's root walked for its content alone; with URLs among them
    (listed by their store, not walked), in text order of their paths."""
    find = sorted_inputs if any(is_url(path) for path in paths) else named_inputs
    return find(
        paths,
        settings.extensions,
        settings.exclude,
        output=output,
        scope=walk,
        force_root=settings.force_root(),
    )


def _names_folder(output: str) -> bool:
    """Whether ``-o`` names a folder by its ending, as ``cp`` and ``mv`` read ``dir/``."""
    return not is_url(output) and output.endswith(("/", os.sep))


def _special(target: Path) -> bool:
    """Whether ``target`` is there and no regular file (a FIFO, ``/dev/stdout``): written
    into, not replaced, so there is nothing to leave as it was."""
    return target.exists() and not target.is_file()


def _noting_missing(
    inputs: Iterable[Input], paths: list[str], missing: list[str]
) -> Iterator[Input]:
    """Pass ``inputs`` on, adding to ``missing`` each one named in ``paths`` that does not
    exist (a typo, a folder moved away): found as the run reads, so a file that
    ``--force-exclude`` leaves out counts for nothing."""
    named = {path for path in paths if path != STDIN}
    for item in inputs:
        if item.kind == "file" and item.path in named and not _exists(item.path):
            missing.append(item.display)
        yield item


def _exists(path: str) -> bool:
    """Whether a named input is there: a local path, or a URL its store holds."""
    return url_exists(path) if is_url(path) else os.path.exists(path)  # noqa: PTH110


def _missing_named(missing: list[str]) -> str | None:
    """Why the one file is not written (``None``: it is): the inputs named but missing."""
    if not missing:
        return None
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    return f"{missing[0]}{more}, named on the command line, does not exist"


def _kept(found: list[Diagnostic], policy: Policy) -> list[Diagnostic]:
    """The run's own findings (a site walk's note) under the rule policy."""
    return [kept for kept in map(policy.apply, found) if kept is not None]


def _input_identities(paths: list[str], settings: Settings, output: Path) -> SpillingSet:
    """Device and inode of every input file (one stat each), so that no output replaces one;
    taken before the first output is written, since an output may be an input read later."""
    identities = SpillingSet()
    for item in named_inputs(paths, settings.extensions, settings.exclude, output=output):
        if item.path != STDIN and not is_url(item.path):
            found = file_identity(item.path)
            if found is not None:
                identities.add(identity_key(found))
    return identities


def _is_input(path: Path, identities: SpillingSet) -> bool:
    found = file_identity(path)
    return found is not None and identity_key(found) in identities


def _guarded(inputs: Iterable[Input], output: Path) -> Iterator[Input]:
    """Pass ``inputs`` on, refusing an ``output`` that is one of them (checked as they
    stream; the output replaces its target only once the run has read everything)."""
    target = file_identity(output)
    for item in inputs:
        if target is not None and item.path != STDIN and file_identity(item.path) == target:
            raise OutputConflictError(f"{output} is one of the inputs; it is never overwritten")
        yield item


def write_document(
    converter: Any,
    records: Iterable[Any],
    output: Path | None,
    stdout: BinaryIO | None,
    emit: Callable[[Diagnostic], None],
    options: dict[str, Any],
    withhold: Callable[[], str | None] | None = None,
) -> None:
    """Write ``records`` (or rows prepared from them) as one document: to ``output``,
    atomically, or to ``stdout`` (default: standard output's bytes) when it is ``None``.
    ``withhold``, asked once every record is written, gives a reason for the document not
    to replace ``output`` (the temporary file is then removed), or ``None``."""
    if output is None:
        out = stdout if stdout is not None else sys.stdout.buffer
        converter.write(records, out, emit=emit, **options)
        out.flush()
        return
    from convert.atomic import atomic_output

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_output(output) as stream:
            converter.write(records, stream, emit=emit, **options)
            stream.flush()
            if withhold is not None and withhold() is not None:
                raise _WithheldError
    except _WithheldError:
        return
