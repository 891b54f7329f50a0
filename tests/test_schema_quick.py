"""The quick schema check never passes a record jsonschema-rs would fail.

It may be unsure (the record then goes to jsonschema-rs), but a ``True`` is trusted on its own,
so these tests hold it against jsonschema-rs: on generated records built from the values that
make the two readers differ (dates, URLs, line feeds, 1.0, True against 1, lone surrogates,
large integers), on the records in the repository, and on small schemas for each keyword.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert import loads
from convert.dates import is_date_time
from convert.schema import PACKAGED, QUICK_RECORDS, SchemaValidator, load_schema
from convert.schema_quick import DRAFT_2020_12, compile_quick

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = json.loads((PACKAGED / "article.schema.json").read_text("utf-8"))


def engine(schema: dict[str, Any]) -> Any:
    """jsonschema-rs as convert.schema compiles it."""
    return jsonschema_rs.validator_for(
        schema, validate_formats=True, formats={"date-time": is_date_time}
    )


ARTICLE_ENGINE = engine(ARTICLE)
ARTICLE_QUICK = compile_quick(ARTICLE)

DATES = [
    "2020-02-20T20:00:00Z",
    "2016-12-31T23:59:60Z",
    "0000-01-01T00:00:00Z",
    "2020-02-20 20:00:00Z",
    "2020-02-30T00:00:00Z",
    "2020-02-20T20:00:00+01:00",
    "2020-02-20T20:00Z",
    "2020-02-20",
]
URLS = [
    "https://www.example.com/en-us/news/story?a=1&b=%20#top",
    "http://example.com:8080/",
    "http://",
    "https://exa mple.com/",
    "https://example.com/%zz",
    "https://example.com/\u00e4",
    "ftp://files.example.com/a.txt",
    "urn:isbn:0451450523",
    "/images/photo.jpg",
    "images/photo.jpg",
    "//cdn.example.com/a.jpg",
    "https://[::1]/",
    "https://example.com/a\n",
    "",
]
WORDS = ["video", "article", "Video", "en", "en-US", "e", "example.com", "a.b-c", "-x.com"]


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(DATES + URLS + WORDS),
        st.text(max_size=12),
        st.sampled_from(["a\n", "\ud800", "x\udfff", "line\nfeed.com"]),
        st.none(),
        st.booleans(),
        st.integers(min_value=-3, max_value=3),
        st.sampled_from([2**53, 2**53 + 1, -(2**60), 10**30]),
        st.sampled_from([0.0, 1.0, -1.0, 2.5, math.nan, math.inf]),
    )


def values(depth: int = 2) -> st.SearchStrategy[Any]:
    if depth == 0:
        return scalars()
    inner = values(depth - 1)
    keys = st.sampled_from(["name", "url", "width", "domain", "images", "authors", "title"])
    return st.one_of(
        scalars(),
        st.lists(inner, max_size=3),
        st.dictionaries(keys, inner, max_size=4),
    )


FIELDS = [str(name) for name in ARTICLE["properties"]]
KNOWN = {"title": WORDS, "publishedDateTime": DATES, "webUrl": URLS, "originalUrl": URLS}


def field(name: str) -> st.SearchStrategy[Any]:
    """Mostly a value of the field's own kind (most fields may be null), sometimes anything."""
    own = st.sampled_from(KNOWN.get(name, [None]))
    odds = 5 if name in KNOWN else 20
    return st.integers(0, odds).flatmap(lambda pick: values() if pick == 0 else own)


# The required fields (and those of the conditional) are nearly always there, so that many
# records get as far as a yes; the rest come and go with any value.
records = st.fixed_dictionaries(
    {name: field(name) for name in ("title", "publishedDateTime", "webUrl")},
    optional={name: field(name) for name in [*FIELDS, "extra"] if name not in KNOWN}
    | {"originalUrl": field("originalUrl")},
)


@pytest.mark.parametrize("keyword", ["not", "oneOf", "additionalProperties", "uniqueItems"])
def test_a_schema_outside_the_subset_gets_no_quick_check(keyword: str) -> None:
    schema = {"$schema": DRAFT_2020_12, keyword: {}}
    assert compile_quick(schema) is None


def test_only_draft_2020_12_is_read() -> None:
    assert compile_quick({"type": "object"}) is None
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}
    assert compile_quick(schema) is None
    assert compile_quick({"$schema": DRAFT_2020_12, "type": "object"}) is not None


def test_the_packaged_schemas_have_a_quick_check() -> None:
    for path in PACKAGED.glob("*.schema.json"):
        assert compile_quick(json.loads(path.read_text("utf-8"))) is not None, path.name


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_a_record_the_quick_check_passes_is_valid(meta: dict[str, Any]) -> None:
    assert ARTICLE_QUICK is not None
    if ARTICLE_QUICK(meta):
        assert ARTICLE_ENGINE.is_valid(meta), meta


