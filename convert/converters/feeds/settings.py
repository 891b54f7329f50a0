"""The feed options, defined once: what rss, atom and jsonfeed take, and how each is spelt.

Each field of :class:`FeedSettings` is one option. Its name is the converter option
(``feed_title``), its type and default are the field's, and its metadata (:class:`Spelling`)
carries the rest: the help text and metavar of its command-line flag (``--feed-title``, the name
with dashes), the key that sets it in ``[tool.artconv.feed]`` when it has one, and the values or
range it allows. The converters' declared options, the config-key check and the click flags are
all read from here, so adding an option is one field, and the places it shows up cannot drift.
This module imports nothing heavy: the command line reads it to build its flags.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from convert.config_places import origin_of
from convert.converters._options import flag_name
from convert.errors import ConverterError

CONTENT_MODES = ("full", "summary", "none")
"""``content`` option: the whole article, the excerpt only, or neither."""


@dataclass(frozen=True)
class Spelling:
    """How one feed option is written outside Python: flag help, config key, allowed values."""

    help: str
    metavar: str | None = None
    config_key: str | None = None  # its key in [tool.artconv.feed]; None: not configurable
    choices: tuple[str, ...] = ()
    minimum: int | None = None


def _option(default: Any, spelling: Spelling) -> Any:
    return field(default=default, metadata={"spelling": spelling})


@dataclass(frozen=True)
class FeedSettings:
    """The feed options after defaults."""

    feed_title: str = _option(
        "Articles", Spelling("Feed title (default: Articles).", config_key="title")
    )
    feed_link: str | None = _option(
        None,
        Spelling(
            "The site the feed belongs to (default: the base URL, else the site profile's"
            " site, else the one site all its items are on, else the root of --feed-url).",
            metavar="URL",
            config_key="link",
        ),
    )
    feed_url: str | None = _option(
        None,
        Spelling(
            "Where the feed itself is published (default: none, and no self link).",
            metavar="URL",
            config_key="url",
        ),
    )
    feed_description: str | None = _option(
        None, Spelling("Feed description (default: the title).", config_key="description")
    )
    language: str | None = _option(
        None,
        Spelling(
            "Feed language, e.g. en or en-GB (default: none).",
            metavar="TAG",
            config_key="language",
        ),
    )
    base_url: str | None = _option(
        None,
        Spelling(
            "Make relative URLs absolute against this (default: none; relative URLs are left out).",
            metavar="URL",
            config_key="base-url",
        ),
    )
    limit: int | None = _option(
        None, Spelling("At most this many feed items (default: no limit).", minimum=0)
    )
    include_unpublished: bool = _option(
        False,
        Spelling("Keep records with published: false in feeds (default: they are left out)."),
    )
    content: str = _option(
        "full",
        Spelling(
            "Feed items carry the whole article (full, the default), the excerpt only, or neither.",
            config_key="content",
            choices=CONTENT_MODES,
        ),
    )

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> FeedSettings:
        """Settings from checked options (see ``check_options``), defaults for the rest.

        A value read from a settings file (:class:`~convert.config_places.Written`) is refused
        naming the file, line and key it is written at; any other value, naming its option's
        flag.

        Raises:
            ConverterError: a value that is not one of its option's choices, a language that
                is no language tag, a link that is no web address.
        """
        for option in OPTIONS:
            value = options.get(option.name)
            problem = None if value is None else option_problem(option.name, value)
            if problem is None:
                continue
            origin = origin_of(value)
            if origin is not None:
                raise ConverterError(f"{origin}: {problem[0]}; {problem[1]}")
            if option.name == "language":
                raise ConverterError(
                    f"{named('language')} must be a language tag such as en, en-GB or zh-Hant"
                    f" (BCP 47), not {value!r}"
                )
            raise ConverterError(
                f"{named(option.name)} must be one of {', '.join(option.spelling.choices)},"
                f" not {value!r}"
            )
        # A blank title or description is as good as left out, as a blank link or language
        # is: a feed with an empty title is one no reader can name.
        given = {
            name: value
            for name, value in options.items()
            if not (name in _TEXTS and isinstance(value, str) and not value.strip())
        }
        # Plain strings from here: where a value was written matters only to its check.
        plain: dict[str, Any] = {
            k: str(v) if origin_of(v) is not None else v for k, v in given.items()
        }
        return cls(**{**plain, **_feed_links(given)})


def option_problem(name: str, value: Any) -> tuple[str, str] | None:
    """What is wrong with a feed option's value taken alone, and the fix; ``None`` when
    nothing is. A link's problem depends on the base it is joined to: see ``from_options``.
    """
    option = next((o for o in OPTIONS if o.name == name), None)
    if option is None or not isinstance(value, str):
        return None
    choices = option.spelling.choices
    if choices and value not in choices:
        return f"{value!r} is not a value it takes", f"use one of {', '.join(choices)}"
    if name == "language" and value and not _is_language_tag(value):  # "": none, as left out
        return (
            f"{value!r} is not a language tag",
            "give one such as en, en-GB or zh-Hant (BCP 47)",
        )
    return None


_TEXTS = ("feed_title", "feed_description")


def _is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag (RFC 5646, section 2.1), what RSS's
    <language>, Atom's xml:lang and JSON Feed's language take: a language of 2 to 3 letters
    (with up to three 3-letter extended subtags), or of 4 or 5 to 8; then an optional script
    (4 letters), region (2 letters or 3 digits), variants (5 to 8 letters and digits, or a digit
    and 3), extensions (a singleton and subtags of 2 to 8) and private use (x and subtags of 1
    to 8), in any case; or private use alone (``x-klingon``). A variant or singleton given twice
    is refused too, as no valid tag has one (section 2.2.9). The grandfathered tags of another
    shape (``i-klingon``, ``en-GB-oed``) are left out, as a listed exception each; the tags
    that replace them (``tlh``, ``en-GB-oxendict``) are taken.

    Each subtag is looked at once, so a long value costs no more than its length.
    """
    subtags = tag.split("-")
    if not all(0 < len(s) <= 8 and s.isascii() and s.isalnum() for s in subtags):
        return False
    subtags = [s.lower() for s in subtags]
    if subtags[0] == "x":
        return len(subtags) > 1
    if len(subtags[0]) < 2 or not subtags[0].isalpha():
        return False
    at, end = 1, len(subtags)

    def takes(test: Callable[[str], bool]) -> bool:
        nonlocal at
        if at < end and test(subtags[at]):
            at += 1
            return True
        return False

    if len(subtags[0]) <= 3:
        for _ in range(3):
            if not takes(lambda s: len(s) == 3 and s.isalpha()):
                break
    takes(lambda s: len(s) == 4 and s.isalpha())  # script
    takes(lambda s: (len(s) == 2 and s.isalpha()) or (len(s) == 3 and s.isdigit()))  # region
    variants: set[str] = set()
    while at < end and _is_variant(subtags[at]):
        if subtags[at] in variants:
            return False
        variants.add(subtags[at])
        at += 1
    singletons: set[str] = set()
    while at < end and len(subtags[at]) == 1 and subtags[at] != "x":
        if subtags[at] in singletons:
            return False
        singletons.add(subtags[at])
        at += 1
        if not takes(lambda s: len(s) >= 2):
            return False  # an extension needs a subtag after its singleton
        while takes(lambda s: len(s) >= 2):
            pass
    if at < end and subtags[at] == "x":
        return end - at > 1  # private use needs a subtag after its x; any of 1 to 8 will do
    return at == end


