"""JSON bytes for the JSON formats: UTF-8 as written, never NaN, never a broken encoding.

``ensure_ascii=False`` keeps text readable, but a lone surrogate cannot be encoded as UTF-8; such a
document falls back to ASCII escapes, which JSON readers turn back into the same string. NEL and
the Unicode line and paragraph separators are escaped too: they are valid inside JSON strings,
but line-splitting readers (Python's ``str.splitlines``, JavaScript before ES2019) break a JSON
Lines file on them.
"""

from __future__ import annotations

import json
import re
from typing import Any

_BREAKS = re.compile("[\x85\u2028\u2029]")


def dumps(value: Any, indent: int | None = None) -> bytes:
    """``value`` as JSON bytes; ``indent`` None (or 0) gives one line.

    Raises:
        ValueError: the value holds NaN or an infinity, which JSON cannot carry.
    """
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(
        value, ensure_ascii=False, allow_nan=False, indent=indent or None, separators=separators
    )
    if _BREAKS.search(text):
        text = _BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(
            value, allow_nan=False, indent=indent or None, separators=separators
        ).encode("ascii")
