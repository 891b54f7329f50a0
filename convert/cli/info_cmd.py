"""``artconv rules`` and ``artconv schema``: what the validator checks, and against what."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

import click

from convert.cli.common import Command, fatal_errors, write_stdout
from convert.cli.doc_text import plain_text

if TYPE_CHECKING:
    from convert.fixes import FixKind


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Print each rule's full documentation.")
def rules(as_json: bool, verbose: bool) -> None:
    """List every finding id with its default level and what it checks.

    The ids of validate, convert and import are all here. They work with --select and
    --ignore, and with levels in the config:

    \b
      [tool.artconv.rules]
      "consistency/amp-url" = "error"
      "schema/recommended" = "off"
    """
    from convert.fixes import available_fixes, fix_for_rule
    from convert.rules import load_rules
    from convert.rules.catalogue import SCHEMA_FAMILY, every_kind

    with fatal_errors():
        entries = every_kind()
        docs = {
            (SCHEMA_FAMILY if rule.id == "schema" else rule.id): plain_text(
                (type(rule).__doc__ or "").strip()
            )
            for rule in load_rules()
        }
    if as_json:
        write_stdout(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "level": e.severity.label,
                        "summary": plain_text(e.summary),
                        "origin": e.origin,
                        "fix": _fix_label(fix_for_rule(e.id)),
                        "fixes": [
                            {
                                "rule": kind.rule,
                                "fix": _fix_label(kind),
                                "summary": plain_text(kind.summary),
                            }
                            for kind in _fixes_of(e.id, available_fixes())
                        ],
                    }
                    for e in entries
                ],
                indent=2,
            )
            + "\n"
        )
        return
    width = max(len(e.id) for e in entries)
    lines = []
    for e in entries:
        lines.append(f"{e.id:<{width}}  {e.severity.label:<7}  {plain_text(e.summary)}")
        if verbose and e.id in docs:
            body = docs[e.id].split("\n", 1)[1:] or [""]
            for line in body[0].strip().splitlines():
                lines.append(f"{'':<{width}}           {line.strip()}")
        if verbose and e.id == SCHEMA_FAMILY:
            from convert.rules.schema_rules import SCHEMA_KEYWORDS

            for line in textwrap.wrap("keywords: " + ", ".join(SCHEMA_KEYWORDS), 70):
                lines.append(f"{'':<{width}}           {line}")
        if verbose:
            kinds = _fixes_of(e.id, available_fixes())
            for kind in kinds:
                lines.append(
                    f"{'':<{width}}           fix ({kind.rule}): {_fix_label(kind)}, "
                    + plain_text(kind.summary)
                )
            if not kinds:
                lines.append(f"{'':<{width}}           fix: none")
    write_stdout("".join(line + "\n" for line in lines))


def _fixes_of(rule_id: str, kinds: list[FixKind]) -> list[FixKind]:
    """The fixes of a listed id: the schema family's row stands for each keyword's rule."""
    from convert.rules.catalogue import SCHEMA_FAMILY

    family = rule_id == SCHEMA_FAMILY
    return [k for k in kinds if k.rule == rule_id or (family and k.rule.startswith("schema/"))]


def _fix_label(kind: object) -> str | None:
    """``safe``, ``unsafe (--unsafe-fixes)`` or None for a rule without a fix."""
    if kind is None:
        return None
    return "safe" if getattr(kind, "safe", False) else "unsafe (--unsafe-fixes)"


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name", default="article")
@click.option("--list", "list_names", is_flag=True, help="List the packaged schema names.")
def schema(name: str, list_names: bool) -> None:
    """Print the packaged JSON Schema NAME (default: article).

    Save it to start your own: artconv schema > my.schema.json
    """
    from convert.schema import packaged_names, packaged_text

    if list_names:
        write_stdout("".join(packaged + "\n" for packaged in packaged_names()))
        return
    with fatal_errors():
        text = packaged_text(name)
    write_stdout(text)
