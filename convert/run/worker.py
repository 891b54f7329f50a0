"""Reading and checking one input of a batch, the same way for every command and worker.

``validate`` and ``convert --validate`` both load a file and run the validator over it, in this
process or in worker processes. The worker state is set once per process by :func:`setup`, and
:func:`check` never raises: a failure inside the loader or a rule becomes an ``internal/error``
finding on that file, so one file can never abort a batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from convert.batch import Input
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.limits import MAX_RECORD_BYTES
from convert.record import STDIN, Record, Source
from convert.values import Value

FINDINGS = (
    FindingKind(
        "internal/error",
        Severity.ERROR,
        "A rule or article-convert itself failed on a file (a bug: the finding says which, "
        "and whom to tell).",
    ),
    FindingKind(
        "file/not-regular",
        Severity.WARNING,
        "A FIFO, socket or device met in a folder: reported, not read.",
    ),
)

if TYPE_CHECKING:
    from convert.profiles import ProfileOptions


class CheckSettings(Value):
    """What a worker needs to load and (optionally) validate files; picklable."""

    __slots__ = (
        "ignore",
        "known",
        "levels",
        "max_size",
        "profile",
        "schema",
        "select",
        "stdin",
        "validate",
    )
    validate: bool
    schema: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    levels: Mapping[str, Severity | None] | None
    max_size: int
    stdin: bytes | None  # standard input, read once by the parent process
    profile: ProfileOptions | None  # a site profile maps each record (None: as written)
    known: tuple[str, ...]  # finding ids the policy may name beside the rules' (a converter's)

    def __init__(
        self,
        validate: bool = True,
        schema: str = "article",
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        levels: Mapping[str, Severity | None] | None = None,
        max_size: int = MAX_RECORD_BYTES,
        stdin: bytes | None = None,
        profile: ProfileOptions | None = None,
        known: tuple[str, ...] = (),
    ) -> None:
        put = object.__setattr__
        put(self, "validate", validate)
        put(self, "schema", schema)
        put(self, "select", select)
        put(self, "ignore", ignore)
        put(self, "levels", levels)
        put(self, "max_size", max_size)
        put(self, "stdin", stdin)
        put(self, "profile", profile)
        put(self, "known", known)


_STATE: dict[str, Any] = {}


def setup(settings: CheckSettings) -> None:
    """Prepare this process: compile the schema and load the rules, once per settings.

    The parent sets up first to fail fast on a bad schema or plugin; an in-process run then
    asks again with the same settings, which costs nothing.
    """
    if _STATE.get("settings") == settings:
        return
    from convert.validation import Policy, Validator

    policy = Policy(settings.select, settings.ignore, dict(settings.levels or {}))
    validator = None
    if settings.validate:
        validator = Validator(settings.schema, policy, known=settings.known)
    from convert import loading  # imported here: `artconv validate --help` needs no YAML

    _STATE["validator"] = validator
    _STATE["policy"] = policy
    _STATE["settings"] = settings
    _STATE["loading"] = loading
    _STATE["profile"] = None
    if settings.profile is not None:
        from convert.profiles.mapping import mapper

        _STATE["profile"] = mapper(settings.profile)


def current_settings() -> CheckSettings | None:
    """The settings this process was last set up with."""
    settings: CheckSettings | None = _STATE.get("settings")
    return settings


def validator() -> Any:
    """This process's validator (``None`` when set up without validation)."""
    return _STATE.get("validator")


def read_stdin(paths: Collection[str], max_size: int) -> bytes | None:
    """Standard input's bytes when ``-`` is among the paths, read once, in this process.

    Worker processes cannot read the parent's standard input, and reading it twice would give
    an empty second record; so the parent reads it (up to the size limit) and passes it on.
    """
    if STDIN not in paths:
        return None
    from convert.loading.files import read_at_most

    return read_at_most(sys.stdin.buffer, max_size + 1)


