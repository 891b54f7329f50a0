"""Fixing record files on disk: read once, fix, write atomically only if nobody else wrote.

The command line and ``validate --fix`` share this. A file is decoded as strict UTF-8 with its
BOM and line endings kept, so an edit changes only the characters it names; a file that is not
UTF-8 text is never written, nor is a compressed one (its findings are those of the text inside).
"""

from __future__ import annotations

import difflib
import errno
import shlex
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.file_kinds import special_kind
from convert.fixes.edits import Fix
from convert.fixes.engine import fix_and_check
from convert.fixes.source import KnownKeys, Splitter, file_lines
from convert.limits import MAX_RECORD_BYTES
from convert.loading.compressed import compression_of, inflate
from convert.loading.files import read_at_most, read_failure

FINDINGS = (
    FindingKind(
        "fix/input-changed",
        Severity.ERROR,
        "A file changed on disk while it was being fixed; it was left alone.",
    ),
    FindingKind(
        "fix/unwritable",
        Severity.ERROR,
        "A fixed file could not be written (read-only, in a read-only folder, a full disk).",
    ),
    FindingKind(
        "fix/compressed",
        Severity.WARNING,
        "A compressed file (page.html.gz) or compressed standard input has fixes, which are "
        "not written: the fixed text would be plain text.",
    ),
)

_DECOMPRESSORS = {"gzip": "gzip -dc", "bzip2": "bzip2 -dc", "xz": "xz -dc", "zstd": "zstd -dc"}

Check = Callable[[bytes, str], list[Diagnostic]]
"""(file bytes, display path) -> findings."""


@dataclass
class FileFix:
    """What fixing one file did, and the findings left in it afterwards."""

    path: str
    before: str
    after: str
    applied: list[Fix] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    written: bool = False
    is_file: bool = True  # False for a folder that could not be listed: not counted as a file

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """A unified diff of the fix, as ``--diff`` prints it (``patch -p0`` and
        ``git apply -p0`` apply it)."""
        name = diff_name(self.path)
        lines = difflib.unified_diff(file_lines(self.before), file_lines(self.after), name, name)
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


_C_ESCAPES = dict(
    zip('"\\\a\b\t\n\v\f\r', ('\\"', "\\\\", *(f"\\{c}" for c in "abtnvfr")), strict=True)
)
"""Characters git writes as a C escape in a quoted name; other control characters are octal."""


def diff_name(path: str) -> str:
    """``path`` as a diff header names it, so that GNU patch and git apply both read it.

    A name with a quote, a backslash or a control character (a tab, a line feed) is quoted
    as git quotes it (``"ta\\tb.md"``): unquoted, a tab or line break ends the name for
    both tools; so is one that starts or ends with a space, which GNU patch strips. A name
    with a space inside ends in a tab, as git and ``diff -u`` end it: GNU patch takes a
    header's name up to the first space otherwise (``--- sp ace.md`` patched "sp"). Other
    names, non-ASCII ones too, stay as they are.
    """
    if path != path.strip(" ") or any(c in _C_ESCAPES or c < " " or c == "\x7f" for c in path):
        quoted = "".join(
            _C_ESCAPES.get(char) or (f"\\{ord(char):03o}" if char < " " or char == "\x7f" else char)
            for char in path
        )
        return f'"{quoted}"'
    return path + "\t" if " " in path else path


def fix_file(
    path: str | Path,
    display: str,
    check: Check,
    *,
    unsafe: bool = False,
    write: bool = True,
    max_bytes: int = MAX_RECORD_BYTES,
    split: Splitter | None = None,
    known: KnownKeys | None = None,
) -> FileFix:
    """Fix the file at ``path`` in place (unless ``write`` is false) and re-check it.

    The file is written only if its bytes on disk are still those that were read; otherwise
    it is left alone and a ``fix/input-changed`` finding says so. ``split`` finds the front
    matter as ``check`` reads it, ``known`` are the keys it takes for fields (see
    :func:`convert.fixes.fix`).
    """
    try:
        with open(path, "rb") as stream:  # noqa: PTH123 - mirrors the loader
            data = read_at_most(stream, max_bytes + 1)
    except OSError as exc:
        return FileFix(
            display,
            "",
            "",
            remaining=[
                Diagnostic(
                    display,
                    None,
                    None,
                    "file/unreadable",
                    Severity.ERROR,
                    f"cannot read the file: {read_failure(path, exc)}",
                )
            ],
        )
    result, findings = fix_bytes(
        data, display, check, unsafe=unsafe, max_bytes=max_bytes, split=split, known=known
    )
    if not result.changed:
        return result
    if write:
        refusal = _write_if_unchanged(Path(path), display, data, result.after.encode("utf-8"))
        result.written = refusal is None
        if refusal is not None:
            result.remaining = [*findings, refusal]
            result.after = result.before
    return result


def fix_bytes(
    data: bytes,
    display: str,
    check: Check,
    *,
    unsafe: bool,
    max_bytes: int,
    split: Splitter | None,
    known: KnownKeys | None = None,
    stdin: bool = False,
) -> tuple[FileFix, list[Diagnostic]]:
    """The fixes of a record's bytes (a file's, or standard input's, read one byte past
    ``max_bytes``), nothing written, and the findings they had before them."""
    if len(data) > max_bytes:
        from convert.loading import too_large

        problems = list(too_large(display, max_bytes).problems)
        return FileFix(display, "", "", remaining=problems), problems
    kind = compression_of(data)
    if kind is not None:
        kept = not_in_place(
            display,
            data,
            kind,
            check,
            unsafe=unsafe,
            max_bytes=max_bytes,
            split=split,
            known=known,
            stdin=stdin,
        )
        return kept, kept.remaining
    return _fix_text(data, display, check, unsafe=unsafe, split=split, known=known)


