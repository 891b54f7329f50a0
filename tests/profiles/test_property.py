"""Any front matter, any file name: a profile never fails, and gives JSON metadata whose
every mapped pointer leads back to the user's front matter or names what it was made from."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.pointer import split_pointer
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.record import Record, Source

KEYS = st.sampled_from(
    [
        "title",
        "date",
        "lastmod",
        "updated",
        "tags",
        "categories",
        "category",
        "author",
        "authors",
        "slug",
        "url",
        "path",
        "permalink",
        "draft",
        "published",
        "lang",
        "description",
        "excerpt",
        "taxonomies",
        "extra",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=30),
    st.sampled_from(
        ["2024-02-30", "2024-01-01 10:00:00 +0100", "a b c", "/x/:title/", "2019/05/05/x", "pretty"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(KEYS | st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)
NAMES = st.sampled_from(
    [
        "2024-01-02-a.md",
        "2024-02-30-b.md",
        "x.fr.md",
        "index.md",
        "c.md",
        "2019-05-05.md",
        "_index.md",
        "ü ber.markdown",
    ]
)
FOLDERS = st.sampled_from(
    ["", "content/", "content/posts/", "_posts/", "_drafts/", "content/blog/2024-01-01_bundle/"]
)


def resolve(meta: Any, pointer: str) -> bool:
    for part in split_pointer(pointer):
        if isinstance(meta, dict) and part in meta:
            meta = meta[part]
        elif isinstance(meta, list) and part.isdigit() and int(part) < len(meta):
            meta = meta[int(part)]
        else:
            return False
    return True


@settings(max_examples=150, deadline=None)
@given(
    meta=st.dictionaries(KEYS, VALUES, max_size=8),
    folder=FOLDERS,
    name=NAMES,
    profile=st.sampled_from(["jekyll", "hugo", "zola"]),
    base=st.sampled_from([None, "https://e.org/blog"]),
    body=st.text(max_size=80),
)
def test_profiles_never_fail_and_keep_their_origins(
    meta: dict[str, Any], folder: str, name: str, profile: str, base: str | None, body: str
) -> None:
    record = Record(meta, body, Source(folder + name, "yaml"), "markdown")
    mapped = Mapper(ProfileOptions(profile, base_url=base)).apply(record)
    assert isinstance(mapped, MappedRecord)
    json.dumps(dict(mapped.meta))
    assert mapped.original == meta
    for pointer, origin in mapped.origins.items():
        if origin.pointer is not None:
            assert resolve(meta, origin.pointer), (pointer, origin)
        else:
            assert origin.derived
