"""A number or a flag where the generator prints text (``title: 2048``), as it shows it.

YAML reads ``title: 2048`` as a number; the generators print it as the page's title all the
same, each in its own language's way: Jekyll with Ruby's ``to_s`` (``2.50`` is ``2.5``,
``1.0e-05`` stays so, ``yes`` is ``true``), Hugo with Go's ``cast.ToString`` (``1.5e+3`` is
``1500``; its YAML 1.2 reader keeps ``yes`` and ``1:20`` as the text written), Zola's YAML
reader the scalar exactly as written. Zola refuses such a value in TOML front matter, which
the profile leaves for the schema to report. So does it a value the generator shows
otherwise than written (Jekyll's ``title: NO`` is no title, ``2.50`` "2.5"): the schema's
finding has the fix, quoting it. Some text to PyYAML is a number to the generator's reader
(:func:`psych_number`, :func:`go_yaml_number`), which prints it otherwise than written too.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from convert.record import FrontMatterKind

_YAML12_FLAGS = frozenset({"true", "false"})
"""The booleans of YAML 1.2 (whatever their letter case), Hugo's YAML reader's only ones."""


def ruby_text(value: object, written: str | None) -> str | None:
    """``value`` as Jekyll prints it (Ruby's ``to_s`` of what Psych read); ``None`` when
    it is no scalar."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and written is not None and ":" in written:
        number = psych_base60(written)  # 1:2:3:4 is text to Psych, a number to PyYAML
        return written.strip() if number is None else ruby_text(number, None)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _ruby_float(value)
    if isinstance(value, str) and written is not None:  # .inf and .nan, kept as text here
        return _special(written, "Infinity", "-Infinity", "NaN")
    return None


def go_text(value: object, written: str | None) -> str | None:
    """``value`` as Hugo prints it (Go's ``cast.ToString``, floats in their shortest
    decimal form without an exponent); ``None`` when it is no scalar. ``written`` is the YAML
    text, where YAML 1.1 and Hugo's YAML 1.2 reader read it differently."""
    if isinstance(value, bool):
        if written is not None and written.lower() not in _YAML12_FLAGS:
            return written  # yes, on, no: text to YAML 1.2
        return "true" if value else "false"
    if isinstance(value, int):
        if written is not None and ":" in written:
            return written  # 1:20 is no base-60 number to YAML 1.2
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, str) and written is not None:
        return _special(written, "+Inf", "-Inf", "NaN")
    return None


_PSYCH_COMMA_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?")
_PSYCH_COMMA_INT = re.compile(
    r"([-+]?)(?:0b([01_,]+)|0x([0-9a-fA-F_,]+)|0([0-7_,]+)|([1-9](?:[0-9]|,[0-9]|_[0-9])*))"
)
_GO_OCTAL = re.compile(r"([-+]?)0o([0-7_]+)")
_GO_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*[eE][0-9]+")


def psych_number(written: str) -> int | float | None:
    """The number Psych (Jekyll's YAML 1.1 reader) reads a plain scalar as, where PyYAML
    reads text or another number: ``1,000`` is 1000 and ``1,000.5`` 1000.5 (jekyll 4.3.1
    titled the pages so), the commas dropped as Psych drops them; a base-60 number
    (:func:`psych_base60`: ``12:30`` is 45000, ``0:30`` 1800); ``None`` for any other text."""
    if ":" in written:
        return psych_base60(written)
    if "," not in written:
        return None
    if _PSYCH_COMMA_FLOAT.fullmatch(written) and written.strip("+-") != ".":
        return float(written.replace(",", "").replace("_", "").rstrip("."))
    found = _PSYCH_COMMA_INT.fullmatch(written)
    if found is None:
        return None
    sign = -1 if found.group(1) == "-" else 1
    for group, base in ((2, 2), (3, 16), (4, 8), (5, 10)):
        digits = (found.group(group) or "").replace(",", "").replace("_", "")
        if digits:
            return sign * int(digits, base)
    return None  # "0x,": Ruby's Integer() refuses it, and so would Jekyll


def go_yaml_number(written: str) -> int | float | None:
    """The number Hugo's YAML 1.2 reader (hugo 0.168) reads a plain scalar as, where PyYAML
    reads text: an octal ``0o17`` (15) and a decimal with an exponent of no sign (``1.e3``,
    ``.5e3``: 1000, 500); ``None`` for any other text."""
    octal = _GO_OCTAL.fullmatch(written)
    if octal is not None:
        return (-1 if octal.group(1) == "-" else 1) * int(octal.group(2).replace("_", ""), 8)
    if _GO_FLOAT.fullmatch(written):
        return float(written.replace("_", ""))
    return None


def zola_text(value: object, written: str | None, kind: FrontMatterKind | None) -> str | None:
    """``value`` as Zola prints it: in YAML front matter the scalar as written; ``None`` in
    TOML, where Zola stops the build on it ("invalid type: integer `2048`, expected a
    string")."""
    if kind != "yaml" or written is None or isinstance(value, list | dict):
        return None
    return written


def _ruby_float(value: float) -> str:
    """Ruby's ``Float#to_s``: Python's shortest form, but an exponent's mantissa always has
    a fraction (``1.0e-05``) and the infinities are words."""
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        return f"{mantissa}.0e{exponent}"
    return text


_PSYCH_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}(\.[0-9_]*)?")
"""Psych's base-60 numbers: two or three parts, each after the first below 60, a fraction
after the last making it a float (``1:2:3:4`` and ``1:60`` are text to it)."""


def psych_base60(written: str) -> int | float | None:
    """A YAML 1.1 base-60 number as Psych (Jekyll's reader) computes it: each part, its sign
    its own, times 60 to the power of its distance from the third, so ``12:30`` is 45000,
    not PyYAML's 750, and ``1:30.5`` is 5430.0 (jekyll 4.3.1 titled the pages so); ``None``
    for what Psych reads as text."""
    found = _PSYCH_BASE60.fullmatch(written.strip())
    if found is None:
        return None
    parts = written.strip().replace("_", "").split(":")
    read = float if found.group(1) is not None else int
    total: int | float = 0
    for at, part in enumerate(parts):
        total += read(part) * 60 ** abs(at - 2)
    return total


_NON_FINITE = {
    ".inf": math.inf,
    "+.inf": math.inf,
    "-.inf": -math.inf,
    ".nan": math.nan,
    "inf": math.inf,
    "+inf": math.inf,
    "-inf": -math.inf,
    "nan": math.nan,
    "+nan": math.nan,
    "-nan": math.nan,
}
"""YAML's (``.inf``, ``.NaN``) and TOML's (``inf``, ``-nan``) numbers without a JSON form."""


def non_finite(written: str) -> float | None:
    """The infinity or NaN that the text a loader kept for a number without a JSON form
    stands for; ``None`` for other text."""
    return _NON_FINITE.get(written.strip().lower())


def _special(written: str, infinity: str, negative: str, nan: str) -> str | None:
    """YAML's ``.inf``, ``-.inf`` and ``.nan`` (which the record keeps as text, JSON having
    no such numbers) as the generator's language prints them; ``None`` for other text."""
    word = written.strip().lower()
    if word in (".inf", "+.inf"):
        return infinity
    if word == "-.inf":
        return negative
    if word == ".nan":
        return nan
    return None