def _fix_text(
    data: bytes,
    display: str,
    check: Check,
    *,
    unsafe: bool,
    split: Splitter | None,
    known: KnownKeys | None,
) -> tuple[FileFix, list[Diagnostic]]:
    """Check ``data``, and fix it where it is UTF-8 text; with the findings before."""
    findings = check(data, display)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return FileFix(display, "", "", remaining=findings), findings
    after, applied, remaining = fix_and_check(
        text, findings, unsafe=unsafe, validate=revalidate(check, display), split=split, known=known
    )
    return FileFix(display, text, after, applied, remaining), findings


def revalidate(check: Check, display: str) -> Callable[[str], list[Diagnostic]]:
    """``check`` of a fixed text, as the file ``display``."""

    def validate(text: str) -> list[Diagnostic]:
        return check(text.encode("utf-8"), display)

    return validate


def not_in_place(
    display: str,
    data: bytes,
    kind: str,
    check: Check,
    *,
    unsafe: bool,
    max_bytes: int,
    split: Splitter | None,
    known: KnownKeys | None = None,
    stdin: bool = False,
) -> FileFix:
    """A compressed record is checked as the text inside, and never written: the fixed text
    written back would be plain text under a compressed file's name, and compressing it
    again would rewrite a file whose compression settings were someone else's choice. When
    fixes would apply, a ``fix/compressed`` warning says so, and the findings stay.

    Compressed standard input (``stdin``) is left the same way: its fixed text, written out,
    would be plain text where a compressed stream came in (``artconv fix - < a.md.gz >
    b.md.gz``)."""
    inflated = inflate(data, kind, display, max_bytes)
    if not isinstance(inflated, bytes):
        return FileFix(display, "", "", remaining=list(inflated.problems))
    fixed, findings = _fix_text(inflated, display, check, unsafe=unsafe, split=split, known=known)
    if not fixed.applied:
        return FileFix(display, "", "", remaining=fixed.remaining)  # hints of fixes declined
    applied = fixed.applied
    fixes = "1 fix applies" if len(applied) == 1 else f"{len(applied)} fixes apply"
    if stdin:
        message = f"not fixed: standard input is {kind}-compressed ({fixes} to the text inside)"
        hint = f"decompress it first: {_DECOMPRESSORS[kind]} FILE | artconv fix -"
    else:
        message = f"not fixed in place: the file is {kind}-compressed ({fixes} to the text inside)"
        hint = "decompress it, fix the text file with artconv fix, and compress it again"
    notice = Diagnostic(display, None, None, "fix/compressed", Severity.WARNING, message, hint=hint)
    return FileFix(display, "", "", remaining=[*findings, notice])


def _write_if_unchanged(path: Path, display: str, original: bytes, new: bytes) -> Diagnostic | None:
    """Write ``new`` over ``path`` if it still holds ``original``; else why it was not."""
    from convert.atomic import write_atomic

    kind = _special_kind(path)
    if kind is not None:  # read as standard input is: its fixed text has no file to go to
        return _unwritable(
            display,
            f"it is a {kind}, not a file",
            "see the fix with artconv fix --diff, or run artconv fix - < " + shlex.quote(display),
        )
    try:
        changed = path.read_bytes() != original
    except OSError:
        changed = True  # gone or replaced by something unreadable since it was read
    if changed:
        return Diagnostic(
            display,
            None,
            None,
            "fix/input-changed",
            Severity.ERROR,
            "the file changed on disk while it was being fixed; it was left alone",
            hint="run artconv fix again",
        )
    try:
        if _read_only(path):
            # The rename would replace it all the same (as sed -i does): a read-only file is
            # one its owner meant to keep as it is.
            raise PermissionError(errno.EACCES, "the file is read-only")
        write_atomic(path, new)
    except OSError as exc:
        return _unwritable(
            display,
            str(exc.strerror or exc),
            "make the file and its folder writable, or see the fix with artconv fix --diff",
        )
    return None


def _unwritable(display: str, why: str, hint: str) -> Diagnostic:
    """The finding of a fixed text that could not go back into its file, which is unchanged."""
    return Diagnostic(
        display,
        None,
        None,
        "fix/unwritable",
        Severity.ERROR,
        f"the fixed file could not be written: {why}; it was left alone",
        hint=hint,
    )


def _special_kind(path: Path) -> str | None:
    """What ``path`` is when it is no regular file (a FIFO or a device, which a second read
    would wait on or find changed), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # gone: the check that follows says so
    return None if stat.S_ISREG(mode) else special_kind(mode)


def regular_file(path: str | Path) -> bool:
    """Whether ``path`` is a regular file, which can be read twice and replaced (one the
    system will not look at is not: reading it says why)."""
    try:
        return stat.S_ISREG(Path(path).stat().st_mode)
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    """Whether no one may write ``path`` by its mode bits (what ``chmod a-w`` leaves);
    read from the mode, since a superuser may write any file."""
    return path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0