@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "title": st.sampled_from(["A title", "", "x\n"]),
            "publishedDateTime": st.sampled_from(DATES),
            "webUrl": st.sampled_from(URLS),
        },
        optional={
            "type": st.sampled_from(["video", "article", None, 1, True]),
            "originalUrl": st.sampled_from([*URLS, None]),
            "provider": st.fixed_dictionaries(
                {"name": st.sampled_from(["P", ""])},
                optional={"domain": st.sampled_from([*WORDS, "a.com\n", None])},
            ),
            "heat": st.sampled_from([0, -1, 1.0, 0.5, -2, True, None]),
        },
    )
)
def test_near_valid_records_agree(meta: dict[str, Any]) -> None:
    """Records close to valid reach the conditional and the formats, where a wrong answer
    would hide; the quick check must also say yes often enough to be worth having."""
    assert ARTICLE_QUICK is not None
    if ARTICLE_QUICK(meta):
        assert ARTICLE_ENGINE.is_valid(meta), meta


def test_the_quick_check_passes_the_clean_records_in_the_repository() -> None:
    """Without this, a quick check that never said yes would pass every test above."""
    paths = [*sorted((ROOT / "examples" / "valid").glob("*.md"))]
    paths += sorted(p for p in (ROOT / "tests" / "real_shapes").glob("*.md") if p.stem.islower())
    paths.append(next((ROOT / "examples").glob("000_*.txt")))
    assert ARTICLE_QUICK is not None
    for path in paths:
        meta = loads(path.read_text("utf-8"), path=str(path)).meta
        assert ARTICLE_ENGINE.is_valid(meta), path.name
        assert ARTICLE_QUICK(meta), path.name


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"pattern": "^a$"}, "a\n"),  # Python's $ matches before a final line feed
        ({"pattern": "^\\d+$"}, "\u0663"),  # an Arabic-Indic digit: \d differs between engines
        ({"pattern": "\\S"}, "\x1c"),  # white space to Python's str.isspace, text to jsonschema-rs
        ({"pattern": "\\S"}, "\u3000 "),
        ({"type": "integer"}, 1.0),  # 2020-12 counts 1.0 as an integer
        ({"const": True}, 1),  # equal in Python, not in JSON
        ({"const": "x"}, "x"),
        ({"minLength": 2}, "\ud800\udc00"),  # a surrogate pair Python counts as 2
        ({"minimum": 0}, 2**64),
        ({"format": "uri"}, "https://example.com/a b"),
        ({"format": "uri-reference"}, "a b"),
        ({"format": "email"}, "not-an-address"),
        ({"if": {"pattern": "^a$"}, "then": {"minLength": 5}}, "a\n"),
        ({"anyOf": [{"format": "uri"}, {"type": "integer"}]}, "no uri"),
        ({"items": {"type": "string"}}, ["a", 1]),
        ({"required": ["a"]}, {"b": 1}),
        ({"$ref": "#/$defs/x", "$defs": {"x": {"type": "null"}}}, 0),
    ],
)
def test_each_keyword_never_says_valid_wrongly(schema: dict[str, Any], instance: Any) -> None:
    schema = {"$schema": DRAFT_2020_12, **schema}
    quick = compile_quick(schema)
    assert quick is not None
    try:
        valid = engine(schema).is_valid(instance)
    except ValueError:  # jsonschema-rs cannot even read the value: never quick-passed
        valid = False
    assert not quick(instance) or valid


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"pattern": "^[a-z]{2,3}$"}, "abc"),
        ({"pattern": "\\S"}, "\u3000a "),
        ({"type": ["integer", "null"], "minimum": 0}, 3),
        ({"format": "date-time"}, "2020-02-20T20:00:00Z"),
        ({"format": "uri"}, "https://example.com/news?id=1#top"),
        ({"format": "uri-reference"}, "/images/a.jpg"),
        ({"if": {"required": ["t"]}, "then": {"required": ["u"]}}, {"t": 1, "u": 2}),
        ({"$ref": "#/$defs/x", "$defs": {"x": {"items": {"$ref": "#/$defs/x"}}}}, [[[]]]),
    ],
)
def test_each_keyword_says_valid_where_it_can(schema: dict[str, Any], instance: Any) -> None:
    schema = {"$schema": DRAFT_2020_12, **schema}
    quick = compile_quick(schema)
    assert quick is not None and quick(instance)
    assert engine(schema).is_valid(instance)


def test_a_clean_record_leaves_jsonschema_rs_uncompiled() -> None:
    seed = ROOT / "examples" / "valid" / "markdown-body.md"
    meta = loads(seed.read_text("utf-8")).meta
    validator = SchemaValidator(ARTICLE, "article", ARTICLE_QUICK)
    assert validator.is_valid(meta)
    assert validator._engine is None
    assert not validator.is_valid({"title": 5})
    assert validator._engine is not None
    assert "type" in {e.kind.name for e in validator.iter_errors({"title": 5})}


def test_jsonschema_rs_takes_over_after_a_few_dozen_records() -> None:
    meta = {"title": "t", "publishedDateTime": "2020-02-20T20:00:00Z", "webUrl": "https://a.b/"}
    validator = SchemaValidator(ARTICLE, "article", ARTICLE_QUICK)
    for _ in range(QUICK_RECORDS):
        assert validator.is_valid(meta)
    assert validator._engine is None
    assert validator.is_valid(meta)
    assert validator._engine is not None


def test_a_packaged_schema_loads_with_its_quick_check() -> None:
    schema = load_schema("article")
    assert schema.validator._quick is not None
