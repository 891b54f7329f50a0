"""Property tests: what holds for every record, not just the examples."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert import loads, validate

# CR is normalised on load and NUL marks a binary file; NEL and the Unicode line and paragraph
# separators are YAML line breaks that PyYAML's dumper writes raw, so they would not survive
# the dump half of the round trip.
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00\x85\u2028\u2029"),
    max_size=30,
)
scalars = st.one_of(
    text,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)),
    max_leaves=12,
)
metas = st.dictionaries(text, values, max_size=8)


@given(meta=metas, body=text)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_dump_then_load_round_trips_meta_and_body(meta: dict[str, Any], body: str) -> None:
    document = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
    record = loads(document + body)
    assert record.problems == ()
    assert record.meta == meta
    assert list(record.meta) == list(meta)  # key order is kept
    assert record.body == body


FIELDS = [
    "title",
    "excerpt",
    "publishedDateTime",
    "webUrl",
    "provider",
    "topics",
    "images",
    "quality",
    "locale",
    "publishedDatetime",
    "type",
]
BASE: dict[str, Any] = {
    "title": "T",
    "excerpt": "E",
    "publishedDateTime": "2020-02-20T20:00:00Z",
    "webUrl": "https://example.com/a",
    "provider": {"name": "P", "images": [{"url": "/a"}]},
    "topics": ["X"],
    "images": [{"url": "https://example.com/i.jpg", "width": 10}],
}


def resolve(meta: Any, pointer: str) -> bool:
    node = meta
    for token in pointer.split("/")[1:] if pointer else []:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


@given(
    drop=st.sets(st.sampled_from(FIELDS)),
    replace=st.dictionaries(st.sampled_from(FIELDS), values, max_size=4),
    flow=st.booleans(),
)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_every_finding_is_inside_the_file_and_its_pointer_resolves(
    drop: set[str], replace: dict[str, Any], flow: bool
) -> None:
    meta = {k: v for k, v in BASE.items() if k not in drop} | replace
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    document = "---\n" + dumped + "---\nBody\n"
    lines = document.count("\n")
    record = loads(document, path="r.md")
    for finding in validate(record):
        assert finding.line is None or 1 <= finding.line <= lines, finding
        assert finding.column is None or finding.column >= 1
        assert resolve(record.meta, finding.pointer), finding
        assert finding.message


@given(st.binary(max_size=300))
@settings(max_examples=200)
def test_any_bytes_give_findings_never_an_exception(data: bytes) -> None:
    record = loads(data, path="junk.md")
    for finding in validate(record):
        assert finding.path == "junk.md"


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_any_front_matter_text_gives_findings_never_an_exception(body: str) -> None:
    validate(loads("---\n" + body + "\n---\n", path="junk.md"))