def _is_variant(subtag: str) -> bool:
    return len(subtag) >= 5 or (len(subtag) == 4 and subtag[0].isdigit())


FEED_LINKS = ("feed_link", "feed_url")
"""Options a feed prints as its own links: a reader opens them, so each must be a web address
(as must ``base_url``, the site link when ``feed_link`` is left out)."""


def _feed_links(options: Mapping[str, Any]) -> dict[str, str | None]:
    """The feed's own links as its items' links are written: absolute http(s), joined to
    ``base_url`` when relative, %-escaped where a reader could not follow them; ``base_url``
    itself absolute.

    Raises:
        ConverterError: a link that cannot be one (``javascript:``, no host, relative with no
            ``base_url``): printed as given, a reader would open it from the feed's head.
    """
    links: dict[str, str | None] = {}
    if options.get("base_url") is not None:
        links["base_url"] = _web_address("base_url", options["base_url"], FeedSettings())
    base = FeedSettings(base_url=links.get("base_url"))
    for name in FEED_LINKS:
        if options.get(name) is not None:
            links[name] = _web_address(name, options[name], base)
    return links


def _web_address(name: str, value: Any, base: FeedSettings) -> str | None:
    """``value`` as a web address (``None``: blank, as good as left out), or the usage error."""
    from convert.converters.feeds.links import UrlProblem, web_url

    url = web_url(value, base)
    if not isinstance(url, UrlProblem):
        return url
    why = url.message
    origin = origin_of(value)
    if origin is not None:
        if url.rule == "convert/relative-url" and name != "base_url":
            raise ConverterError(
                f"{origin}: {value!r} is relative and there is no base URL to join it to; "
                "give an absolute http(s) address, or set base-url (or pass --base-url)"
            )
        if url.rule == "convert/relative-url":
            why = f"{value!r} is relative"
        fix = "give an absolute http(s) address"
        raise ConverterError(f"{origin}: not a web address: {why}; {fix}")
    if name == "base_url" and url.rule == "convert/relative-url":
        why = f"{value!r} is relative: the base itself must be absolute"
    elif url.hint:
        why = f"{why} ({url.hint})"
    raise ConverterError(f"{named(name)} must be a web address: {why}")


