"""The rule interface, the context rules work in, and the rule registry.

A rule looks at one record and yields findings. Built-in rule families are registered through
the ``convert.rules`` entry-point group, like any plugin; each entry point names a sequence of
rule classes. The loader's own findings (encoding, YAML syntax, ...) are listed here too so that
``artconv rules`` and ``--select``/``--ignore`` know every id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from convert.diagnostics import Diagnostic, Severity
from convert.errors import PluginError
from convert.plugins import Discover, _installed, discover, doc_summary
from convert.record import Record
from convert.schema import Schema

GROUP = "convert.rules"


@dataclass(frozen=True)
class RuleContext:
    """What a rule may consult besides the record."""

    schema: Schema

    def finding(
        self,
        record: Record,
        rule: str,
        severity: Severity,
        message: str,
        *,
        pointer: str = "",
        hint: str = "",
        key: bool = False,
        whole_file: bool = False,
    ) -> Diagnostic:
        """A finding placed at ``pointer`` (its key when ``key``); no position for the file."""
        if whole_file:
            return Diagnostic(record.path, None, None, rule, severity, message, pointer, hint)
        position = record.source.locate(pointer, key=key)
        line, column = position if position is not None else (1, 1)
        return Diagnostic(record.path, line, column, rule, severity, message, pointer, hint)


@runtime_checkable
class Rule(Protocol):
    """A check over one record. The class docstring is the user documentation."""

    id: ClassVar[str]
    default_severity: ClassVar[Severity]

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]: ...


@dataclass(frozen=True)
class RuleInfo:
    """A rule id as ``artconv rules`` shows it."""

    id: str
    severity: Severity
    summary: str
    origin: str = "article-convert"


LOADER_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("file/unreadable", Severity.ERROR, "The file (or folder) cannot be opened or read."),
    RuleInfo("file/too-large", Severity.ERROR, "The file is over the size limit (max-size)."),
    RuleInfo(
        "file/not-regular",
        Severity.WARNING,
        "A FIFO, socket or device met in a folder: reported, not read.",
    ),
    RuleInfo("file/binary", Severity.ERROR, "The file holds NUL bytes: it is not text."),
    RuleInfo("file/encoding", Severity.ERROR, "The file is not valid UTF-8."),
    RuleInfo(
        "file/bom",
        Severity.WARNING,
        "A byte order mark precedes the opening fence (it hides front matter from Jekyll).",
    ),
    RuleInfo(
        "fix/input-changed",
        Severity.ERROR,
        "A file changed on disk while it was being fixed; it was left alone.",
    ),
    RuleInfo("frontmatter/unclosed", Severity.ERROR, "An opening fence has no closing fence."),
    RuleInfo(
        "frontmatter/not-a-mapping",
        Severity.ERROR,
        "The front matter is empty, a list or a single value instead of fields.",
    ),
    RuleInfo("yaml/syntax", Severity.ERROR, "The YAML front matter cannot be parsed."),
    RuleInfo("yaml/duplicate-key", Severity.ERROR, "A key appears twice in one mapping."),
    RuleInfo(
        "yaml/key-type",
        Severity.WARNING,
        "A key is not a plain string (a number, boolean, null or collection).",
    ),
    RuleInfo(
        "yaml/value-type",
        Severity.WARNING,
        "A value has no JSON form (.nan, .inf, !!binary, unknown tags).",
    ),
    RuleInfo(
        "yaml/tag-mismatch",
        Severity.ERROR,
        "A value does not fit its explicit tag (!!int abc, !!bool maybe).",
    ),
    RuleInfo("yaml/too-deep", Severity.ERROR, "Nesting exceeds the depth limit."),
    RuleInfo(
        "yaml/too-large",
        Severity.ERROR,
        "Aliases expand to more values than the limit (an alias bomb).",
    ),
    RuleInfo("yaml/merge", Severity.ERROR, "A merge key (<<) does not refer to a mapping."),
    RuleInfo("toml/syntax", Severity.ERROR, "The TOML front matter cannot be parsed."),
    RuleInfo("json/syntax", Severity.ERROR, "The JSON front matter cannot be parsed."),
    RuleInfo("json/duplicate-key", Severity.ERROR, "A key appears twice in one JSON object."),
    RuleInfo("json/too-deep", Severity.ERROR, "JSON nesting exceeds the depth limit."),
    RuleInfo("toml/too-deep", Severity.ERROR, "TOML nesting exceeds the depth limit."),
    RuleInfo(
        "profile/missing",
        Severity.ERROR,
        "A site profile cannot make a required field (title, date or link) of a page.",
    ),
    RuleInfo(
        "profile/bad-date",
        Severity.ERROR,
        "A date in the front matter or the file name is not a date a profile can read.",
    ),
)


def rule_specs(find: Discover = _installed) -> Mapping[str, Any]:
    """Rule families by entry-point name, not yet imported."""
    return discover(GROUP, find)


def load_rules(find: Discover = _installed) -> list[Rule]:
    """Import every rule family and instantiate its rules.

    Raises:
        PluginError: a family fails to import, or something in it is not a rule.
    """
    return [rule for rule, _ in _load_with_origin(find)]


def catalog(find: Discover = _installed) -> list[RuleInfo]:
    """Every rule id the validator can report, sorted: the loader's and each rule's.

    The schema rule is listed once as ``schema/<keyword>``: its ids are the keywords of
    whatever schema is in use.
    """
    entries = list(LOADER_RULES)
    entries.append(
        RuleInfo(
            "internal/error",
            Severity.ERROR,
            "article-convert failed on a file (a bug: please report it).",
        )
    )
    for rule, origin in _load_with_origin(find):
        rule_id = "schema/<keyword>" if rule.id == "schema" else rule.id
        entries.append(RuleInfo(rule_id, rule.default_severity, summary(rule), origin))
    return sorted(entries, key=lambda info: info.id)


def _load_with_origin(find: Discover) -> list[tuple[Rule, str]]:
    rules: list[tuple[Rule, str]] = []
    seen: dict[str, str] = {}
    for name, spec in sorted(rule_specs(find).items()):
        family = spec.load()
        if not isinstance(family, Sequence):
            raise PluginError(
                f"{spec.distribution} rule plugin {name!r} must name a sequence of rule classes"
            )
        for cls in family:
            rule = _instantiate(cls, spec.distribution, name)
            if rule.id in seen:
                raise PluginError(
                    f"rule id {rule.id!r} from {spec.distribution} is already defined by "
                    f"{seen[rule.id]}"
                )
            seen[rule.id] = spec.distribution
            rules.append((rule, spec.distribution))
    return rules


def _instantiate(cls: Any, distribution: str, family: str) -> Rule:
    try:
        rule = cls()
    except Exception as exc:
        raise PluginError(f"{distribution} rule in {family!r} failed to start: {exc}") from exc
    if not isinstance(rule, Rule) or not isinstance(getattr(rule, "id", None), str):
        raise PluginError(
            f"{distribution} plugin {family!r}: {cls!r} is not a rule "
            "(needs id, default_severity and check)"
        )
    return rule


def summary(rule: object) -> str:
    """A rule's one-line summary: its docstring's first line."""
    return doc_summary(rule)
