"""JSON bytes for the JSON formats: UTF-8 as written, never NaN, never a broken encoding.

``ensure_ascii=False`` keeps text readable, but a lone surrogate cannot be encoded as UTF-8; such a
document falls back to ASCII escapes, which JSON readers turn back into the same string.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any, indent: int | None = None) -> bytes:
    """``value`` as JSON bytes; ``indent`` None (or 0) gives one line.

    Raises:
        ValueError: the value holds NaN or an infinity, which JSON cannot carry.
    """
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(
        value, ensure_ascii=False, allow_nan=False, indent=indent or None, separators=separators
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(
            value, allow_nan=False, indent=indent or None, separators=separators
        ).encode("ascii")