def check(item: Input, data: bytes | None = None) -> tuple[Record, list[Diagnostic]]:
    """Load ``item`` (or its ``data``, read already) and return the record with its findings
    (validated when set up so)."""
    settings: CheckSettings = _STATE["settings"]
    try:
        return _check(item, settings, data)
    except Exception as exc:  # a bug must cost one file, never the batch
        problem = internal_error(item.display, exc)
        record = Record({}, "", Source(item.display), "text", (problem,), intact=False)
        return record, [problem]


def findings(item: Input, data: bytes | None = None) -> list[Diagnostic]:
    """Only the findings of :func:`check`: what ``validate`` needs back from a worker, without
    sending the record (and its node tree) across the process boundary."""
    return check(item, data)[1]


def findings_and_digests(
    item: Input, data: bytes | None = None
) -> tuple[list[Diagnostic], tuple[object, ...]]:
    """The findings of :func:`check`, and the record's digests for the rules across records
    (empty when none run): all a validation run needs back from a worker."""
    record, found = check(item, data)
    validator = _STATE["validator"]
    if validator is None or not validator.corpus_rules or not record.intact:
        return found, ()
    try:
        digests, failed = validator.digests(record)
    except Exception as exc:  # a bug must cost one file, never the batch
        return [*found, internal_error(item.display, exc)], ()
    return ([*found, *failed] if failed else found), digests


def internal_error(display: str, exc: Exception) -> Diagnostic:
    """The finding of a failure inside the loader or a rule: one file's, never the batch's."""
    return Diagnostic(
        display,
        None,
        None,
        "internal/error",
        Severity.ERROR,
        f"article-convert failed on this file ({type(exc).__name__}: {exc})",
        hint="please report this with the file attached",
    )


def _check(
    item: Input, settings: CheckSettings, data: bytes | None = None
) -> tuple[Record, list[Diagnostic]]:
    loading = _STATE["loading"]
    if item.kind != "file":
        record = not_read(item)
    elif item.path == STDIN:
        data = settings.stdin or b""
        too_big = len(data) > settings.max_size
        record = (
            loading.too_large(item.display, settings.max_size)
            if too_big
            else loading.loads(data, path=item.display, max_bytes=settings.max_size)
        )
    elif data is not None or "://" in item.path:
        from convert.run.urls import load_url

        record = load_url(item, settings.max_size, data)
    else:
        record = loading.load(item.path, max_bytes=settings.max_size, display_path=item.display)
    profile = _STATE["profile"]
    if profile is not None:  # a site profile: the site's front matter as an article record
        record = profile.apply(record)
    validator = _STATE["validator"]
    if validator is not None:
        found = validator(record)
    else:
        # Unvalidated, the loader's findings still obey --select, --ignore and configured levels.
        policy = _STATE["policy"]
        found = [kept for kept in map(policy.apply, record.problems) if kept is not None]
    if profile is not None:  # findings about mapped fields go back to the user's keys
        found = profile.restore(record, found)
    return record, found


def not_read(item: Input) -> Record:
    """The record of an input that is not a file to read: a folder that could not be listed,
    or a FIFO, socket or device met while walking a folder."""
    if item.kind == "folder":
        try:
            with os.scandir(item.path):
                pass
            reason = "it vanished or changed while being read"
        except OSError as exc:
            reason = exc.strerror or str(exc)
        problem = Diagnostic(
            item.display,
            None,
            None,
            "file/unreadable",
            Severity.ERROR,
            f"cannot read the folder: {reason}",
            hint="give the folder read and search permission, or leave it out",
        )
    else:
        problem = Diagnostic(
            item.display,
            None,
            None,
            "file/not-regular",
            Severity.WARNING,
            f"not a regular file (a {item.kind}): not read",
            hint="name it on the command line to read it, as - is read",
        )
    return Record({}, "", Source(item.display), "text", (problem,), intact=False)
