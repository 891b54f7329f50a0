"""``validate_paths``: a whole validation run as one library call.

Settings (config file and options) arrive as one :class:`~convert.config.Settings`; the files
are found as the walk goes, checked in this process or in worker processes (each sets itself up
once), and their findings come back in report order as each file finishes. The rule policy
(select, ignore, levels) is applied in one place, by the validator of each process.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from functools import partial
from typing import Any

from convert.batch import Input, map_ordered
from convert.config import Settings, load_settings
from convert.diagnostics import Diagnostic
from convert.limits import worker_count
from convert.run import worker
from convert.run.arguments import PathArgument, path_list
from convert.run.discovery import sorted_inputs
from convert.run.report import Corpus, FileResult, RunReport
from convert.run.site_walk import SiteWalk, found_site
from convert.run.worker import CheckSettings


def validate_paths(
    paths: PathArgument | Iterable[PathArgument],
    *,
    settings: Settings | None = None,
    jobs: int = 1,
    stdin: bytes | None = None,
    watch: Callable[[Iterator[Input]], Iterator[Input]] | None = None,
    finished: Callable[[Iterator[FileResult]], Iterator[FileResult]] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    partition: int = 1000,
    profile: Any = None,
    fix: bool = False,
    **options: Any,
) -> RunReport:
    """Validate every record file under ``paths`` and return the run's streamed report.

    Args:
        paths: files, folders (walked for the configured extensions) or ``-`` (standard
            input, or ``stdin`` when given), as ``str`` or ``os.PathLike``; one alone is one
            path.
        settings: the configuration; by default that of the nearest pyproject.toml or
            artconv.toml. Keyword ``options`` (``schema``, ``strict``, ``select``,
            ``ignore``, ...) override it, as command-line options do.
        jobs: worker processes; 1 runs in this process, 0 one per core.
        watch: sees each input before it is checked (an output guard). With worker
            processes, inputs are handed out well ahead of their results, so a count of
            them runs ahead of the work done.
        finished: sees each file's result as it finishes, in input order (a progress bar:
            it counts the work done, however far ahead the workers have been sent files).
        engine: ``local`` (this process, or ``jobs`` processes) or ``dask`` (the cluster at
            ``scheduler``, or ``DASK_SCHEDULER_ADDRESS``, or a local one of ``jobs`` workers).
        partition: files per Dask task.
        profile: a site profile's options (:class:`convert.profiles.ProfileOptions`) to map
            each record with before it is validated.
        fix: apply the safe fixes to the files first (``artconv validate --fix``).

    Raises:
        SchemaError, PluginError, ConfigError: before any file is read.
        ValueError: ``jobs`` is negative or past :data:`convert.limits.MAX_JOBS`.
    """
    workers = worker_count("validate_paths", jobs)

    chosen = (settings or load_settings()).with_options(**options)
    paths = path_list(paths)
    profile, site_notes = found_site(profile, paths)  # the walked site's own configuration
    if stdin is None:
        stdin = worker.read_stdin(paths, chosen.max_size)
    check = CheckSettings(
        True,
        chosen.schema,
        chosen.select,
        chosen.ignore,
        chosen.levels,
        chosen.max_size,
        stdin,
        profile=profile,
    )
    worker.setup(check)  # a bad schema, rule plugin or pattern fails here, before any file
    notes: dict[str, list[Diagnostic]] = {}
    if fix:
        from convert.fixes.run import fix_in_place

        walked = sorted_inputs(
            paths,
            chosen.extensions,
            chosen.exclude,
            scope=SiteWalk(profile),
            force_root=chosen.force_root(),
        )
        notes = fix_in_place(walked, check)
    walk = SiteWalk(profile, site_notes)
    inputs = sorted_inputs(
        paths, chosen.extensions, chosen.exclude, scope=walk, force_root=chosen.force_root()
    )
    if watch is not None:
        inputs = watch(inputs)
    if engine == "dask":
        from convert.run.dask_engine import dask_results

        results = dask_results(
            inputs, check, scheduler=scheduler, workers=jobs, partition=partition
        )
    else:
        results = _engine(inputs, check, workers)
    # The results come back in this process anyway: counting them costs no further trip.
    shown = results if finished is None else finished(results)
    found = _with_notes(shown, notes) if notes else shown
    return RunReport(
        found,
        strict=chosen.strict,
        close=partial(_close, shown, results),
        corpus=_corpus(),
        notes=lambda: _kept(walk.notes()),
    )


def _close(*streams: Iterable[FileResult]) -> None:
    """Stop the run: whatever watches the results (a progress bar ends where it stands),
    then the engine, which cancels the workers' pending files."""
    for stream in streams:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _with_notes(
    results: Iterable[FileResult], notes: dict[str, list[Diagnostic]]
) -> Iterator[FileResult]:
    """``results`` with what fixing found of a file (``fix/compressed``) among its findings,
    once, however often the file is named."""
    for display, is_file, found, digests in results:
        extra = notes.pop(display, None)
        yield display, is_file, found if extra is None else [*found, *extra], digests


def _kept(found: list[Diagnostic]) -> list[Diagnostic]:
    """The run's own findings (a site walk's note) under the rule policy."""
    validator = worker.validator()
    if validator is None:
        return found
    return [kept for kept in map(validator.policy.apply, found) if kept is not None]


def _corpus() -> Corpus | None:
    """The reducers of this process's corpus rules, their findings under the rule policy."""
    validator = worker.validator()
    if validator is None or not validator.corpus_rules:
        return None
    reducers = [rule.reducer() for rule in validator.corpus_rules]
    policy = validator.policy

    def findings(path: str, digests: tuple[object, ...]) -> list[Diagnostic]:
        found = []
        for reducer, digest in zip(reducers, digests, strict=True):
            for diagnostic in reducer.add(path, digest):
                kept = policy.apply(diagnostic)
                if kept is not None:
                    found.append(kept)
        return found

    return findings


def _engine(inputs: Iterator[Input], check: CheckSettings, jobs: int) -> Any:
    """Each input with its findings, in input order; a generator, so closing it stops the
    workers."""
    pending: deque[Input] = deque()

    def remembered() -> Iterator[Input]:
        for item in inputs:
            pending.append(item)
            yield item

    def results() -> Iterator[FileResult]:
        found = map_ordered(
            worker.findings_and_digests,
            remembered(),
            jobs=jobs,
            initializer=worker.setup,
            initargs=(check,),
        )
        with closing(found):
            for diagnostics, digests in found:
                item = pending.popleft()
                yield item.display, item.is_file, diagnostics, digests

    return results()
