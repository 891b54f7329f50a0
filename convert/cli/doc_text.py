"""Docstrings as the plain text a listing or ``--help`` shows.

Rule, format and profile listings, and each command's help, are read from docstrings written
for Sphinx as well. A reader at a terminal should see ``convert.web_address.host_problem``, not
``:func:`convert.web_address.host_problem```, so the inline markup goes and its text stays.
"""

from __future__ import annotations

import re

import click

__all__ = ["plain_help", "plain_text"]

# A role, with or without a domain (:func:, :py:meth:, :rfc:), then its backquoted text. The
# role name cannot hold a colon or a backquote, and the text ends at the first backquote: each
# character is looked at a bounded number of times, whatever the input.
_ROLE = re.compile(r":(?:[A-Za-z][\w+.-]*:)?([A-Za-z][\w+.-]*):`([^`]*)`")
_NUMBERED = {"rfc": "RFC", "pep": "PEP"}
"""Roles Sphinx shows as a document's name and number (:rfc:`5646` is "RFC 5646")."""


def _role_text(match: re.Match[str]) -> str:
    role, text = match.group(1).lower(), match.group(2).strip()
    if text.endswith(">") and "<" in text:  # :ref:`the rules <rules>`: Sphinx shows the title
        title = text.rpartition("<")[0].strip()
        if title:
            return title
    if role in _NUMBERED:
        return f"{_NUMBERED[role]} {text}"
    if text.startswith("!"):  # a target Sphinx is told not to link
        return text[1:]
    if text.startswith("~"):  # Sphinx shows only the last part of the dotted name
        return text[1:].rpartition(".")[2]
    return text


def plain_text(doc: str) -> str:
    """``doc`` without Sphinx roles (their text kept) or the double backquotes of literals."""
    return _ROLE.sub(_role_text, doc).replace("``", "")


def plain_help(command: click.Command) -> None:
    """Show ``command``'s help, short help and options' help as :func:`plain_text`."""
    if command.help:
        command.help = plain_text(command.help)
    if command.short_help:
        command.short_help = plain_text(command.short_help)
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            param.help = plain_text(param.help)
