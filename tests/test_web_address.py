"""The host rule and the written form of a link, as the feeds, their content and the importer
write links, in one parse."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.web_address import (
    LABEL_TOO_LONG,
    NAME_TOO_LONG,
    NO_BROWSER,
    ascii_domain,
    host_problem,
    read_on_page,
    readable_host,
    ready_link,
    ready_url,
    site_of,
    url_problem,
    with_slashes,
    written_url,
)
from convert.web_address import _rewritten as rewritten

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
    "https://" + "a" * 64 + ".example/",
    "mailto:someone@example.com",
]


@pytest.mark.parametrize("url", URLS)
def test_the_written_form_is_the_host_rule_and_the_ascii_form_together(url: str) -> None:
    assert (written_url(url) is not None) == readable_host(url)


def test_a_non_ascii_domain_is_written_in_punycode_keeping_user_info_port_and_path() -> None:
    assert written_url("https://u:p@BÜCHER.example:81/a?b#c") == (
        "https://u:p@xn--bcher-kva.example:81/a?b#c"
    )
    assert written_url("https://b%C3%BCcher.example/") == "https://xn--bcher-kva.example/"
    assert written_url("https://straße.example/") == "https://xn--strae-oqa.example/"
    assert written_url("//bücher.example/a") == "//xn--bcher-kva.example/a"


def test_ascii_hosts_and_ipv6_addresses_are_left_as_written() -> None:
    for url in ("https://Example.COM:8080/a", "https://[2001:db8::1]:443/"):
        assert written_url(url) == url


def test_hosts_and_ports_no_browser_reads_have_no_written_form() -> None:
    for url in ("https://[broken]/", "https://h.example:99999/", "https://h\u3000.example/"):
        assert written_url(url) is None
        assert host_problem(url) == NO_BROWSER


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        # 60 ü are 4 bytes short of 63, but xn-- and the Punycode make the label 70.
        ("https://" + "ü" * 60 + ".example/", LABEL_TOO_LONG),
        ("https://b%C3%BC" + "c" * 59 + ".example/", LABEL_TOO_LONG),
        ("https://" + "a" * 64 + ".example/", LABEL_TOO_LONG),
        ("https://" + "a." * 126 + "ab/", NAME_TOO_LONG),  # 254 bytes
    ],
)
def test_a_domain_too_long_for_dns_is_no_address(url: str, problem: str) -> None:
    """A browser parses it (the URL Standard leaves the DNS length unchecked) and then finds
    nothing: the rule reads it as it reads a host it refuses, and says why."""
    assert host_problem(url) == problem
    assert written_url(url) is None and not readable_host(url)
    assert ascii_domain(url.split("/")[2]) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://" + "a" * 63 + ".example/",
        "https://" + "a" * 63 + ".example./",  # the root's dot is not counted
        "https://" + "ü" * 56 + ".example/",  # xn-- and 59 bytes of Punycode: 63
        "https://" + "a." * 126 + "a/",  # 253 bytes
        "https://0x" + "0" * 70 + "1/",  # an IPv4 address, which DNS never sees
    ],
)
def test_a_domain_that_fits_dns_is_an_address(url: str) -> None:
    assert host_problem(url) == "" and written_url(url) is not None


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://a@b@c.example/x", "https://a%40b@c.example/x"),
        ("https://a:b@c@d.example/", "https://a:b%40c@d.example/"),
        (
            "https://example.com/%E4%ZZ/%?q=50%#a#b",
            "https://example.com/%E4%25ZZ/%25?q=50%25#a%23b",
        ),
        ("https://example.com/p[1]?a[]=2#[x]", "https://example.com/p%5B1%5D?a%5B%5D=2#%5Bx%5D"),
        ("https://ex.com/a story/ü?q=a b", "https://ex.com/a%20story/%C3%BC?q=a%20b"),
        ("HTTPS://Ex.COM/A", "https://Ex.COM/A"),
        ("https://ex.com/a%2Fb?x=%3D", "https://ex.com/a%2Fb?x=%3D"),  # escapes stay escapes
        ("/ü/100%", "/%C3%BC/100%25"),
        ("?q=%", "?q=%25"),
        ("https://example.com:/?", "https://example.com:/?"),
    ],
)
def test_what_a_part_cannot_hold_is_escaped(url: str, written: str) -> None:
    """RFC 3986's grammar: a browser's parser would write the user info's extra "@" so too;
    a bare "%" it passes on as it is, which RFC 3986 parsers (Go's) refuse."""
    assert written_url(url) == written
    assert written_url(written) == written


@pytest.mark.parametrize(
    ("url", "written"),
    [
        # A special scheme's authority and path: "\\" is "/" to the URL Standard's parser.
        ("https://x.example\\a", "https://x.example/a"),
        ("https:\\\\x.example\\a\\b", "https://x.example/a/b"),
        ("HTTP:/\\x.example", "http://x.example"),
        ("https://u\\p@x.example/", "https://u/p@x.example/"),  # "\\" ends the authority
        ("\\\\x.example\\a", "//x.example/a"),  # no scheme: resolved against http(s)
        ("..\\a", "../a"),
        # The query and the fragment keep theirs, as characters, %-escaped.
        ("https://x.example\\a?b\\c#d\\e", "https://x.example/a?b%5Cc#d%5Ce"),
    ],
)
def test_a_backslash_before_the_query_is_written_as_the_slash_a_browser_reads(
    url: str, written: str
) -> None:
    """A browser opens ``https://x.example\\a`` at ``https://x.example/a``: the link goes there,
    rather than out for a host that holds a backslash."""
    assert written_url(url) == written
    assert written_url(written) == written


@pytest.mark.parametrize("url", ["mailto:a\\b@x.example", "urn:a\\b", "C:\\dir\\file"])
def test_other_schemes_keep_their_backslashes(url: str) -> None:
    """The URL Standard reads "\\" as "/" for special schemes only; a one-letter scheme (a
    Windows drive) is a scheme to it too."""
    assert with_slashes(url) == url


_PLAIN = "aZ09-._~!$&'()*+,;=:@/"
_PART = st.text(alphabet=_PLAIN + "%?#[] éü\t" + "0123456789ABCDEFabcdef", max_size=12)
_LABEL = st.text(alphabet="abcXYZ019-_~!$&'()*+,;=ü%", min_size=0, max_size=70)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["http", "https", "HTTP", "hTtPs"]),
    st.lists(_LABEL, min_size=1, max_size=5),
    st.sampled_from(["", ":", ":8080", ":65536", ":99999"]),
    _PART,
)
def test_a_ready_url_is_one_the_general_route_writes_as_it_is(
    scheme: str, labels: list[str], port: str, rest: str
) -> None:
    """The shortcut takes a URL as it is only where the general route would give that URL."""
    url = f"{scheme}://{'.'.join(labels)}{port}/{rest}"
    if ready_url(url):
        assert rewritten(url) == url and readable_host(url)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_PLAIN + "%?#[] é:\\0123456789ABCDEFabcdef", max_size=16))
