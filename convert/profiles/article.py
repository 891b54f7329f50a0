"""The article profile: front matter that already is an article record, taken as written.

With ``[tool.artconv.fields]`` it also takes a field from the user's own keys
(``publishedDateTime = ["pubDate", "date"]``); dates taken so are normalised to RFC 3339.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from convert.pointer import split_pointer
from convert.profiles.base import FieldDoc, Mapped, Origin, ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.common import DATE_FIELDS
from convert.record import Record


class ArticleProfile:
    """Article records as written (the default); [tool.artconv.fields] can rename keys."""

    name: ClassVar[str] = "article"

    def describe(self, options: ProfileOptions) -> Iterator[FieldDoc]:
        yield FieldDoc("*", "every field as written")
        for target, keys in options.fields.items():
            yield FieldDoc(target, ", ".join(keys))

    def map(self, record: Record, options: ProfileOptions) -> Mapped:
        build = Builder(record, options)
        used: set[str] = set()
        for target, keys in options.fields.items():
            if target in DATE_FIELDS:
                build.date(target, keys)
            else:
                build.text(target, keys)
            origin = build.origins.get("/" + target)
            if origin is not None and origin.pointer:
                used.add(split_pointer(origin.pointer)[0])
        meta = {k: v for k, v in record.meta.items() if k not in used}
        meta.update(build.meta)
        origins = {"": Origin("")} | build.origins
        return Mapped(meta, origins, build.problems, frozenset(build.missing))
