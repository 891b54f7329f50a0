"""An imported record as the text of its file: YAML front matter between ``---`` lines, a body.

Keys keep the schema's order, non-ASCII text is written as is, and lines are never folded, so
the file reads like a hand-written record. Dates are strings that YAML would otherwise read as
timestamps, so the dumper quotes them; the loader then gives back exactly the strings written.
The entry's feed id, which the schema has no field for, is kept in a comment so that a later
import can recognise the entry (see :mod:`convert.importers.existing`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

ID_COMMENT = "# feed entry id: "
DIGEST_COMMENT = "# feed entry digest: "


@functools.cache
def _dumper(written_in_python: bool = False) -> type[Any]:
    import yaml

    base: type[Any] = (
        yaml.SafeDumper if written_in_python else getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    )

    class RecordDumper(base):  # type: ignore[misc]
        """Multi-line strings as ``|`` blocks, which keep their line breaks readably."""

    def represent_str(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    RecordDumper.add_representer(str, represent_str)
    return RecordDumper


def render_record(
    meta: Mapping[str, Any], body: str, entry_id: str | None = None, digest: str | None = None
) -> str:
    """The file text for ``meta`` and ``body``, with comment lines that let the next import
    recognise the entry: its feed id (where it is not the ``webUrl``) or, for an entry with
    neither, the digest of its content."""
    import yaml

    options: dict[str, Any] = {
        "allow_unicode": True,
        "sort_keys": False,
        "default_flow_style": False,
        "width": 1 << 30,
    }
    front = yaml.dump(dict(meta), Dumper=_dumper(), **options)
    if "\\U" in front:
        # libyaml escapes every character beyond the Basic Multilingual Plane ("\U0001F680"
        # for an emoji in a title): valid, but unreadable to the record's editors. PyYAML's
        # own emitter writes them as they are; it is slower, so it serves only these.
        front = yaml.dump(dict(meta), Dumper=_dumper(written_in_python=True), **options)
    head = ""
    if entry_id and entry_id != meta.get("webUrl"):
        head = ID_COMMENT + " ".join(entry_id.split()) + "\n"
    if digest:
        head += DIGEST_COMMENT + digest + "\n"
    text = f"---\n{head}{front}---\n"
    if body:
        text += "\n" + body.rstrip("\n") + "\n"
    return text
