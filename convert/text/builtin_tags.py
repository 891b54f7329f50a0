"""The generators' built-in tags that show something: code blocks, Hugo's figure and embeds.

Most template tags are the site's own plumbing and show nothing of themselves here
(:func:`convert.text.spans.without_tags`). A few are the generator's own and put content on
the page: Jekyll's ``{% highlight lang %}...{% endhighlight %}`` and Hugo's
``{{< highlight lang >}}...{{< /highlight >}}`` render a code block, Hugo's ``figure`` an image
with its caption, and ``youtube``, ``vimeo``, ``x``, ``tweet`` and ``instagram`` an embedded
video or post. Left as tags, the code between a highlight pair was read as Markdown (a
``# comment`` became a heading) and a figure vanished; here each becomes the Markdown (or raw
HTML) that shows what the generator shows, before Markdown reads the page.

Jekyll 4.3.1 and hugo 0.168 build these as written below. Both refuse a page whose highlight
is never closed, or whose opening tag they cannot read: such tags are left to the tag pass.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from convert.text.markdown_code import FENCE, hold

# Liquid's tags end at the first "%}"; a highlight's markup (a language and word options)
# never holds "{", so each scan stops at the next tag's start and the search stays linear.
_LIQUID_HIGHLIGHT = re.compile(r"\{%-?\s*+(end)?highlight(?![\w-])((?:[^%{]|%(?!\}))*+)%\}")
# Jekyll's own check of the markup (tags/highlight.rb), possessive so that it cannot backtrack.
_LIQUID_MARKUP = re.compile(
    r'([a-zA-Z0-9.+#_-]++)(?:\s++\w++(?:=(?:\w++|"[0-9]++(?:\s[0-9]++)*+"))?)*+'
)
_LEADING_OR_TRAILING_BREAKS = re.compile(r"\A[\n\r]+|[\n\r]+\Z")
# A shortcode's arguments: quoted strings (which may hold ">}}", "%}}" and shortcodes of
# their own, as hugo 0.168 reads them), raw strings in backticks, or anything up to the
# closing ">}}"/"%}}" but the braces of another tag. A quoted string holds another shortcode's
# opening only where a whole shortcode of no braces or bare quotes follows it: otherwise a quote
# never closed would be read from each opening to the end of the page, a time that grows as
# the square of the page. So each attempt stops before an opening that is not its own. Its
# own quotes are escaped (``caption="see {{< ref \"a.md\" >}}"``, which hugo 0.168 reads;
# a bare quote there ends the argument, and Hugo stops on the rest).
_SIMPLE_SHORTCODE = r"\{\{[<%](?:[^\"`{}>%\\]|\\[^{}]|[>%](?!\}\}))*+[>%]\}\}"
_OPENING = r"\{\{[<%]"
_QUOTED = r'"(?:[^"\\{]|\\(?!' + _OPENING + r").|\{(?!\{[<%])|" + _SIMPLE_SHORTCODE + r')*+"'
_ARGUMENTS = r"((?:" + _QUOTED + r"|`[^`]*+`|[^\"`{}>%]|[>%](?!\}\}))*+)"
_HUGO_SHORTCODE = re.compile(
    r"\{\{([<%])\s*+(/?)(highlight|figure|youtube|vimeo|x|tweet|instagram)(?![\w/-])"
    + _ARGUMENTS
    + r"[>%]\}\}"
)
_ARGUMENT = re.compile(r'(?:(\w++)=)?("(?:[^"\\]|\\.)*+"|`[^`]*+`|[^\s"`]++)')
_TICKS = re.compile(r"`+")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
_LINE = re.compile(r".*\n?")
_BLANK_REST = re.compile(r"[ \t\r]*+(?:\n|\Z)")


@dataclass(frozen=True)
class _Tag:
    start: int
    end: int
    opens: bool  # a highlight's opening tag; a closing one, or a tag that stands alone
    kind: str  # "liquid" | "hugo" (a highlight pair) | a Hugo shortcode that stands alone
    markup: str


def figure_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each of Hugo's figure shortcodes is in ``text``, in order: an escaped shortcode in
    its arguments is their text, not the page's escape (:func:`_rendered`)."""
    for m in _HUGO_SHORTCODE.finditer(text):
        if m.group(3) == "figure" and not m.group(2):
            yield m.start(), m.end()


def _liquid_tags(text: str) -> Iterator[_Tag]:
    for m in _LIQUID_HIGHLIGHT.finditer(text):
        yield _Tag(m.start(), m.end(), not m.group(1), "liquid", m.group(2))


