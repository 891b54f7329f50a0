"""Finding the front matter: which kind, where it starts and where the body begins.

python-frontmatter's handlers tell the kinds apart, but their boundaries match any run of three
or more dashes (so a ``------`` line inside a block scalar splits the file) and they drop line
numbers. The handlers here keep python-frontmatter's detection and insist that a fence is a whole
line of exactly ``---`` or ``+++``; the split keeps the line where each part starts.
"""

from __future__ import annotations

import json
import re

from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from convert.loading.nesting import JSON_TOKENS, value_end
from convert.record import FrontMatterKind
from convert.values import Value


class YamlFence(YAMLHandler):
    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)


class TomlFence(BaseHandler):
    FM_BOUNDARY = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"


class JsonFence(JSONHandler):
    """JSON front matter: an object at the very start of the file, on one line or many.

    It opens with a ``{`` line, or with ``{"`` / ``{}`` (so Liquid's ``{%`` and ``{{`` are
    not taken for it), and ends where the object ends; when the object is broken, at the first
    ``}`` line, so the JSON parser can say where.
    """

    FM_BOUNDARY = re.compile(r'^\{[ \t]*(?:$|"|\})', re.MULTILINE)


_DECODER = json.JSONDecoder(parse_int=str)
"""Finds where the object ends; integers stay text, so one too long to read cannot stop it."""
_CLOSING_BRACE = re.compile(r"^\}[ \t]*$", re.MULTILINE)
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*$", re.MULTILINE)
"""YAML's document end marker. Jekyll closes front matter with it; Hugo and python-frontmatter
do not, so it is a fence only for the Jekyll profile, and otherwise named in the finding about
the missing one."""

HANDLERS: tuple[tuple[FrontMatterKind, str, BaseHandler], ...] = (
    ("yaml", "---", YamlFence()),
    ("toml", "+++", TomlFence()),
    ("json", "}", JsonFence()),
)


class Split(Value):
    """The two parts of a record file. Lines are 1-based."""

    __slots__ = (
        "body",
        "body_line",
        "dots_line",
        "fence",
        "front_matter",
        "front_matter_line",
        "kind",
        "unclosed_line",
    )
    kind: FrontMatterKind | None
    front_matter: str
    front_matter_line: int  # the opening fence
    body: str
    body_line: int
    unclosed_line: int | None  # an opening fence with no closing one
    fence: str
    dots_line: int | None  # unclosed YAML that a "..." line would close for Jekyll

    def __init__(
        self,
        kind: FrontMatterKind | None,
        front_matter: str,
        front_matter_line: int,
        body: str,
        body_line: int,
        unclosed_line: int | None = None,
        fence: str = "",
        dots_line: int | None = None,
    ) -> None:
        put = object.__setattr__
        put(self, "kind", kind)
        put(self, "front_matter", front_matter)
        put(self, "front_matter_line", front_matter_line)
        put(self, "body", body)
        put(self, "body_line", body_line)
        put(self, "unclosed_line", unclosed_line)
        put(self, "fence", fence)
        put(self, "dots_line", dots_line)


_BLANK_LINES = re.compile(r"(?:[ \t]*\n)+")


def split_front_matter(
    text: str, *, document_end_closes: bool = False, leading_blank_lines: bool = False
) -> Split:
    """Split ``text`` (newlines already normalised to ``\\n``) into front matter and body.

    ``document_end_closes``: a ``...`` line closes YAML front matter that has no ``---`` one,
    as in Jekyll.
    ``leading_blank_lines``: the opening fence may follow blank lines, as Hugo and Zola read
    it; line numbers stay those of the file.
    """
    leading = _BLANK_LINES.match(text) if leading_blank_lines else None
    if leading is not None:
        inner = split_front_matter(text[leading.end() :], document_end_closes=document_end_closes)
        skipped = leading.group().count("\n")
        if inner.kind is not None:
            return Split(
                inner.kind,
                inner.front_matter,
                inner.front_matter_line + skipped,
                inner.body,
                inner.body_line + skipped,
                fence=inner.fence,
            )
        if inner.unclosed_line is not None:  # a fence the generator sees, never closed
            return Split(
                None,
                "",
                inner.front_matter_line + skipped,
                text,
                1,
                unclosed_line=inner.unclosed_line + skipped,
                fence=inner.fence,
                dots_line=None if inner.dots_line is None else inner.dots_line + skipped,
            )
    for kind, closing, handler in HANDLERS:
        if not handler.detect(text):
            continue
        boundary = handler.FM_BOUNDARY
        assert boundary is not None
        opening = boundary.match(text)
        assert opening is not None
        # A broken JSON object ends at the first "}" line, so the parser can point into it.
        closing_pattern = _CLOSING_BRACE if kind == "json" else boundary
        closing_match = closing_pattern.search(text, opening.end())
        if kind == "json":
            end = _json_end(text)
            if end is None and closing_match is not None:
                end = closing_match.end()
            if end is None:
                end = _broken_first_line(text)
            if end is None:
                return Split(None, "", 1, text, 1, unclosed_line=1, fence=closing)
            front = text[:end]
            line_end = text.find("\n", end)
            # The body starts on the next line, unless text follows the object on its line.
            blank = line_end < 0 or not text[end:line_end].strip()
            body_start = (len(text) if line_end < 0 else line_end + 1) if blank else end
        elif closing_match is None:
            dots = _DOCUMENT_END.search(text, opening.end()) if kind == "yaml" else None
            if dots is None or not document_end_closes:
                dots_line = None if dots is None else text.count("\n", 0, dots.start()) + 1
                return Split(
                    None, "", 1, text, 1, unclosed_line=1, fence=closing, dots_line=dots_line
                )
            front = text[opening.end() + 1 : dots.start()]
            body_start = dots.end() + 1
        else:
            front = text[opening.end() + 1 : closing_match.start()]
            body_start = closing_match.end() + 1
        body = text[body_start:] if body_start <= len(text) else ""
        body_line = text.count("\n", 0, min(body_start, len(text))) + 1
        return Split(kind, front, 1, body, body_line, fence=closing)
    return Split(None, "", 1, text, 1)


def _broken_first_line(text: str) -> int | None:
    """The end of the first line when the JSON object breaks on it (``{"a": }``, a control
    character): the parser then says where, rather than the object being called unclosed."""
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    try:
        _DECODER.raw_decode(text)
    except json.JSONDecodeError as exc:
        return first_end if exc.pos < first_end else None
    except (ValueError, RecursionError):
        return None
    return None


def _json_end(text: str) -> int | None:
    """Where the JSON object at the start of ``text`` ends, or None when it is not valid."""
    try:
        return _DECODER.raw_decode(text)[1]
    except ValueError:
        return None
    except RecursionError:  # nested too deep for json; the loader reports it
        return value_end(text, JSON_TOKENS)
