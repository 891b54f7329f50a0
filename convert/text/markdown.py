"""Markdown to paragraphs of plain text: the words stay, the markup goes.

Links keep their text, images go (their alt text is a description, not the article), emphasis
markers go, code keeps its content. A full Markdown parser would be exact, but a record body
needs only its prose back, and a line-based pass over CommonMark's block forms does that with
no dependency and in linear time.
"""

from __future__ import annotations

import re

from convert.text.normalise import collapse

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+\s*)?$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^\s*\d{1,9}[.)]\s+")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")

_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?")
_LINK = re.compile(r"\[([^\]]*)\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_EMPH_UNDER = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def inline(text: str) -> str:
    """Inline markup removed from one line or paragraph; code spans keep their content."""
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(match.group(2).strip())
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE.sub(keep_code, text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(r"\2" if pattern is _STRONG else r"\1", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], text)


def _add_code(out: list[str], code: list[str]) -> None:
    """A fenced block becomes one paragraph: its content kept, its layout collapsed like prose."""
    text = collapse(" ".join(code))
    if text:
        out.append(text)


def paragraphs(source: str) -> list[str]:
    """The paragraphs of a Markdown document as plain text, one string each."""
    out: list[str] = []
    current: list[str] = []
    fence: str | None = None
    code: list[str] = []

    def flush() -> None:
        if current:
            text = collapse(inline(" ".join(current)))
            if text:
                out.append(text)
            current.clear()

    for line in source.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                _add_code(out, code)
                fence, code = None, []
            else:
                code.append(line)
            continue
        opened = _FENCE.match(line)
        if opened:
            flush()
            fence = opened.group(1)
            continue
        if not line.strip() or _RULE.match(line) or _REF_DEF.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current:
            flush()  # the underline of a heading: the heading is already buffered
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            current.append(heading.group(1))
            flush()
            continue
        line = _QUOTE.sub("", line)
        if _BULLET.match(line) or _ORDERED.match(line):
            flush()
            line = _BULLET.sub("", line)
        if "|" in line and line.strip().startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        current.append(line.strip())
    _add_code(out, code)
    flush()
    return out