def with_site_link(options: Mapping[str, Any], site: str | None) -> dict[str, Any]:
    """``options`` with a site profile's address (``site``: its base URL, which with no
    ``base_url`` given is the one its site's own configuration names) as ``feed_link`` when
    neither ``feed_link`` nor ``base_url`` is given.

    The site is what the feed belongs to whether or not its items show it (a new site with no
    post yet has none). An address no reader opens is not taken: the feed then finds its link
    as it would without a site, rather than failing on an option nobody gave.
    """
    if site is None or options.get("feed_link") or options.get("base_url"):
        return dict(options)
    from convert.converters.feeds.links import web_url

    link = web_url(site, FeedSettings())
    if not isinstance(link, str):
        return dict(options)
    # The site's home, as the configuration names it without its last "/" (site.url, baseURL).
    if not link.endswith("/") and "?" not in link and "#" not in link:
        link += "/"
    return {**options, "feed_link": link}


@dataclass(frozen=True)
class FeedOption:
    """One feed option, read from its field: name, value type, default and spelling."""

    name: str
    kind: type
    default: Any
    spelling: Spelling

    @property
    def flag(self) -> str:
        """The command-line flag, as option errors spell it (``--feed-title``)."""
        return flag_name(self.name)


def _value_type(hint: Any) -> type:
    """``str`` for ``str | None``: the type a given value must have."""
    if isinstance(hint, types.UnionType):
        (kind,) = (t for t in typing.get_args(hint) if t is not type(None))
        return kind  # type: ignore[no-any-return]
    return hint  # type: ignore[no-any-return]


def _options() -> tuple[FeedOption, ...]:
    hints = typing.get_type_hints(FeedSettings)
    return tuple(
        FeedOption(f.name, _value_type(hints[f.name]), f.default, f.metadata["spelling"])
        for f in fields(FeedSettings)
    )


OPTIONS = _options()
"""Every feed option, in the order the flags are listed."""

_BY_NAME = {option.name: option for option in OPTIONS}

FEED_OPTIONS: Mapping[str, type] = {option.name: option.kind for option in OPTIONS}
"""The options every feed format (rss, atom, jsonfeed) declares: name and value type."""

CONFIG_FEED_KEYS: Mapping[str, str] = {
    option.spelling.config_key: option.name
    for option in OPTIONS
    if option.spelling.config_key is not None
}
"""``[tool.artconv.feed]`` keys and the converter options they set."""


def named(name: str, *, metavar: bool = False) -> str:
    """Feed option ``name`` as a message shows it to both its readers, the command line's and
    the library's, the flag first: ``--language (language= in the library)``; with its
    ``metavar``, as a hint to pass it: ``--feed-url URL (feed_url= in the library)``. A flag
    that takes no value is ``True`` in the library. Every feed finding and option error names
    an option this one way.
    """
    option = _BY_NAME[name]
    if option.kind is bool:
        return f"{option.flag} ({name}=True in the library)"
    shown = f" {option.spelling.metavar}" if metavar and option.spelling.metavar else ""
    return f"{option.flag}{shown} ({name}= in the library)"


def passing(name: str) -> str:
    """The hint to give feed option ``name``: ``pass --feed-url URL (feed_url= in the
    library)``."""
    return f"pass {named(name, metavar=True)}"
