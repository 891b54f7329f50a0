"""corpus/duplicate-url, through the helper that runs a corpus rule over several records."""

from __future__ import annotations

from tests.rules.helpers import VALID, corpus_diagnostics, corpus_found, diagnostics, record_with

OTHER = VALID.replace("local/cycling-plan", "local/bus-plan")


def test_duplicate_url_fires_on_the_later_file_with_the_line_of_its_web_url() -> None:
    found = corpus_found({"a.md": VALID, "b.md": OTHER, "c.md": VALID}, "corpus/duplicate-url")
    assert found == [("c.md", 5, "corpus/duplicate-url")]


def test_duplicate_url_is_quiet_for_distinct_urls_records_without_one_and_one_file_twice() -> None:
    no_url = record_with(drop=("webUrl",))
    records = {"a.md": VALID, "b.md": OTHER, "c.md": no_url, "d.md": no_url}
    assert corpus_found(records, "corpus/duplicate-url") == []


def test_duplicate_url_sees_nothing_in_one_record_alone() -> None:
    assert diagnostics(VALID, "corpus/duplicate-url") == []


def test_two_older_records_linked_by_one_source_url_are_a_duplicate() -> None:
    """A record of the older generation keeps its link in sourceUrl (Record.link_name)."""
    older = record_with('sourceUrl: "https://news.example.com/older"\n', drop=("webUrl",))
    found = corpus_found({"a.md": older, "b.md": older}, "corpus/duplicate-url")
    assert found == [("b.md", 11, "corpus/duplicate-url")]  # the line of its sourceUrl
    (finding,) = corpus_diagnostics({"a.md": older, "b.md": older}, "corpus/duplicate-url")
    assert finding.pointer == "/sourceUrl" and finding.message.startswith('"sourceUrl"')