def test_a_ready_link_is_one_the_general_route_writes_as_it_is(link: str) -> None:
    """The same for the links of an article's body, relative ones among them."""
    if ready_link(link):
        assert rewritten(link) == link


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30).map(lambda rest: "https://h.example/" + rest))
def test_the_written_form_is_written_again_as_it_is(url: str) -> None:
    written = written_url(url)
    assert written is not None and written_url(written) == written and ready_url(written)


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


@pytest.mark.parametrize(
    ("url", "page_scheme", "read"),
    [
        ("https:x.example/a", "https", "x.example/a"),  # relative to the page
        ("https:/a?q", "https", "/a?q"),
        ("https:a:b/c", "https", "./a:b/c"),  # not the scheme "a"
        ("http:x.example/a", "https", "http://x.example/a"),  # the host follows the scheme
        ("HTTP:\\x.example\\a", "https", "http://x.example/a"),
        ("https:x.example/a", "", None),  # no page: nowhere known
        ("https://x.example/a", "", "https://x.example/a"),
        ("mailto:a@x.example", "https", "mailto:a@x.example"),
        ("a/b", "https", "a/b"),
    ],
)
def test_a_web_address_without_slashes_is_read_as_on_the_page(
    url: str, page_scheme: str, read: str | None
) -> None:
    assert read_on_page(url, page_scheme) == read


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/a\udc80",
        "https://x.example/?q=\ud800",
        "https://x\udc80.example/",
        "https://x.example/#\udfff",
        "/relative/\udc80",
    ],
)
def test_a_lone_surrogate_has_no_written_form_and_says_why(url: str) -> None:
    """Only a library caller can pass one (the loaders refuse them); %-escaping it would fail
    to encode it as UTF-8, so it is an address no reader opens, with the reason."""
    assert written_url(url) is None
    assert url_problem(url).startswith("a lone surrogate (U+D")
    assert "no URL can carry" in url_problem(url)


def test_the_problem_of_a_url_without_a_surrogate_is_its_hosts() -> None:
    for url in URLS:
        assert url_problem(url) == host_problem(url)
