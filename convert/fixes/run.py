"""Fixing a batch of inputs with the settings of a run: one validator, file after file.

Used by ``artconv fix`` and ``artconv validate --fix``; prints nothing and never exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert.batch import Input
from convert.diagnostics import Diagnostic, Severity
from convert.fixes.edits import Fix
from convert.fixes.engine import plan
from convert.fixes.fences import known_keys
from convert.fixes.files import (
    FINDINGS,
    Check,
    FileFix,
    fix_bytes,
    fix_file,
    regular_file,
    revalidate,
)
from convert.fixes.source import KnownKeys, Splitter
from convert.limits import MAX_RECORD_BYTES
from convert.pointer import split_pointer
from convert.record import STDIN

if TYPE_CHECKING:
    from convert.profiles.mapping import Mapper

FIX_RULES = frozenset(kind.id for kind in FINDINGS)
"""What fixing a file finds that validating it does not: ``fix/compressed`` and the rest."""


@dataclass(frozen=True)
class FixSettings:
    """The parts of a run's settings that fixing needs."""

    schema: str = "article"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: Mapping[str, Severity | None] | None = None
    max_size: int = MAX_RECORD_BYTES
    profile: Any = None  # a site profile (convert.profiles.ProfileOptions), as validate takes


def fix_in_place(
    inputs: Iterable[Input], settings: Any, *, unsafe: bool = False
) -> dict[str, list[Diagnostic]]:
    """Fix the files among ``inputs`` before they are validated (``validate --fix``).

    ``settings`` is any object with the fields of :class:`FixSettings` (the run's check
    settings). Standard input is left out: it has no file to write back. Returns what fixing
    found that validating cannot (a compressed file left as it is, a file that could not be
    written), by display path, for the run to report with each file's findings as
    ``artconv fix`` does.
    """
    fix_settings = _from_check(settings)
    # A named FIFO is read once, by the validation that follows, as standard input is.
    files = (
        item
        for item in inputs
        if item.path != STDIN
        and getattr(item, "kind", "file") == "file"
        and ("://" in item.path or regular_file(item.path))
    )
    notes: dict[str, list[Diagnostic]] = {}
    for result in fix_inputs(files, fix_settings, unsafe=unsafe):
        found = [d for d in result.remaining if d.rule in FIX_RULES]
        if found:
            notes.setdefault(result.path, []).extend(found)
    return notes


def _from_check(settings: Any) -> FixSettings:
    return FixSettings(
        settings.schema,
        tuple(settings.select),
        tuple(settings.ignore),
        settings.levels,
        settings.max_size,
        getattr(settings, "profile", None),
    )


def reader(settings: FixSettings) -> tuple[Check, Splitter | None, KnownKeys]:
    """(bytes, display path) -> findings, with the run's schema, rules and policy; how
    those findings' reader finds front matter when that is not the loader's default (a site
    profile's fence rules), so the fixes edit the front matter the findings are in; and the
    top-level keys it takes for fields (the schema's, and a profile's own), so that a fence
    is closed only after a field it knows.

    Raises:
        SchemaError, PluginError, ConfigError: as building a validator does.
    """
    from convert.loading import loads
    from convert.validation import Policy, Validator

    validator = Validator(
        settings.schema, Policy(settings.select, settings.ignore, dict(settings.levels or {}))
    )

    schema = validator.context.schema.document
    profile = None
    if settings.profile is not None:
        from convert.profiles.mapping import mapper

        profile = mapper(settings.profile)
    if profile is None:

        def check(data: bytes, display: str) -> list[Diagnostic]:
            return validator(loads(data, path=display))

        return _guarded(check), None, known_keys(schema)
    mapped = profile

    def check_mapped(data: bytes, display: str) -> list[Diagnostic]:
        # As validate does: the site's front matter as an article record, and the findings
        # back at the user's own keys, where the fixes edit.
        record = mapped.apply(loads(data, path=display))
        return list(mapped.restore(record, validator(record)))

    known = known_keys(
        schema,
        also=_profile_keys(mapped),
        fold=bool(getattr(mapped.profile, "FOLD_KEYS", False)),
        by=f"the schema or the {mapped.options.name} profile",
    )
    return _guarded(check_mapped), mapped.split, known


