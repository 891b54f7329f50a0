"""The article metadata one record's mapping builds: each field's value and where it came
from (the page's key, the site's defaults, or what the profile worked out), and the findings
on the way. Keys are looked up in the front matter as the generator sees it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from convert.diagnostics import Severity
from convert.pointer import escape_token, split_pointer
from convert.profiles.base import Origin, ProfileOptions, finding
from convert.profiles.dates import normalise_date
from convert.profiles.defaults import merge
from convert.profiles.flags import flag
from convert.profiles.paths import PagePath
from convert.record import FrontMatterKind, Record

DEFAULTS = "the site's defaults"
DATE_HINT = "write it as YYYY-MM-DD HH:MM:SS +ZZZZ or RFC 3339, e.g. 2024-05-01T09:30:00+02:00"


def lookup(meta: Mapping[str, Any], key: str, *, fold: bool = False) -> tuple[str, Any] | None:
    """``(pointer, value)`` of a key (or a JSON pointer) in the front matter, if present.

    With ``fold`` a key matches whatever its letter case (``Title`` for ``title``), as Hugo
    reads front matter; an exact match still wins, and the pointer names the key as written.
    """
    if key.startswith("/"):
        value: Any = meta
        tokens: list[str] = []
        for part in split_pointer(key):
            if isinstance(value, dict) and (name := _key(value, part, fold)) is not None:
                value = value[name]
                tokens.append(escape_token(name))
            elif isinstance(value, list) and _is_index(part) and int(part) < len(value):
                value = value[int(part)]
                tokens.append(part)
            else:
                return None
        pointer = "/" + "/".join(tokens)
    elif (name := _key(meta, key, fold)) is not None:
        value, pointer = meta[name], "/" + escape_token(name)
    else:
        return None
    if value is None or value == "" or value == []:
        return None
    return pointer, value


def _key(mapping: Mapping[str, Any], key: str, fold: bool) -> str | None:
    """The key of ``mapping`` that ``key`` names: itself, else (with ``fold``) the first key
    equal to it but for letter case."""
    if key in mapping:
        return key
    if fold:
        lowered = key.lower()
        for name in mapping:
            if isinstance(name, str) and name.lower() == lowered:
                return name
    return None


def _is_index(part: str) -> bool:
    """A pointer token that names a list element: ASCII digits (``"²".isdigit()`` is true)."""
    return part.isascii() and part.isdigit()


_YAML_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.-]*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_TOML_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def setting(
    kind: FrontMatterKind | None, keys: Sequence[str], value: str | bool, *, date: bool = False
) -> str:
    """``keys`` (a key, or a path of nested keys) set to ``value`` as front matter of ``kind``
    writes it, for a hint to copy: ``date: 2024-01-05``, ``date = 2024-01-05`` or
    ``"date": "2024-01-05"``; ``build: {render: always}``, ``build.render = "always"``.
    ``date``: the value is a date, which YAML and TOML write bare. A page with no front matter
    is hinted in YAML, as its fences are the ones all three generators read.
    """
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif kind == "json" or not (date or (kind != "toml" and _yaml_plain(value))):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = value
    if kind == "toml":  # a dotted key: TOML's one-line way to a nested table's key
        dotted = ".".join(k if _TOML_BARE_KEY.fullmatch(k) else json.dumps(k) for k in keys)
        return f"{dotted} = {text}"
    for key in reversed(keys[1:]):  # YAML's and JSON's: inline mappings
        text = f"{{{_key_as(kind, key)}: {text}}}"
    return f"{_key_as(kind, keys[0])}: {text}"


def _key_as(kind: FrontMatterKind | None, key: str) -> str:
    return key if kind != "json" and _yaml_plain(key) else json.dumps(key, ensure_ascii=False)


def _yaml_plain(text: str) -> bool:
    """Whether YAML reads ``text`` unquoted as this very string."""
    return bool(_YAML_PLAIN.fullmatch(text)) and text.lower() not in _YAML_WORDS


class Builder:
    """The article metadata being built for one record, with origins and findings."""

    def __init__(
        self,
        record: Record,
        options: ProfileOptions,
        *,
        fold: bool = False,
        page: PagePath | None = None,
        defaults: Mapping[str, Any] | None = None,
    ) -> None:
        self.record = record
        self.options = options
        self.fold = fold  # keys match whatever their letter case (Hugo)
        # The values the site's configuration gives the page (Jekyll's defaults), under its
        # own; ``front`` is the front matter the generator sees, the two merged.
        self.defaults: Mapping[str, Any] = defaults or {}
        self.front: Mapping[str, Any] = (
            merge(self.defaults, record.meta) if self.defaults else record.meta
        )
        # The page's place in the site, where the profile needs it (Hugo, Zola): worked out
        # once per record, as the language, the date and the link all ask for it.
        self.page = page
        self.meta: dict[str, Any] = {}
        self.origins: dict[str, Origin] = {}
        self.problems: list[Any] = []
        self.missing: set[str] = set()
        self.extra: dict[str, str] = {}  # what a profile works out on the way (slugs)
        self.moot: set[str] = set()  # finding ids that do not apply as the generator reads it

    def setting(self, key: str, value: str | bool, *, date: bool = False) -> str:
        """``key`` (or a JSON pointer to a nested key) set to ``value`` in the syntax of this
        page's front matter, for a hint (:func:`setting`)."""
        keys = split_pointer(key) if key.startswith("/") else [key]
        return setting(self.record.source.front_matter, keys, value, date=date)

    def put(self, target: str, value: Any, pointer: str | None, derived: str = "") -> None:
        self.meta[target] = value
        self.origins["/" + target] = self.origin(pointer, derived)

    def find(self, key: str) -> tuple[str, Any] | None:
        """``(pointer, value)`` of ``key`` in the front matter as the generator sees it (the
        site's defaults under the page's own), if present."""
        return lookup(self.front, key, fold=self.fold)

    def written(self, pointer: str) -> bool:
        """Whether the value at ``pointer`` (as :meth:`find` gives it) is the page's own, not
        one the site's defaults gave it."""
        return not self.defaults or lookup(self.record.meta, pointer) is not None

    def origin(self, pointer: str | None, derived: str = "") -> Origin:
        """Where a value found at ``pointer`` came from: the page's key, or the site's
        defaults, which have no line in the page to report a finding at."""
        if pointer is not None and not self.written(pointer):
            return Origin(None, DEFAULTS)
        return Origin(pointer, derived)

    def first(self, keys: tuple[str, ...]) -> tuple[str, Any] | None:
        for key in keys:
            found = self.find(key)
            if found is not None:
                return found
        return None

    def report(
        self,
        rule: str,
        message: str,
        *,
        pointer: str = "",
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        pointer = pointer if not pointer or self.written(pointer) else ""
        self.problems.append(
            finding(self.record, rule, message, pointer=pointer, hint=hint, severity=severity)
        )

    def no_link(self, why: str, *, hint: str, pointer: str = "") -> None:
        """The page has no link: the generator publishes no page for it (``why``), which is
        its one ``profile/missing`` finding, and no other is made for the missing link."""
        self.missing.add("webUrl")
        self.report("profile/missing", f'cannot make "webUrl": {why}', pointer=pointer, hint=hint)

    def off_schedule(
        self, rule: str, message: str, *, pointer: str, hint: str, severity: Severity
    ) -> None:
        """The generator writes no page for it at the build's time (a scheduled or expired
        page): it is unpublished, and has no link unless its front matter gives one; the
        finding (not a ``profile/missing``) says when and why."""
        if self.meta.get("published") is not False:
            self.put("published", False, None, "the build's time")
        if "webUrl" not in self.meta:
            self.missing.add("webUrl")
        self.report(rule, message, pointer=pointer, hint=hint, severity=severity)

    def date(
        self,
        target: str,
        keys: tuple[str, ...],
        *,
        flags: frozenset[str] = frozenset(),
        reader: Callable[[object, str | None], str | None] = normalise_date,
    ) -> None:
        """The first of ``keys`` as a date, read by the generator's ``reader``; a key named in
        ``flags`` that holds a yes/no value instead is passed over (Hugo's ``published`` is a
        date or a flag)."""
        for key in keys:
            found = self.find(key)
            if found is None:
                continue
            pointer, value = found
            normal = reader(value, self.options.timezone)
            if normal is None and key.lower() in flags and flag(value, loose=True) is not None:
                continue
            self._date(target, pointer, value, normal)
            return

    def _date(self, target: str, pointer: str, value: Any, normal: str | None) -> None:
        if normal is not None:
            self.put(target, normal, pointer)
            return
        name = split_pointer(pointer)[-1]
        self.report(
            "profile/bad-date",
            f'"{name}" is not a date: {value!r}',
            pointer=pointer,
            hint=DATE_HINT,
        )
        self.missing.add(target)

    def text(self, target: str, keys: tuple[str, ...]) -> None:
        found = self.first(keys)
        if found is not None:
            pointer, value = found
            self.put(target, value.strip() if isinstance(value, str) else value, pointer)

    def words(
        self,
        target: str,
        keys: tuple[str, ...],
        *,
        split: frozenset[str] = frozenset(),
        first_only: bool = False,
    ) -> None:
        """A list field from several keys, each element keeping its own origin: ``split``
        names the keys whose text is a list written with spaces; ``first_only``, the field is
        the first present key's alone."""
        items: list[str] = []
        for key in keys:
            found = self.find(key)
            if found is None or (first_only and found[1] is None):
                continue
            pointer, value = found
            values = value if isinstance(value, list) else [value]
            for index, item in enumerate(values):
                where = f"{pointer}/{index}" if isinstance(value, list) else pointer
                if isinstance(item, bool) or not isinstance(item, str | int | float):
                    continue
                # Jekyll reads "categories: jekyll update" as two; a list item stays one.
                whole = key in split and isinstance(value, str)
                parts = str(item).split() if whole else [str(item)]
                for part in parts:
                    part = part.strip()
                    if part and part not in items:
                        self.origins[f"/{target}/{len(items)}"] = self.origin(where)
                        items.append(part)
            if first_only:
                break
        if items:
            self.meta[target] = items
            self.origins.setdefault("/" + target, Origin(None, "several keys"))
