"""What a command's options resolve to: settings, workers, profile, progress, output guard.

Click-free, so that ``artconv validate FILE...`` can run without importing click (see
:mod:`convert.cli.quick`); click is imported only to word a usage error, which that path
never meets.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from convert.batch import Input, file_identity
from convert.config import Settings, load_settings, load_settings_file

T = TypeVar("T")

PROGRESS_THRESHOLD = 50
"""Runs over fewer files finish before a progress bar would help."""


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ``("a", "b", "c")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def settings_from(
    config: str | None, exclude: Iterable[str] = (), force_exclude: bool | None = None
) -> Settings:
    """The settings of the nearest config file, or of ``--config FILE``, with ``--exclude``
    globs added to the file's and ``--force-exclude`` laid over it."""
    settings = load_settings() if config is None else load_settings_file(Path(config))
    extra = tuple(exclude)
    if extra:
        settings = settings.with_options(exclude=settings.exclude + extra)
    return settings.with_options(force_exclude=force_exclude)


def checking_settings(
    config: str | None,
    *,
    schema: str | None,
    strict: bool | None,
    select: Iterable[str],
    ignore: Iterable[str],
    exclude: Iterable[str] = (),
    force_exclude: bool | None = None,
) -> Settings:
    """The settings file with a checking command's rule options (``validate``, ``fix``) laid
    over it; an option left out keeps the file's value."""
    return settings_from(config, exclude, force_exclude).with_options(
        schema=schema,
        strict=strict,
        select=split_list(select) or None,
        ignore=split_list(ignore) or None,
    )


def nothing_found(settings: Settings) -> str:
    """What a run that found no record file says (``validate`` and ``convert`` alike)."""
    held = "; --force-exclude holds the files named to exclude" if settings.force_exclude else ""
    return f"no record files found (looked for {', '.join(settings.extensions)}{held})"


def progress(items: Iterable[T], label: str, length: int | Callable[[], int]) -> Iterator[T]:
    """Iterate ``items`` with a progress bar on an interactive terminal, silently otherwise.

    The bar steps once the caller has taken an item and come back for the next, so ``items``
    should be what is finished (a run's results, not the inputs handed to its workers).
    ``length`` may be a function, called only on a terminal: counting a streamed run's files
    takes a walk of its own, which pipes and CI never pay for. Closed early, this closes
    ``items`` too (a run's results: its workers stop), as ``yield from`` does.
    """
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    if not interactive:
        yield from items
        return
    total = length() if callable(length) else length
    if total < PROGRESS_THRESHOLD:
        yield from items
        return
    from convert.cli.console import ProgressBar, progress_shown

    try:
        with progress_shown(ProgressBar(label, total, sys.stderr)) as bar:
            for item in items:
                yield item
                bar.step()
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()


def count_inputs(
    paths: Iterable[str], settings: Settings, output: str | None = None, profile: Any = None
) -> int:
    """How many inputs a run over ``paths`` meets (for the progress bar); a conversion's
    ``output`` folder is not walked into, as the run does not, and under a site ``profile``
    a walk of the site's root counts its content alone, as the run reads it."""
    from convert.run.discovery import sorted_inputs
    from convert.run.site_walk import SiteWalk, found_site

    paths = list(paths)
    scope = SiteWalk(found_site(profile, paths)[0]) if profile is not None else None
    found = sorted_inputs(
        paths,
        settings.extensions,
        settings.exclude,
        output=output,
        scope=scope,
        force_root=settings.force_root(),
    )
    return sum(1 for _ in found)


def guard_output(inputs: Iterable[Input], output: str | Path | None) -> Iterator[Input]:
    """Pass ``inputs`` on, refusing (exit 2) an ``output`` that is one of them: inputs are
    never overwritten. One identity check per input, as the run streams."""
    target = None if output is None or str(output) == "-" else file_identity(output)
    if target is None:
        yield from inputs
        return
    for item in inputs:
        if item.path != "-" and file_identity(item.path) == target:
            import click  # only an -o option gets here, and options always run under click

            raise click.UsageError(f"{output} is one of the inputs; it is never overwritten")
        yield item


def engine_jobs(engine: str, jobs: int | None, settings: Settings) -> int:
    """Worker processes: under Dask, a started cluster has one per core unless --jobs says."""
    if engine == "dask" and jobs is None:
        return 0
    return resolve_jobs(jobs, settings)


def resolve_jobs(jobs: int | None, settings: Settings) -> int:
    """``--jobs``, or the settings' ``jobs`` when it is left out, as worker processes (0: one
    per core). Click and the settings loader have range-checked both already."""
    from convert.limits import worker_count

    return worker_count("--jobs", settings.jobs if jobs is None else jobs)


def run_profile(
    settings: Any,
    *,
    profile: str | None = None,
    base_url: str | None = None,
    permalink: str | None = None,
    site_config: str | None = None,
    feed_base_url: str | None = None,
) -> Any:
    """The profile options of a run (``None``: records as written); fails fast on a bad name.

    ``base_url``, ``permalink`` and ``site_config`` come from the command line: with no site
    profile to take them (none named there nor in the configuration, or ``article``, which
    takes records as written), they are a usage error, as ``--scheduler`` without ``--engine
    dask`` is, rather than passed over (validate and fix check records as written, with no
    link to make). ``feed_base_url`` is a format's ``--base-url`` (convert's feeds join
    relative links to it), which a profile takes as its own: with none, the feed still uses
    it, so it is no error.

    Raises:
        PluginError: the profile is unknown or broken.
        click.UsageError: a site profile's option given with no site profile.
    """
    from convert.profiles.settings import profile_options as options_of

    if site_config is not None:
        settings = settings.with_options(site_config=site_config)
    address = base_url or feed_base_url
    options = options_of(settings, profile=profile, base_url=address, permalink=permalink)
    flags = (("--base-url", base_url), ("--permalink", permalink), ("--site-config", site_config))
    unused = [flag for flag, value in flags if value is not None]
    if unused:  # the profile types are loaded only when a site's options are given
        from convert.profiles.base import ProfileOptions

        as_written = ProfileOptions.name  # the default profile: records as written
        if options is None or options.name == as_written:
            raise _site_only(unused[0], as_written)
    if options is not None:
        from convert.profiles import get_profile

        get_profile(options.name)
    return options


def _site_only(flag: str, as_written: str) -> Exception:
    """The usage error of a site profile's option given without one, naming the site
    profiles the registry holds (plugins' too), since ``--profile article`` is a profile."""
    import click  # only options given on a command line get here

    from convert.profiles import profile_specs

    names = [name for name in profile_specs() if name != as_written]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
    return click.UsageError(
        f"{flag} applies only with a site profile (--profile {listed}); "
        f"{as_written} takes records as written"
    )


def site_hint(paths: Iterable[str], profile: Any, report: Any) -> str | None:
    """A hint naming the profile for a run of a static site's pages read as article records
    (no profile) that found what a profile cures, required fields missing (a post has a
    ``date``, not a ``publishedDateTime``), in validation or in a feed: ``None`` when there
    is nothing to say. Records kept in a site's ``_posts`` are read rightly without one,
    whatever else they hold."""
    from convert.diagnostics import Severity

    if profile is not None or not report.count(Severity.ERROR):
        return None
    if not report.error_rules & {"schema/required", "convert/incomplete"}:
        return None
    from convert.profiles.detect import site_of

    try:
        site = site_of(paths)
    except OSError:  # a folder that cannot be searched (chmod 000): no hint, not a traceback
        return None
    return None if site is None else f"hint: {site.hint()}"
