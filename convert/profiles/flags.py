"""Yes/no values, read as each generator reads them, in front matter and site configuration.

Hugo reads both with Go's weak casts (spf13/cast for a page's ``draft``, mapstructure's weak
decoding for ``defaultContentLanguageInSubdir`` and ``disablePathToLower``): a boolean, a
number (non-zero is true), or one of the strings Go's ``strconv.ParseBool`` takes, written
exactly so (``"TRUE"`` and ``"t"`` are flags, ``"tRuE"`` and ``" true"`` are not); an empty
string is false. Jekyll (Ruby compares with ``false``) and Zola (serde wants a TOML boolean)
take only a boolean. Hugo's ``uglyURLs`` has a decoder of its own (:func:`hugo_ugly`).
"""

from __future__ import annotations

from typing import Any

_GO_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_GO_FALSE = frozenset({"", "0", "f", "F", "FALSE", "false", "False"})


def flag(value: Any, *, loose: bool) -> bool | None:
    """``value`` as a yes/no flag, or ``None`` when it is none.

    ``loose`` reads as Hugo does (see the module's docstring); without it only a boolean is a
    flag, as Jekyll and Zola read it.
    """
    if isinstance(value, bool):
        return value
    if not loose:
        return None
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return True if value in _GO_TRUE else False if value in _GO_FALSE else None
    return None


def hugo_ugly(value: Any) -> bool | None:
    """Hugo's site-wide ``uglyURLs``: a boolean, or a string that is true only when it is
    ``"true"`` exactly (Hugo reads ``"True"`` and ``"yes"`` as false); ``None`` for another
    kind."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value == "true"
    return None