def _profile_keys(mapped: Mapper) -> Iterator[str]:
    """The top-level keys a profile takes fields from (``date``, ``extra`` of
    ``/extra/canonical_url``), the generator's other documented ones (``layout``), and those
    of the user's own ``[tool.artconv.fields]``."""
    options = mapped.options
    yield from getattr(mapped.profile, "FRONT_MATTER_KEYS", ())
    sources = getattr(mapped.profile, "sources", None)
    table = sources(options) if callable(sources) else options.fields
    for keys in (*table.values(), *options.fields.values()):
        for key in keys:
            tokens = split_pointer(key) if key.startswith("/") else [key]
            if tokens:
                yield str(tokens[0])


def _guarded(check: Check) -> Check:
    """``check``, with a failure inside the loader or a rule turned into an
    ``internal/error`` finding, as validate's workers turn it: the file is left alone (the
    finding blocks every fix) and the batch goes on."""
    from convert.run.worker import internal_error

    def guarded(data: bytes, display: str) -> list[Diagnostic]:
        try:
            return check(data, display)
        except Exception as exc:  # a bug must cost one file, never the batch
            return [internal_error(display, exc)]

    return guarded


def fix_inputs(
    inputs: Iterable[Input],
    settings: FixSettings,
    *,
    unsafe: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
) -> Iterator[FileFix]:
    """Fix every file among ``inputs`` in order; standard input is fixed but never written.

    The folders of the files written are synced once a lot of files, and when the batch
    ends, rather than after each file (as a folder sync costs about what fixing a record
    does); each file's data is synced before it replaces the file all the same."""
    from convert.atomic import SYNC_LOT, folder_syncs_deferred

    check, split, known = reader(settings)
    with folder_syncs_deferred(every=SYNC_LOT):
        for item in inputs:
            if item.path == STDIN:
                yield _fix_stdin(stdin or b"", check, unsafe, split, known, settings.max_size)
            elif item.kind != "file":  # a FIFO would wait for a writer: reported, as validate does
                from convert.run.worker import not_read

                problems = list(not_read(item).problems)
                yield FileFix(item.display, "", "", remaining=problems, is_file=item.is_file)
            elif not _is_folder(item.path):
                yield fix_file(
                    item.path,
                    item.display,
                    check,
                    unsafe=unsafe,
                    write=write,
                    max_bytes=settings.max_size,
                    split=split,
                    known=known,
                )


def _is_folder(path: str) -> bool:
    """Whether ``path`` is a folder; one the system will not look at (a name too long, a
    folder above it without search permission) is not, and reading it says why."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def _fix_stdin(
    data: bytes,
    check: Check,
    unsafe: bool,
    split: Splitter | None,
    known: KnownKeys,
    max_bytes: int,
) -> FileFix:
    fixed, _ = fix_bytes(
        data,
        "<stdin>",
        check,
        unsafe=unsafe,
        max_bytes=max_bytes,
        split=split,
        known=known,
        stdin=True,
    )
    return fixed


def suggested_fixes(
    paths: Mapping[str, str], findings: Iterable[Diagnostic], settings: Any = None
) -> dict[Diagnostic, Fix]:
    """The fix (safe or not) each finding would get, for reporters that show fixes.

    Args:
        paths: display path -> path on disk, for the files whose findings may have fixes.
        findings: the findings of a run, as reported.
        settings: the run's check settings (fields of :class:`FixSettings`); with them a fix
            that would bring a new finding is left out, as ``artconv fix`` leaves it out.
    """
    from convert.fixes.engine import fix, fix_for_rule

    check, split, known = (None, None, None) if settings is None else reader(_from_check(settings))

    by_path: dict[str, list[Diagnostic]] = {}
    for finding in findings:  # all of a file's findings: a parse error there stops its fixes
        by_path.setdefault(finding.path, []).append(finding)
    suggestions: dict[Diagnostic, Fix] = {}
    for display, found in by_path.items():
        path = paths.get(display)
        if path is None or path == STDIN or not any(fix_for_rule(d.rule) for d in found):
            continue
        try:
            text = _read(path).decode("utf-8")
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            continue
        if check is None:
            planned = plan(text, found, unsafe=True)
        else:
            planned = fix(
                text,
                found,
                unsafe=True,
                rounds=1,
                validate=revalidate(check, display),
                split=split,
                known=known,
            )[1]
        for one in planned:
            suggestions[one.finding] = one
    return suggestions


def _read(path: str) -> bytes:
    """A file's bytes, from a path or (with the dask extra) an fsspec URL such as memory://."""
    if "://" in path:
        from convert.run.urls import read_url

        return read_url(path, 1 << 62)
    return Path(path).read_bytes()