def _hugo_tags(text: str) -> Iterator[_Tag]:
    for m in _HUGO_SHORTCODE.finditer(text):
        closing, name, markup = bool(m.group(2)), m.group(3), m.group(4)
        if name == "highlight":
            yield _Tag(m.start(), m.end(), not closing, "hugo", markup)
        elif not closing and not markup.rstrip().endswith("/"):
            # hugo 0.168 refuses "{{< figure ... />}}": the shortcode takes no inner text.
            yield _Tag(m.start(), m.end(), False, name, markup)


def _paired(tags: Iterator[_Tag]) -> dict[int, _Tag]:
    """Each outermost highlight's opening tag (by start) and the tag that closes it, paired as
    Liquid and Hugo pair blocks: nested ones count, a closer with no opener is a stray tag,
    and an opener never closed (the build stops) pairs with nothing."""
    pairs: dict[int, _Tag] = {}
    opened: dict[str, tuple[_Tag, int]] = {}  # per kind: the outermost opener and the depth
    for tag in tags:
        if tag.kind not in ("liquid", "hugo"):
            continue
        outer, depth = opened.get(tag.kind, (tag, 0))
        if tag.opens:
            opened[tag.kind] = (outer, depth + 1)
        elif depth == 1:
            pairs[outer.start] = tag
            del opened[tag.kind]
        elif depth:
            opened[tag.kind] = (outer, depth - 1)
    return pairs


