"""An imported record as the text of its file: YAML front matter between ``---`` lines, a body.

Keys keep the schema's order, non-ASCII text is written as is, and lines are never folded, so
the file reads like a hand-written record. Dates are strings that YAML would otherwise read as
timestamps, so the dumper quotes them; the loader then gives back exactly the strings written.
The entry's feed id, which the schema has no field for, is kept in a comment so that a later
import can recognise the entry (see :mod:`convert.importers.existing`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

ID_COMMENT = "# feed entry id: "
DIGEST_COMMENT = "# feed entry digest: "


_ESCAPE = re.compile(r"\\(U[0-9A-Fa-f]{8}|.)")
"""An escape of a double-quoted YAML scalar: ``\\U`` and eight hex digits, or any other one
(``\\\\`` among them), matched so that a backslash written as ``\\\\`` starts none."""


@functools.cache
def _dumper() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class RecordDumper(base):  # type: ignore[misc]
        """Multi-line strings as ``|`` blocks, which keep their line breaks readably."""

    def represent_str(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    RecordDumper.add_representer(str, represent_str)
    return RecordDumper


def _unescaped(match: re.Match[str]) -> str:
    escape = match.group(1)
    code = int(escape[1:], 16) if escape[0] == "U" else 0
    return chr(code) if 0x10000 <= code <= 0x10FFFF else match.group(0)


def _as_written(front: str, meta: Mapping[str, Any]) -> str:
    """``front`` with libyaml's ``\\U0001F680`` escapes written as the characters.

    libyaml escapes every character beyond the Basic Multilingual Plane, an emoji in a title:
    valid, but unreadable to the record's editors, and YAML's double-quoted scalars may hold
    the character itself. Only escapes inside double-quoted scalars are written anew; the
    result is read back as records are read and kept only if it gives ``meta`` exactly, else
    libyaml's text stays, valid and never wrong."""
    import yaml

    try:
        tokens = list(yaml.scan(front, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return front
    pieces: list[str] = []
    done = 0
    for token in tokens:
        if isinstance(token, yaml.ScalarToken) and token.style == '"':
            start, end = token.start_mark.index, token.end_mark.index
            pieces += [front[done:start], _ESCAPE.sub(_unescaped, front[start:end])]
            done = end
    written = "".join([*pieces, front[done:]])
    if written == front:
        return front
    from convert.loading.yaml_reader import read_yaml

    try:
        same = read_yaml(written).data == dict(meta)
    except (yaml.YAMLError, ValueError):
        same = False
    return written if same else front


def render_record(
    meta: Mapping[str, Any], body: str, entry_id: str | None = None, digest: str | None = None
) -> str:
    """The file text for ``meta`` and ``body``, with comment lines that let the next import
    recognise the entry: its feed id (where it is not the ``webUrl``) or, for an entry with
    neither, the digest of its content."""
    import yaml

    front = yaml.dump(
        dict(meta),
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,
    )
    if "\\U" in front:
        front = _as_written(front, meta)
    head = ""
    if entry_id and entry_id != meta.get("webUrl"):
        head = ID_COMMENT + " ".join(entry_id.split()) + "\n"
    if digest:
        head += DIGEST_COMMENT + digest + "\n"
    text = f"---\n{head}{front}---\n"
    if body:
        text += "\n" + body.rstrip("\n") + "\n"
    return text
