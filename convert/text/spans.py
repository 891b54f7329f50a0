"""Template tags and comments taken out of text in one linear pass.

Site generators' sources hold template tags (Liquid's ``{% ... %}`` and ``{{ ... }}``, Hugo's
shortcodes ``{{< ... >}}`` and ``{{% ... %}}``, Zola's ``{{ name() }}``) that the built page
never shows as they are written; a record's cleaned text and a profile's excerpt leave them
out, each generator's own (:func:`without_tags`). Each generator also has a way to show such
text as written (:data:`ESCAPES`; Liquid's raw blocks), which its page keeps, and Liquid a
block whose text it never shows (``{% comment %}``).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from convert.text.builtin_tags import figure_spans, with_builtin_tags
from convert.text.forward import Ahead
from convert.text.kramdown import without_kramdown_markup
from convert.text.markdown_code import code_span_bounds, fenced_runs, hold, restore

Pairs = tuple[tuple[str, str], ...]
Keep = Callable[[str, str], bool]
"""``keep(opener, inside)``: whether a span that looks like a tag is text to its generator."""

TEMPLATE_TAGS: Pairs = (("{%", "%}"), ("{{", "}}"))
HUGO_TAGS: Pairs = (("{{<", ">}}"), ("{{%", "%}}"))
COMMENTS: Pairs = (("<!--", "-->"),)
_ZOLA_CALL = re.compile(r"\s*\w+\s*\(.*\)\s*", re.DOTALL)  # a shortcode's call: name(...)


_RUBY_SPACE = " \t\n\v\f\r\0"
"""What Ruby's ``strip`` takes as white space, which Liquid's whitespace control removes."""


def drop_spans(text: str, pairs: Pairs, keep: Keep | None = None, *, trim: bool = False) -> str:
    """``text`` without each span from an opener to the nearest closer after it, leftmost
    first, as the lazy regexes ``{%.*?%}``, ``{{.*?}}`` and ``<!--.*?-->`` took them, in linear
    time (:func:`tag_spans`); a span ``keep`` says is text stays as written, openers inside it
    included. With ``trim``, a tag written with Liquid's whitespace control takes the white
    space on its side with it: ``{%-`` and ``{{-`` the text's before it, ``-%}`` and ``-}}``
    the text's after it."""
    kept: list[str] = []
    start = 0
    for at, after in tag_spans(text, pairs, keep):
        before = text[start:at]
        if trim and text.startswith("-", at + 2):
            before = before.rstrip(_RUBY_SPACE)
        kept.append(before)
        start = after
        if trim and text[after - 3] == "-":
            while start < len(text) and text[start] in _RUBY_SPACE:
                start += 1
    kept.append(text[start:])
    return "".join(kept)


def _zola_text(opener: str, inside: str) -> bool:
    """Zola replaces only its shortcodes, ``{{ name(...) }}`` and ``{% name(...) %}`` with
    its ``{% end %}``: any other ``{{ page.title }}`` or ``{% if %}`` of a page is its text."""
    if _ZOLA_CALL.fullmatch(inside) is not None:
        return False
    return opener != "{%" or inside.strip() != "end"


def without_tags(text: str, generator: str | None = None) -> str:
    """``text`` without the template tags ``generator`` replaces (None: any generator's).

    Jekyll runs a page through Liquid, so every ``{% %}`` and ``{{ }}`` is a tag (with the
    white space its ``-`` takes, :func:`drop_spans`: ``a {%- if x -%} b`` is "ab"); Hugo
    replaces only its shortcodes ``{{< >}}`` and ``{{% %}}``, and Zola only its own
    (:func:`_zola_text`): hugo 0.168 and zola 0.22 publish ``{{ .Title }}`` or ``{% if x %}``
    in a page's Markdown as written.
    """
    if generator == "hugo":
        return drop_spans(text, HUGO_TAGS)
    keep = _zola_text if generator == "zola" else None
    return drop_spans(text, TEMPLATE_TAGS, keep, trim=generator == "jekyll")


@dataclass(frozen=True)
class Escape:
    """A generator's way to show template text as written: from an ``opener`` to the first
    ``closer`` after it, the page shows ``shown(opener, between, closer)`` (each as written)."""

    opener: re.Pattern[str]
    closer: re.Pattern[str]
    shown: Callable[[str, str, str], str]


def _hugo(opener: str, between: str, closer: str) -> str:
    return opener[:3] + between + closer[2:]  # "{{</*" and "*/>}}" lose their comment marks


def _zola_inline(opener: str, between: str, closer: str) -> str:
    if _ZOLA_CALL.fullmatch(between) is None:  # no shortcode call: Zola shows it as written
        return opener + between + closer
    return "{{" + between + "}}"


def _zola_body(opener: str, between: str, closer: str) -> str:
    # ``between`` is the rest of the opening tag and the body: both tags lose their marks.
    return "{%" + between.replace("*/%}", "%}", 1) + "{%" + closer[4:-4] + "%}"


# Hugo shows {{</* name */>}} as {{< name >}} and {{%/* name */%}} as {{% name %}}.
HUGO_ESCAPES = (
    Escape(re.compile(r"\{\{</\*"), re.compile(r"\*/>\}\}"), _hugo),
    Escape(re.compile(r"\{\{%/\*"), re.compile(r"\*/%\}\}"), _hugo),
)
# Zola shows {{/* name(...) */}} as {{ name(...) }}, and an escaped shortcode with a body whole,
# the body as written, from {%/* name(...) */%} to {%/* end */%} (as {% name(...) %} ... {% end %}).
ZOLA_ESCAPES = (
    Escape(re.compile(r"\{\{/\*"), re.compile(r"\*/\}\}"), _zola_inline),
    Escape(re.compile(r"\{%/\*"), re.compile(r"\{%/\*\s*end\s*\*/%\}"), _zola_body),
)
# Each generator reads its own escapes only (Jekyll's are Liquid's blocks, read apart):
# another's is text, or a tag, there.
ESCAPES: dict[str | None, tuple[Escape, ...]] = {
    "jekyll": (),
    "hugo": HUGO_ESCAPES,
    "zola": ZOLA_ESCAPES,
    # A site's page of no known generator:
    None: (*HUGO_ESCAPES, *ZOLA_ESCAPES),
}


# Liquid (Jekyll) shows what is between raw and endraw as written, nothing of a comment block,
# and nothing of a capture block where it stands (its text is the variable's, shown where the
# page outputs that: :func:`with_captures_shown`); comments nest, and a raw block inside one
# hides what it holds (jekyll 4.3.1, Liquid 5.4). A raw opener may trim whitespace ("{%- raw
# -%}"), but the Liquid Jekyll runs (before 5.5) ends raw only at an endraw with no "-" before
# it. Read by :func:`liquid_blocks`, one pass over the block tags as Liquid parses them.
_BLOCK = r"\{%(?P<left>-?)\s*(?P<end>end)?(?P<kind>raw|comment|capture)"
_LIQUID_BLOCK_TAG = re.compile(
    _BLOCK + r"(?:\s+(?P<name>[\w.\[\]-]*[\w.\[\]]))?\s*(?P<right>-?)%\}"
)
_LIQUID_HIDING_TAG = re.compile(r"\{%(-?)\s*(end)?(raw|comment)\s*(?P<right>-?)%\}")
# A block tag, or the output of a variable by its name alone ("{{ q }}", "{{- q -}}").
_CAPTURE_SCAN = re.compile(
    _LIQUID_BLOCK_TAG.pattern
    + r"|\{\{(?P<out_left>-?)\s*(?P<out>[A-Za-z_][\w-]*)\s*(?P<out_right>-?)\}\}"
)
LIQUID_READERS = frozenset({"jekyll", None})
"""Generators whose pages Liquid reads (None: a site's page of no known generator)."""


def liquid_blocks(
    text: str,
    left_open: list[str] | None = None,
    *,
    trim: bool = False,
    captures: bool = True,
) -> Iterator[tuple[int, int, str]]:
    """Liquid's raw, comment and capture blocks in ``text`` (``captures``: False, the raw and
    comment blocks only, whose text the page never reads as tags), in order, as Liquid parses
    them: each outermost block's start, end and what the page shows of it there (a raw block
    what it holds, a comment or capture nothing). Inside raw every tag but its endraw is text;
    blocks nest. A block never closed (Liquid stops the build) is none: its tags are left to
    the tag pass, and its kind is added to ``left_open`` (outermost first) once the text is read.

    With ``trim``, a block takes the white space its whitespace control takes, as Liquid 5.4
    does: the opener's ``{%-`` the text's before it; after it, the closing tag's ``-%}`` (a
    comment's, a capture's), or a raw block's opener's ``-%}`` (its endraw's dash does nothing,
    and the text inside keeps its white space): ``a {%- comment -%} x {%- endcomment -%} b``
    is "ab", as jekyll 4.3.1 shows it."""
    open_blocks: list[str] = []  # innermost last
    start = inside = last_end = 0
    trims_after = False  # an outermost raw block's opener's "-%}"
    pattern = _LIQUID_BLOCK_TAG if captures else _LIQUID_HIDING_TAG
    for tag in pattern.finditer(text):
        dashed, ends, kind = bool(tag.group(1)), bool(tag.group(2)), tag.group(3)
        if open_blocks and open_blocks[-1] == "raw":
            if ends and kind == "raw" and not dashed:
                open_blocks.pop()
                if not open_blocks:
                    end = _trimmed_end(text, tag.end()) if trim and trims_after else tag.end()
                    yield start, end, text[inside : tag.start()]
                    last_end = end
            continue
        if not ends:
            if not open_blocks:
                start, inside = tag.start(), tag.end()
                if trim and dashed:
                    start = last_end + len(text[last_end:start].rstrip(_RUBY_SPACE))
                trims_after = bool(tag.group("right"))
            open_blocks.append(kind)
        elif open_blocks and open_blocks[-1] == kind:
            open_blocks.pop()
            if not open_blocks:
                end = _trimmed_end(text, tag.end()) if trim and tag.group("right") else tag.end()
                yield start, end, ""
                last_end = end
    if left_open is not None:
        left_open += open_blocks


def _trimmed_end(text: str, end: int) -> int:
    """Where the white space that starts at ``end`` in ``text`` ends."""
    while end < len(text) and text[end] in _RUBY_SPACE:
        end += 1
    return end


def with_captures_shown(text: str) -> str:
    """``text`` with each output of a variable a Liquid capture block made (``{{ q }}``, after
    ``{% capture q %}...{% endcapture %}``) as the text captured, as Liquid shows it there:
    ``M{% capture r %} two words {% endcapture %}{{ r }}N`` is (the block aside) "M two words
    N" in jekyll 4.3.1, where leaving the output out would join "M" and "N". A capture's own
    ``-`` takes the white space at the start (its opener's ``-%}``) or end (its endcapture's
    ``{%-``) of what it holds, an output's that around it. Only outermost blocks capture, and
    only outside raw and comment blocks is an output one; the captured text is put in as
    written, for the tag pass to read there (a capture of a variable captured before is not
    followed). In all, no more is put in than ``text`` holds, which bounds a page of many
    outputs of a long capture."""
    if "capture" not in text:
        return text
    captured: dict[str, str] = {}
    open_blocks: list[str] = []
    out: list[str] = []
    pos = inside = 0
    name: str | None = None
    budget = len(text)
    for tag in _CAPTURE_SCAN.finditer(text):
        kind = tag.group("kind")
        if kind is None:  # an output
            body = captured.get(tag.group("out"))
            if open_blocks or body is None or len(body) > budget:
                continue
            budget -= len(body)
            before = text[pos : tag.start()]
            out += [before.rstrip(_RUBY_SPACE) if tag.group("out_left") else before, body]
            pos = _trimmed_end(text, tag.end()) if tag.group("out_right") else tag.end()
            continue
        ends = bool(tag.group("end"))
        if open_blocks and open_blocks[-1] == "raw":
            if ends and kind == "raw" and not tag.group("left"):
                open_blocks.pop()
            continue
        if not ends:
            if not open_blocks and kind == "capture":
                name, inside = tag.group("name"), tag.end()
                if tag.group("right"):
                    inside = _trimmed_end(text, inside)
            open_blocks.append(kind)
        elif open_blocks and open_blocks[-1] == kind:
            open_blocks.pop()
            if not open_blocks and kind == "capture" and name is not None:
                body = text[inside : tag.start()]
                captured[name] = body.rstrip(_RUBY_SPACE) if tag.group("left") else body
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _first_of(
    found: Iterator[tuple[int, int, str]], more: Iterator[tuple[int, int, str]]
) -> Iterator[tuple[int, int, str]]:
    """Two ordered streams of escapes as one, leftmost first, one that starts inside another
    left out."""
    end = 0
    for escape in heapq.merge(found, more):
        if escape[0] >= end:
            end = escape[1]
            yield escape


def _outside(
    found: Iterator[tuple[int, int, str]], spans: Iterator[tuple[int, int]]
) -> Iterator[tuple[int, int, str]]:
    """The escapes of ``found`` that start outside each of the ordered ``spans``: an escape in
    a shortcode's argument is the argument's text (hugo 0.168 shows a figure's
    ``caption="{{</* ref x */>}}"`` as written)."""
    span = next(spans, None)
    for escape in found:
        while span is not None and span[1] <= escape[0]:
            span = next(spans, None)
        if span is None or escape[0] < span[0]:
            yield escape


def escaped(text: str, escapes: tuple[Escape, ...]) -> Iterator[tuple[int, int, str]]:
    """Each escape in ``text``, leftmost first, as its start, end and what the page shows.

    An opener with no closer after it is text; then no later opener of its kind has one, and
    that kind is looked for no more.
    """
    kinds = [(Ahead(e.opener, text), Ahead(e.closer, text), e.shown) for e in escapes]
    pos = 0
    while True:
        first: tuple[re.Match[str], re.Match[str], Callable[[str, str, str], str]] | None = None
        for openers, closers, shown in kinds:
            opener = openers.at(pos)
            closer = None if opener is None else closers.at(opener.end())
            if closer is None or opener is None:
                continue
            if first is None or opener.start() < first[0].start():
                first = (opener, closer, shown)
        if first is None:
            return
        opener, closer, shown = first
        between = text[opener.end() : closer.start()]
        yield opener.start(), closer.end(), shown(opener.group(), between, closer.group())
        pos = closer.end()


def as_the_site_shows(
    body: str,
    body_format: str,
    templates: bool | str,
    links: Mapping[str, str] | None = None,
) -> str:
    """A site page's Markdown or HTML ``body`` without the tags its generator replaces
    (``templates``: the generator's name, or True for any; False: ``body`` as it is), with the
    addresses of its links to other pages: what feeds render and cleaned text reads."""
    if not templates or body_format not in ("markdown", "html"):
        return body
    generator = None if templates is True else templates
    return without_template_tags(body, generator, markdown=body_format == "markdown", links=links)


def without_template_tags(
    source: str,
    generator: str | None = None,
    *,
    markdown: bool = True,
    links: Mapping[str, str] | None = None,
) -> str:
    """``source``, a ``generator``'s page ("jekyll", "hugo", "zola"; None for any), without the
    template tags the generator replaces, for rendering and cleaned text (``markdown``: its
    code spans are read as such; an HTML page's backticks are text).

    The generator reads its tags before Markdown, in code as in text: jekyll 4.3.1, hugo 0.168
    and zola 0.22 replace them in code spans and fenced and indented blocks alike, so code is no
    shelter. What the generator shows as written stays as it shows it: its escapes (Liquid's
    raw, Hugo's and Zola's escaped shortcodes) and what it never replaces (:func:`without_tags`).
    A tag that links to another page of the site is the address ``links`` gives for it
    (:func:`put_links`), where the generator writes the address.
    In Markdown, the built-in tags that show something (a highlight pair a code block, Hugo's
    figure and embeds) are made what they show before the rest go (:func:`_shown_tags`), and
    a Jekyll page loses the attribute lists and extensions kramdown reads after Liquid
    (:mod:`convert.text.kramdown`).
    """
    if "{" not in source and (generator != "zola" or "@/" not in source):
        return source
    # A NUL of the source is held like the rest, so that every NUL below starts or ends a
    # placeholder.
    if generator not in ESCAPES:
        generator = None  # a plugin's profile: read as a page of no known generator
    held = ["\x00"]
    text = source.replace("\x00", "\x000\x00")
    if generator in LIQUID_READERS:
        text = with_captures_shown(text)
    parts: list[str] = []
    pos = 0
    found = escaped(text, ESCAPES[generator])
    if markdown and generator in ("hugo", None) and ("{{</*" in text or "{{%/*" in text):
        found = _outside(found, figure_spans(text))
    if generator in LIQUID_READERS:
        found = _first_of(found, liquid_blocks(text, trim=generator == "jekyll"))
    for start, end, shown in found:
        parts += [text[pos:start], hold(shown, held)]
        pos = end
    parts.append(text[pos:])
    text = "".join(parts)
    text, unlinked = put_links(text, generator, links or {}, held, markdown=markdown)
    if markdown:
        text = _shown_tags(text, generator, held, links or {})
        text = _outside_fences(text, lambda prose: _without_tag_spans(prose, generator))
    # Every placeholder put back, those in what was held too (a literal holds only
    # placeholders made before it).
    whole: list[str] = []
    for literal in held:
        whole.append(restore(literal, whole))
    text = unlink(without_tags(text, generator), unlinked, markdown=markdown)
    shown = restore(text, whole)
    if markdown and generator == "jekyll":
        shown = without_kramdown_markup(shown)  # kramdown reads what Liquid made
    return shown


def _shown_tags(text: str, generator: str | None, held: list[str], links: Mapping[str, str]) -> str:
    """``text`` with the built-in tags that show something made what they show (a highlight
    a fenced code block, Hugo's figure its figure, a link in its caption the address):
    :mod:`convert.text.builtin_tags`. Zola has no built-in shortcodes."""
    if generator == "zola":
        return text
    return with_builtin_tags(text, generator, held, links)


def _without_tag_spans(text: str, generator: str | None) -> str:
    """``text`` without the code spans that hold one of the generator's tags and nothing else:
    "Write `{{ page.title }}`" is "Write " (Jekyll shows the title in the span; an empty span
    would read as backticks). Spans are paired as CommonMark pairs them, so a closing run is
    never taken for an opening one."""
    if "`" not in text:
        return text
    out: list[str] = []
    pos = 0
    for start, inside, inside_end, end in code_span_bounds(text):
        code = text[inside:inside_end].strip()
        if code[:1] == "{" and "\n\n" not in code and not without_tags(code, generator).strip():
            out.append(text[pos:start])
            pos = end
    if not pos:
        return text
    out.append(text[pos:])
    return "".join(out)


def _outside_fences(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to what lies outside its fenced code blocks (```
    and ~~~), where CommonMark reads no code span: a backtick there is the code's own."""
    if "```" not in text and "~~~" not in text:
        return change(text)
    return "".join(
        text[start:end] if fenced else change(text[start:end])
        for start, end, fenced in fenced_runs(text, any_break=True)
    )


def tag_spans(text: str, pairs: Pairs, keep: Keep | None = None) -> Iterator[tuple[int, int]]:
    """The start and end of each span :func:`drop_spans` takes out of ``text``, in order.

    The regex looked for a closer from every opener again, to the end of the text each time one
    was missing (a body of 50,000 unclosed ``{%`` took a minute); here an opener that finds no
    closer ends its kind, as no later opener of that kind can find one either.
    """
    closers = dict(pairs)
    ahead = {opener: text.find(opener) for opener in closers}  # the next opener of each kind
    ahead = {opener: at for opener, at in ahead.items() if at >= 0}
    while ahead:
        opener = min(ahead, key=ahead.__getitem__)
        at = ahead[opener]
        end = text.find(closers[opener], at + len(opener))
        if end < 0:
            del ahead[opener]
            continue
        after = end + len(closers[opener])
        if keep is None or not keep(opener, text[at + len(opener) : end]):
            yield at, after
        for other, position in list(ahead.items()):  # openers inside the span are not openers
            if position < after:
                found = text.find(other, after)
                if found < 0:
                    del ahead[other]
                else:
                    ahead[other] = found


# Where a tag is a link's whole target: after "](" or an HTML href="/src=", and before the
# link's end (Markdown's ")", a title, or the attribute's quote).
_TARGET_BEFORE = re.compile(r"(?:\]\(|\b(?:href|src)=[\"'])[ \t]*<?\Z")
_TARGET_AFTER = re.compile(r">?(?:[ \t]+[\"'(]|[ \t]*[)\"'])")
_ZOLA_LINK = re.compile(r"(\]\([ \t]*<?|^ {0,3}\[[^\]\n]*\]:[ \t]*<?)(@/[^\s()<>]*)", re.MULTILINE)
_EMPTIED = re.compile(r"\]\([ \t]*<?(\x00\d+\x00)>?(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
_EMPTIED_ATTRIBUTE = re.compile(r"[ \t\n](?:href|src)=([\"'])(\x00\d+\x00)\1")
_BRACKETS = re.compile(r"\\.|[\[\]]")


def put_links(
    text: str, generator: str | None, links: Mapping[str, str], held: list[str], *, markdown: bool
) -> tuple[str, frozenset[str]]:
    """``text`` with each tag ``links`` answers held as the address it gives (Zola's ``@/``
    targets of Markdown links too), and the placeholders of the link targets that have no
    answer: a link to another page whose target would be left empty (or Zola's ``@/`` path)
    would point at the page itself, or nowhere, so :func:`unlink` keeps its text only."""
    out: list[str] = []
    unlinked: set[str] = set()
    pos = 0
    pairs = HUGO_TAGS if generator == "hugo" else TEMPLATE_TAGS
    keep = _zola_text if generator == "zola" else None
    for start, end in tag_spans(text, pairs, keep) if "{" in text else ():
        answer = links.get(text[start:end])
        if answer is None:
            if not (
                _TARGET_BEFORE.search(text, max(start - 16, 0), start)
                and _TARGET_AFTER.match(text, end)
            ):
                continue
            answer = ""
        out += [text[pos:start], hold(answer, held)]
        if not answer:
            unlinked.add(out[-1])
        pos = end
    out.append(text[pos:])
    text = "".join(out)
    if generator == "zola" and markdown and "@/" in text:
        out, pos = [], 0
        for start, end in zola_targets(text):
            path, hash_, anchor = text[start:end].partition("#")
            answer = links.get(path)
            out += [text[pos:start], hold("" if answer is None else answer + hash_ + anchor, held)]
            if answer is None:
                unlinked.add(out[-1])
            pos = end
        text = "".join(out) + text[pos:]
    return text, frozenset(unlinked)


def zola_targets(text: str) -> Iterator[tuple[int, int]]:
    """Where each ``@/`` target of a Markdown link (inline, or a link definition's) is in
    ``text``, which Zola replaces by the page's address; one in code is code to it."""
    for found in _ZOLA_LINK.finditer(_code_blanked(text)):
        yield found.start(2), found.end(2)


def _code_blanked(text: str) -> str:
    """``text`` with its fenced blocks and code spans as spaces, each character where it was."""
    return "".join(
        _blanked(text[start:end]) if fenced else _spans_blanked(text[start:end])
        for start, end, fenced in fenced_runs(text, any_break=True)
    )


def _blanked(code: str) -> str:
    """``code`` as spaces, its line breaks kept, so that what follows stays where it was."""
    return "".join(c if c == "\n" else " " for c in code)


def _spans_blanked(prose: str) -> str:
    """``prose`` with its code spans as spaces (:func:`_blanked`)."""
    pieces, pos = [], 0
    for start, _, _, end in code_span_bounds(prose) if "`" in prose else ():
        pieces += [prose[pos:start], _blanked(prose[start:end])]
        pos = end
    return "".join(pieces) + prose[pos:]


def unlink(text: str, unlinked: frozenset[str], *, markdown: bool = True) -> str:
    """``text`` with each HTML ``href`` or ``src`` that is one of the ``unlinked``
    placeholders left out, and (``markdown``) each link or image outside code whose target is
    one its text alone: one pass, pairing brackets as they open and close."""
    if not unlinked:
        return text
    text = _EMPTIED_ATTRIBUTE.sub(lambda m: "" if m.group(2) in unlinked else m.group(0), text)
    if not markdown:
        return text
    prose = _code_blanked(text)
    ends = {m.start(): m.end() for m in _EMPTIED.finditer(prose) if m.group(1) in unlinked}
    if not ends:
        return text
    cuts: list[tuple[int, int]] = []
    opened: list[int] = []
    for bracket in _BRACKETS.finditer(prose):
        if bracket.group() == "[":
            opened.append(bracket.start())
        elif bracket.group() == "]" and opened:
            start = opened.pop()
            if bracket.start() in ends:
                image = start > 0 and text[start - 1] == "!"
                cuts += [(start - image, start + 1), (bracket.start(), ends[bracket.start()])]
    out: list[str] = []
    pos = 0
    for start, end in sorted(cuts):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)
