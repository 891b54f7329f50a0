"""Running one rule over record text, as yamllint's rule tests do: text in, findings out.

``found(text, "consistency/dates")`` loads the text, runs only the rule with that id and
returns ``(line, column, rule)`` for each of its findings, sorted, so a test states the
positions it expects. Quiet cases start from :data:`VALID`, a record that is clean under the
article schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from convert.diagnostics import Diagnostic, sort_diagnostics
from convert.loading import loads
from convert.rules import Rule, RuleContext, load_rules
from convert.schema import load_schema

VALID = """\
---
title: "City council approves a new cycling plan"
excerpt: "The plan adds 40 km of protected lanes."
publishedDateTime: "2024-06-12T18:05:00Z"
webUrl: "https://news.example.com/local/cycling-plan"
provider:
  name: Example News
topics: [Transport]
images:
  - url: /images/cycling-plan.jpg
published: true
---
The council voted on Tuesday.
"""


def record_with(extra: str = "", *, drop: tuple[str, ...] = ()) -> str:
    """:data:`VALID` with ``extra`` lines added to its front matter and keys in ``drop`` removed."""
    lines = VALID.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(tuple(f"{key}:" for key in drop))]
    closing = kept.index("---\n", 1)
    return "".join(kept[:closing]) + extra + "".join(kept[closing:])


@cache
def rule(rule_id: str) -> Rule:
    """The installed rule whose id is ``rule_id`` (``schema`` for the schema rule)."""
    (found,) = [r for r in load_rules() if r.id == rule_id]
    return found


@cache
def context(schema: str = "article") -> RuleContext:
    return RuleContext(load_schema(schema))


def diagnostics(
    text: str, rule_id: str, *, schema: str = "article", path: str = "post.md"
) -> list[Diagnostic]:
    """The findings of the one rule ``rule_id`` on the record ``text``, sorted."""
    record = loads(text, path=path)
    return sort_diagnostics(rule(rule_id).check(record, context(schema)))


def found(
    text: str, rule_id: str, *, schema: str = "article"
) -> list[tuple[int | None, int | None, str]]:
    """``(line, column, rule)`` of each finding of ``rule_id`` on ``text``."""
    return [(d.line, d.column, d.rule) for d in diagnostics(text, rule_id, schema=schema)]


def corpus_diagnostics(texts: Mapping[str, str], rule_id: str) -> list[Diagnostic]:
    """Run a corpus rule over several records (path -> text), in order, as a run does:
    a digest per record, then the reducer; its findings."""
    corpus_rule: Any = rule(rule_id)
    reducer = corpus_rule.reducer()
    out: list[Diagnostic] = []
    for path, text in texts.items():
        digest = corpus_rule.digest(loads(text, path=path), context())
        out.extend(reducer.add(path, digest))
    return out


def corpus_found(texts: Mapping[str, str], rule_id: str) -> list[tuple[str, int | None, str]]:
    """``(path, line, rule)`` of each finding of :func:`corpus_diagnostics`."""
    return [(d.path, d.line, d.rule) for d in corpus_diagnostics(texts, rule_id)]
