"""One date parser for feeds and rules: what a feed dates, the consistency rule can compare."""

from __future__ import annotations

import pytest

from convert.dates import parse_date
from convert.record import Record, Source
from convert.validation import validate

PUBLISHED = "2020-02-20T20:00:00Z"


def _date_findings(updated: str) -> list[str]:
    meta = {"publishedDateTime": PUBLISHED, "updatedDateTime": updated}
    record = Record(meta, "", Source("a.md", "yaml"), "text")
    return [d.rule for d in validate(record, select=["consistency/dates"])]


@pytest.mark.parametrize(
    "updated",
    [
        "2020-02-19T00:00:00Z",
        "2020-02-19t00:00:00z",
        "2020-02-20T21:00:00+02:00",
    ],
)
def test_the_rule_compares_every_zoned_date_the_feeds_read(updated: str) -> None:
    assert parse_date(updated) is not None
    assert _date_findings(updated) == ["consistency/dates"]


@pytest.mark.parametrize(
    "updated",
    [
        "2020-02-19",
        "2020-02-19T00:00:00",
        "yesterday",
        "",
        "2020-02-19 00:00:00Z",
        " 2020-02-19T00:00:00Z",
    ],
)
def test_dates_that_are_not_rfc_3339_are_never_compared(updated: str) -> None:
    assert _date_findings(updated) == []
