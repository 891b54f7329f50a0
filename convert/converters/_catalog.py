"""Describing the available formats for ``artconv formats``, importing as little as possible.

A converter's name, extension, media type and one-line description are read from its module's
source with :mod:`ast`, so listing formats does not import lxml or any plugin's dependencies.
Only when they are not plain literals in the class body (inherited, computed) is the plugin
imported; a plugin that fails then is listed with its error rather than ending the listing.
"""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from convert.converters import converter_specs, describe, get_converter
from convert.errors import PluginError
from convert.plugins import Discover, PluginSpec, _installed

_FIELDS = ("name", "extension", "media_type")


@dataclass(frozen=True)
class FormatInfo:
    name: str
    extension: str
    media_type: str
    description: str
    distribution: str
    error: str = ""


def _from_source(spec: PluginSpec) -> FormatInfo | None:
    module_name, _, attribute = spec.target.partition(":")
    try:
        found = importlib.util.find_spec(module_name)
        origin = found.origin if found else None
        tree = ast.parse(Path(origin).read_text("utf-8")) if origin else None
    except (ImportError, ValueError, OSError, SyntaxError):
        return None
    for node in tree.body if tree else ():
        if isinstance(node, ast.ClassDef) and node.name == attribute:
            values: dict[str, str] = {}
            for statement in node.body:
                target = getattr(statement, "target", None)
                value = getattr(statement, "value", None)
                if (
                    isinstance(target, ast.Name)
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    values[target.id] = value.value
            if not all(f in values for f in _FIELDS):
                return None
            doc = (ast.get_docstring(node) or "").strip()
            return FormatInfo(
                spec.name,
                values["extension"],
                values["media_type"],
                doc.splitlines()[0] if doc else "",
                spec.distribution,
            )
    return None


def _from_import(spec: PluginSpec, find: Discover) -> FormatInfo:
    try:
        converter = get_converter(spec.name, find)
    except PluginError as exc:
        return FormatInfo(spec.name, "", "", "", spec.distribution, str(exc))
    return FormatInfo(
        spec.name,
        str(converter.extension),
        str(converter.media_type),
        describe(converter),
        spec.distribution,
    )


def format_infos(find: Discover = _installed) -> list[FormatInfo]:
    """Every known format, sorted by name."""
    specs = converter_specs(find)
    return [_from_source(spec) or _from_import(spec, find) for _, spec in sorted(specs.items())]