def _arguments(markup: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and named arguments, quotes taken off (``\\"`` in a quoted
    one is a quote)."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for m in _ARGUMENT.finditer(markup):
        value = m.group(2)
        if value[:1] == '"':
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif value[:1] == "`":
            value = value[1:-1]
        if m.group(1):
            named[m.group(1)] = value
        else:
            positional.append(value)
    return positional, named


class _Backticks:
    """The longest backtick run of text whose held literals are put back, each literal
    measured once."""

    def __init__(self, held: list[str]) -> None:
        self._held = held
        self._runs: dict[int, int] = {}

    def __call__(self, text: str) -> int:
        longest = max((len(run) for run in _TICKS.findall(text)), default=0)
        for index in _PLACEHOLDER.findall(text):
            at = int(index)
            if at not in self._runs:
                self._runs[at] = 0  # a literal never holds itself; guards the recursion
                self._runs[at] = self(self._held[at]) if at else 0
            longest = max(longest, self._runs[at])
        return longest


def _fenced(code: str, language: str, backticks: Callable[[str], int]) -> str:
    """``code`` as a fenced block, its fence longer than any backtick run inside."""
    fence = "`" * max(3, backticks(code) + 1)
    return f"{fence}{language}\n{code}\n{fence}\n" if code else f"{fence}{language}\n{fence}\n"


def _liquid_code(markup: str, body: str) -> tuple[str, str] | None:
    """Jekyll's highlight: the language as its class names it (lower case, "+" as "-"), and
    the code without the line breaks that start and end it; None for markup Jekyll refuses."""
    markup = markup.strip()
    if markup.endswith("-"):  # whitespace control: "{% highlight ruby -%}"
        markup = markup[:-1].rstrip()
    checked = _LIQUID_MARKUP.fullmatch(markup)
    if checked is None:
        return None
    language = checked.group(1).lower().replace("+", "-")
    return language, _LEADING_OR_TRAILING_BREAKS.sub("", body)


def _hugo_code(markup: str, body: str) -> tuple[str, str]:
    """Hugo's highlight: its first positional argument is the language (named ones it ignores),
    the code is the inner text de-indented and without the line breaks around it."""
    positional, _ = _arguments(markup)
    language = positional[0] if positional and "=" not in positional[0] else ""
    language = language if re.fullmatch(r"[\w.+#-]*", language) else ""
    return language, _deindented(body).strip("\n")


def _deindented(body: str) -> str:
    """``body`` without the indentation all its non-empty lines share (a line of only spaces
    counts, as in Hugo's ``.InnerDeindent``; hugo 0.168 keeps "  x" of "    x" over "  ")."""
    lines = body.split("\n")
    indent = min((len(line) - len(line.lstrip(" \t")) for line in lines if line), default=0)
    return "\n".join(line[indent:] for line in lines) if indent else body


_EMBEDS = frozenset({"youtube", "vimeo", "x", "tweet", "instagram"})
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]*+>|[*_`]")  # what an alt made from a caption leaves out


def _rendered(value: str, links: Mapping[str, str], *, embeds: bool) -> str:
    """A figure's ``caption`` or ``attr`` with the shortcodes it holds run, as Hugo's
    ``markdownify`` runs them there (hugo 0.168: ``caption="see {{< ref x >}}"`` shows the
    page's address): a ``ref`` or ``relref`` is the address ``links`` gives (Hugo stops on
    one that names no page), a built-in embed its link (``embeds``; a frame, no text, in
    ``alt``), any other the page's own template, which shows nothing known here. Each
    shortcode ends at the first closing of its kind; one never closed is text, and so is an
    escaped one, ``{{</* ref x */>}}`` as written (hugo 0.168 keeps its marks there)."""
    if "{{" not in value:
        return value
    return _outside_escapes(value, lambda text: _run(text, links, embeds=embeds))


def _run(value: str, links: Mapping[str, str], *, embeds: bool) -> str:
    """``value`` (no escaped shortcode in it) with its shortcodes run (:func:`_rendered`)."""
    out: list[str] = []
    pos = 0
    while (at := value.find("{{", pos)) >= 0:
        kind = value[at + 2 : at + 3]
        if kind not in ("<", "%"):
            out.append(value[pos : at + 2])
            pos = at + 2
            continue
        end = value.find(">}}" if kind == "<" else "%}}", at + 3)
        if end < 0:
            break
        tag = value[at : end + 3]
        inner = _HUGO_SHORTCODE.fullmatch(tag)
        # The page's links are keyed by the tag as written, its quotes escaped in a quoted one.
        shown = links.get(tag) or links.get(tag.replace('"', '\\"'), "")
        if not shown and embeds and inner is not None and inner.group(3) in _EMBEDS:
            shown = _embed(inner.group(3), inner.group(4), inline=True) or ""
        out += [value[pos:at], shown]
        pos = end + 3
    out.append(value[pos:])
    return "".join(out)


def _outside_escapes(value: str, change: Callable[[str], str]) -> str:
    """``value`` with ``change`` made to what lies outside its escaped shortcodes (``{{</*
    ... */>}}``, ``{{%/* ... */%}}``), which stay as written. An opener with no closer of its
    kind after it is text, and ends the search for its kind: one scan of ``value``."""
    out: list[str] = []
    pos = 0
    ahead = {kind: value.find("{{" + kind + "/*") for kind in "<%"}
    while live := [(at, kind) for kind, at in ahead.items() if at >= 0]:
        at, kind = min(live)
        closer = value.find("*/>}}" if kind == "<" else "*/%}}", at + 5)
        if closer < 0:
            del ahead[kind]
            continue
        out += [change(value[pos:at]), value[at : closer + 5]]
        pos = closer + 5
        for other, found in ahead.items():
            if 0 <= found < pos:
                ahead[other] = value.find("{{" + other + "/*", pos)
    out.append(change(value[pos:]))
    return "".join(out)


def _figure(markup: str, links: Mapping[str, str]) -> str | None:
    """Hugo's built-in figure as hugo 0.168 renders it: an image (linked when ``link`` is
    given), and a caption of its ``title`` (as a heading) and ``caption`` (as Markdown), with
    ``attr`` (linked to ``attrlink``). The caption stands between blank lines in the HTML so
    that Markdown reads it, as Hugo's ``markdownify`` does; the shortcodes in ``caption`` and
    ``attr`` are run (:func:`_rendered`), those in the other arguments are text. None with no
    image: a tag."""
    _, named = _arguments(markup)
    if not named.get("src"):
        return None

    def attribute(name: str, value: str | None) -> str:
        return f' {name}="{html.escape(value)}"' if value else ""

    written = " ".join(named.get("caption", "").split())
    caption = _rendered(written, links, embeds=True)
    plain = _rendered(written, links, embeds=False)
    alt = named.get("alt") or _outside_escapes(plain, lambda text: _MARKUP.sub("", text))
    image = (
        "<img"
        + attribute("src", named.get("src"))
        + attribute("alt", alt)
        + attribute("width", named.get("width"))
        + attribute("height", named.get("height"))
        + ">"
    )
    if named.get("link"):
        image = f"<a{attribute('href', named['link'])}>{image}</a>"
    parts = [f"<figure{attribute('class', named.get('class'))}>{image}"]
    title = named.get("title")
    attr = _rendered(" ".join(named.get("attr", "").split()), links, embeds=True)
    if title or caption or attr:
        parts.append("<figcaption>")
        if title:
            parts.append(f"<h4>{html.escape(title)}</h4>")
        if attr and named.get("attrlink"):
            attr = f"<a{attribute('href', named['attrlink'])}>{attr}</a>"
        if caption or attr:
            parts.append(" ".join(filter(None, (caption, attr))))
        parts.append("</figcaption>")
    parts.append("</figure>")
    return "\n\n".join(parts)


def _embed(name: str, markup: str, *, inline: bool = False) -> str | None:
    """A link to the video or post that Hugo's built-in ``name`` embeds (a frame, or a post
    fetched at build time, that no feed shows), a paragraph of its own unless ``inline``;
    None when its arguments name none."""
    positional, named = _arguments(markup)
    ident = named.get("id") or (positional[0] if positional else "")
    user = named.get("user", "")
    if not ident:
        return None
    if name == "youtube":
        url, label = f"https://www.youtube.com/watch?v={quote(ident)}", "YouTube video"
    elif name == "vimeo":
        url, label = f"https://vimeo.com/{quote(ident)}", "Vimeo video"
    elif name == "instagram":
        url, label = f"https://www.instagram.com/p/{quote(ident)}/", "Instagram post"
    elif user:  # x and tweet name the post by its author and number
        site = "x.com" if name == "x" else "twitter.com"
        url, label = f"https://{site}/{quote(user)}/status/{quote(ident)}", f"Post by @{user}"
    else:
        return None
    label = named.get("title") or label
    link = f'<a href="{html.escape(url)}">{html.escape(label)}</a>'
    return link if inline else f"<p>{link}</p>"


def with_builtin_tags(
    text: str, generator: str | None, held: list[str], links: Mapping[str, str] | None = None
) -> str:
    """``text`` (a Markdown page, the generator's escapes already held) with the built-in tags
    of ``generator`` (None: Jekyll's and Hugo's) outside fenced code made what they show:
    each highlight pair a fenced code block, Hugo's figure and embeds HTML (held in ``held``,
    as the generator's finished output; a ``ref`` in a figure's caption the address
    ``links`` gives for it, by the tag as written). A highlight opener inside a fenced block
    is left to the tag pass, as is one never closed; what a code block holds stays for that
    pass too, since both generators replace the tags inside a highlight as well.

    One pass: the tags are found once, paired once, and the lines read once.
    """
    found: list[_Tag] = []
    if generator in ("jekyll", None) and "highlight" in text:
        found += _liquid_tags(text)
    if generator in ("hugo", None) and "{{" in text:
        found += _hugo_tags(text)
    if not found:
        return text
    found.sort(key=lambda tag: tag.start)
    pairs = _paired(iter(found))
    backticks = _Backticks(held)
    out: list[str] = []
    pos = 0  # text before pos is written
    next_tag = 0
    fence: str | None = None
    for line in _LINE.finditer(text):
        if not line.group():
            break
        if line.end() <= pos:  # inside a block already written
            continue
        if fence is not None:
            if line.group().strip().startswith(fence):
                fence = None
            continue
        opened = FENCE.match(line.group()) if line.start() >= pos else None
        if opened:
            fence = opened.group(1)
            continue
        while next_tag < len(found) and found[next_tag].start < line.end():
            tag = found[next_tag]
            next_tag += 1
            if tag.start < max(pos, line.start()):
                continue  # in a block written, or on a line of fenced code
            shown, end = _shown(text, tag, pairs, backticks, held, links or {})
            if shown is None:
                continue
            lead = max(pos, line.start())  # the line's text before the tag
            if text[lead : tag.start].strip():
                out += [text[pos : tag.start], "\n"]  # the block starts a line of its own
            else:
                out.append(text[pos:lead])
            out.append(shown)
            blank = _BLANK_REST.match(text, end)
            pos = end if blank is None else blank.end()  # the line may end with the block
    out.append(text[pos:])
    return "".join(out)


def _shown(
    text: str,
    tag: _Tag,
    pairs: dict[int, _Tag],
    backticks: _Backticks,
    held: list[str],
    links: Mapping[str, str],
) -> tuple[str | None, int]:
    """What the generator shows for ``tag`` and where that ends in ``text`` (None: a tag
    left to the tag pass)."""
    if tag.kind in ("liquid", "hugo"):
        closer = pairs.get(tag.start) if tag.opens else None
        if closer is None:
            return None, tag.end
        body = text[tag.end : closer.start]
        code = _liquid_code(tag.markup, body) if tag.kind == "liquid" else None
        if tag.kind == "hugo":
            code = _hugo_code(tag.markup, body)
        if code is None:
            return None, tag.end
        return _fenced(code[1], code[0], backticks), closer.end
    if tag.kind == "figure":
        shown: str | None = _figure(tag.markup, links)
    else:
        shown = _embed(tag.kind, tag.markup)
    if shown is None:
        return None, tag.end
    return "\n" + hold(shown, held) + "\n\n", tag.end
