"""The host rule and the ASCII form of a link, as the feeds write them in one parse."""

from __future__ import annotations

import pytest

from convert.web_address import ascii_url, readable_host, site_of

URLS = [
    "https://example.com/a",
    "https://Example.COM:8080/a?q#f",
    "https://bücher.example/a",
    "https://u:p@BÜCHER.example:81/a",
    "https://b%C3%BCcher.example/",
    "https://straße.example/",
    "https://[2001:db8::1]:443/",
    "https://[broken]/",
    "https://h.example:99999/",
    "https://exa%20mple.com/",
    "https://h\u3000.example/",
    "https://u@v@h.example/",
    "https://1.2.3.256/",
    "https://" + "ü" * 60 + ".example/",
    "mailto:someone@example.com",
]


@pytest.mark.parametrize("url", URLS)
def test_ascii_url_is_the_host_rule_and_the_ascii_form_together(url: str) -> None:
    assert (ascii_url(url) is not None) == readable_host(url)


def test_a_non_ascii_domain_is_written_in_punycode_keeping_user_info_port_and_path() -> None:
    assert ascii_url("https://u:p@BÜCHER.example:81/a?b#c") == (
        "https://u:p@xn--bcher-kva.example:81/a?b#c"
    )
    assert ascii_url("https://b%C3%BCcher.example/") == "https://xn--bcher-kva.example/"
    assert ascii_url("https://straße.example/") == "https://xn--strae-oqa.example/"


def test_ascii_hosts_and_ipv6_addresses_are_left_as_written() -> None:
    for url in ("https://Example.COM:8080/a", "https://[2001:db8::1]:443/"):
        assert ascii_url(url) == url


def test_hosts_and_ports_no_browser_reads_have_no_ascii_form() -> None:
    for url in ("https://[broken]/", "https://h.example:99999/", "https://h\u3000.example/"):
        assert ascii_url(url) is None


def test_a_label_too_long_for_dns_once_converted_leaves_the_url_as_written() -> None:
    url = "https://" + "ü" * 60 + ".example/"
    assert ascii_url(url) == url


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://u:p@Example.COM:443/a?b", "https://example.com/"),
        ("http://example.com:80", "http://example.com/"),
        ("https://example.com:/a", "https://example.com/"),
        ("https://example.com:80/", "https://example.com:80/"),
        ("https://[2001:DB8::1]:443/", "https://[2001:db8::1]/"),
        ("https://[2001:db8::1]:8443/", "https://[2001:db8::1]:8443/"),
        ("mailto:someone@example.com", ""),
    ],
)
def test_a_site_is_scheme_host_and_a_port_other_than_the_default(url: str, site: str) -> None:
    assert site_of(url) == site
