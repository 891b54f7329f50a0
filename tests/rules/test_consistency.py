"""The consistency rules (amp-url, dates, web-address), through the one-rule helper."""

from __future__ import annotations

import pytest

from convert.diagnostics import Severity
from convert.rules.consistency import site_of_host
from tests.rules.helpers import VALID, diagnostics, found, record_with
from tests.web_addresses import BROWSER_READS, BROWSER_REFUSES, DNS_REFUSES


def test_amp_url_fires_when_the_amp_page_is_on_another_site() -> None:
    text = record_with('ampWebUrl: "https://elsewhere.example.org/amp/x"\n')
    (finding,) = diagnostics(text, "consistency/amp-url")
    assert (finding.line, finding.column, finding.pointer) == (12, 12, "/ampWebUrl")
    assert "elsewhere.example.org" in finding.message


def test_amp_url_fires_for_a_cache_address_of_another_site() -> None:
    text = record_with('cdnAmpWebUrl: "https://other-example-org.cdn.ampproject.org/c/s/x"\n')
    assert found(text, "consistency/amp-url") == [(12, 15, "consistency/amp-url")]


def test_amp_url_is_quiet_for_the_same_site_and_its_cache_address() -> None:
    text = record_with(
        'ampWebUrl: "https://www.news.example.com/amp/x"\n'
        'cdnAmpWebUrl: "https://news-example-com.cdn.ampproject.org/c/s/news.example.com/x"\n'
    )
    assert found(text, "consistency/amp-url") == []
    assert found(VALID, "consistency/amp-url") == []


def test_amp_url_is_quiet_for_other_hosts_of_the_same_site() -> None:
    """Publishers serve AMP pages from amp., m. or mobile. hosts of their site, and link
    articles through feed hosts (feeds., rss.): those are the article's own site."""
    text = record_with(
        'ampWebUrl: "https://amp.example.com/local/cycling-plan"\n'
        'cdnAmpWebUrl: "https://amp-example-com.cdn.ampproject.org/c/s/amp.example.com/x"\n'
    )
    assert found(text, "consistency/amp-url") == []
    feed = text.replace("https://news.example.com/", "http://feeds.example.com/~r/news/")
    assert found(feed, "consistency/amp-url") == []


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.example.com", "example.com"),
        ("in.mobile.example.com", "example.com"),
        ("media.paper.co.uk", "paper.co.uk"),
        ("www.paper.com.au", "paper.com.au"),
        ("example.com", "example.com"),
        ("localhost", "localhost"),
        ("192.0.2.7", "192.0.2.7"),
        ("[2001:db8::1]", "[2001:db8::1]"),
    ],
)
def test_a_host_belongs_to_its_registrable_site(host: str, site: str) -> None:
    assert site_of_host(host) == site


def test_amp_url_tells_sites_under_a_country_second_level_apart() -> None:
    text = record_with(drop=("webUrl",)).replace(
        "provider:", 'webUrl: "https://www.paper.co.uk/a"\nprovider:', 1
    )
    same = text.replace("provider:", 'ampWebUrl: "https://amp.paper.co.uk/a"\nprovider:', 1)
    other = text.replace("provider:", 'ampWebUrl: "https://amp.gazette.co.uk/a"\nprovider:', 1)
    assert found(same, "consistency/amp-url") == []
    assert [f[2] for f in found(other, "consistency/amp-url")] == ["consistency/amp-url"]


def test_amp_url_may_be_on_the_site_of_the_original_article() -> None:
    """An aggregator's webUrl is its own page; the AMP addresses are the original article's."""
    text = record_with(
        'originalUrl: "https://www.paper.example.org/news/x"\n'
        'ampWebUrl: "https://www.paper.example.org/amp/news/x"\n'
        'cdnAmpWebUrl: "https://www-paper-example-org.cdn.ampproject.org/c/s/'
        'www.paper.example.org/amp/news/x"\n'
    )
    assert found(text, "consistency/amp-url") == []
    elsewhere = text.replace(
        "https://www.paper.example.org/amp", "https://www.other.example.net/amp"
    )
    assert found(elsewhere, "consistency/amp-url") == [(13, 12, "consistency/amp-url")]


def test_amp_url_reads_the_site_a_cache_address_serves() -> None:
    """The cache path names the page's host; without one, the cache sub-domain encodes it
    (a hyphen for each dot, two hyphens for a hyphen)."""
    encoded = 'cdnAmpWebUrl: "https://news-example-com.cdn.ampproject.org/c/s/x"\n'
    assert found(record_with(encoded), "consistency/amp-url") == []
    other = 'cdnAmpWebUrl: "https://www-other--site-org.cdn.ampproject.org/v/x"\n'
    (finding,) = diagnostics(record_with(other), "consistency/amp-url")
    assert finding.pointer == "/cdnAmpWebUrl"
    named = 'cdnAmpWebUrl: "https://cache.example.net/c/s/amp.other.org/x"\n'
    assert found(record_with(named), "consistency/amp-url") == [(12, 15, "consistency/amp-url")]


def test_dates_fires_when_the_update_is_before_publication() -> None:
    text = record_with('updatedDateTime: "2024-06-01T00:00:00Z"\n')
    assert found(text, "consistency/dates") == [(12, 18, "consistency/dates")]


def test_dates_is_quiet_for_a_later_update_or_an_unreadable_date() -> None:
    assert (
        found(record_with('updatedDateTime: "2024-07-01T00:00:00Z"\n'), "consistency/dates") == []
    )
    assert found(record_with('updatedDateTime: "soon"\n'), "consistency/dates") == []


def test_web_address_fires_for_a_script_a_data_url_and_an_escaped_unreadable_host() -> None:
    text = record_with(
        'ampWebUrl: "javascript:alert(1)"\n'
        'originalUrl: "data:text/html,hi"\n'
        'cdnAmpWebUrl: "https://news%20example.com/amp/x"\n'
    )
    findings = diagnostics(text, "consistency/web-address")
    assert [(f.line, f.pointer) for f in findings] == [
        (12, "/ampWebUrl"),
        (13, "/originalUrl"),
        (14, "/cdnAmpWebUrl"),
    ]
    assert "javascript: scheme" in findings[0].message and "data: scheme" in findings[1].message
    # An error, as the feed build's convert/incomplete for the same link is: the hook stops it.
    assert {f.severity for f in findings} == {Severity.ERROR}
    assert "'news%20example.com'" in findings[2].message


def test_web_address_is_quiet_for_web_relative_and_escaped_readable_addresses() -> None:
    text = record_with(
        'ampWebUrl: "/amp/relative"\n'
        'originalUrl: "https://b%C3%BCcher.example:8080/v?id=1%202"\n'
        'cdnAmpWebUrl: "https://[2001:db8::1]/amp"\n'
    )
    assert found(text, "consistency/web-address") == []
    assert found(VALID, "consistency/web-address") == []


def test_web_address_fires_for_a_web_address_with_no_host() -> None:
    """``https:example.com/a`` is a URI the schema takes; a feed leaves its item out, as it
    does one whose host is empty after a user name."""
    text = record_with(
        'ampWebUrl: "https:example.com/amp/x"\n'
        'originalUrl: "http:/video"\n'
        'cdnAmpWebUrl: "https://@/amp/x"\n'
    )
    findings = diagnostics(text, "consistency/web-address")
    assert [f.pointer for f in findings] == ["/ampWebUrl", "/originalUrl", "/cdnAmpWebUrl"]
    assert all("has no host" in f.message for f in findings)


@pytest.mark.parametrize("url", [url for url in BROWSER_REFUSES if url.isascii()])
def test_web_address_fires_for_a_host_or_port_a_browser_refuses(url: str) -> None:
    """Whether or not the schema's ``uri`` format takes the address (it refuses the bracketed
    one and the port that is no number), the rule holds its host and port to the feeds'."""
    (finding,) = diagnostics(record_with(f'ampWebUrl: "{url}"\n'), "consistency/web-address")
    assert finding.pointer == "/ampWebUrl"
    assert "has a host or port no browser reads" in finding.message


@pytest.mark.parametrize("url", DNS_REFUSES)
def test_web_address_fires_for_a_domain_dns_cannot_hold(url: str) -> None:
    """The feeds leave such an item out and the importer writes no such link: the hook warns
    before either does."""
    (finding,) = diagnostics(record_with(f'ampWebUrl: "{url}"\n'), "consistency/web-address")
    assert finding.pointer == "/ampWebUrl"
    assert "longer than DNS allows" in finding.message and "browser" not in finding.message


@pytest.mark.parametrize("url", [url for url in BROWSER_REFUSES if not url.isascii()])
def test_an_address_no_uri_can_hold_is_the_schemas_alone_to_refuse(url: str) -> None:
    """Written raw, a full-width space is a character no URI holds: one finding, the schema's
    (escaped, it is a URI the schema takes, and the rule's: see the test above)."""
    text = record_with(f'ampWebUrl: "{url}"\n')
    assert found(text, "consistency/web-address") == []
    assert [(f.rule, f.pointer) for f in diagnostics(text, "schema")] == [
        ("schema/format", "/ampWebUrl")
    ]


@pytest.mark.parametrize("url", BROWSER_READS)
def test_web_address_is_quiet_for_a_host_and_port_a_browser_reads(url: str) -> None:
    assert found(record_with(f'ampWebUrl: "{url}"\n'), "consistency/web-address") == []


def test_web_address_names_the_host_and_port_without_the_user_info() -> None:
    text = record_with('ampWebUrl: "https://user:secret@news.example:99999/amp"\n')
    (finding,) = diagnostics(text, "consistency/web-address")
    assert "'news.example:99999'" in finding.message and "secret" not in finding.message


def test_backslashes_before_the_query_are_the_slashes_a_browser_and_the_feeds_read() -> None:
    r"""``https:\\x.example\a`` opens ``https://x.example/a`` and a feed links it there: no URI
    holds a backslash, so the schema refuses it, but it does not lack a host."""
    text = record_with('ampWebUrl: "https:\\\\\\\\x.example\\\\amp"\n')
    assert found(text, "consistency/web-address") == []
    assert [(f.rule, f.pointer) for f in diagnostics(text, "schema")] == [
        ("schema/format", "/ampWebUrl")
    ]
    broken = record_with('ampWebUrl: "https:\\\\\\\\\\\\amp"\n')  # https:\\\amp: still no host
    assert "has no host" in diagnostics(broken, "consistency/web-address")[0].message
