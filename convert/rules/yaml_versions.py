"""Values that YAML 1.1 and YAML 1.2 readers read differently.

The loader reads YAML 1.1 as PyYAML, Jekyll (Ruby) and most Python tools do; Hugo and other
YAML 1.2 readers take ``yes``/``no``/``on``/``off`` as strings. A record meant as a boolean
should say ``true`` or ``false``, which every reader agrees on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from convert.diagnostics import Diagnostic, Severity
from convert.pointer import split_pointer
from convert.record import Record
from convert.rules import RuleContext

_WORDS = {"yes": "true", "on": "true", "no": "false", "off": "false"}


class BooleanWord:
    """yes/no/on/off are booleans to YAML 1.1 readers but strings to YAML 1.2 readers.

    PyYAML and Ruby read ``published: yes`` as true, Hugo reads it as the string "yes".
    Reported where the schema accepts a boolean or does not describe the field (where it
    wants a string, schema/type says so). FAIL: ``published: yes``. PASS: ``published: true``.
    ``artconv fix --unsafe-fixes`` writes true/false: unsafe, as the site's reader decides.
    """

    id: ClassVar[str] = "yaml/boolean-word"
    default_severity: ClassVar[Severity] = Severity.WARNING

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        # The loader notes these words as it builds the values, so a record without any
        # costs one attribute look-up here.
        locator = record.source.locator
        words = getattr(locator, "boolean_words", None)
        pointers = words() if words is not None and record.intact else ()
        for pointer in dict.fromkeys(pointers):  # a duplicate key notes its pointer twice
            word = locator.written(pointer) or ""  # type: ignore[union-attr]
            if word.lower() not in _WORDS:  # the last duplicate, whose value counts, is fine
                continue
            if not _accepts_boolean(context.schema.document, pointer):
                continue
            yield context.finding(
                record,
                self.id,
                self.default_severity,
                f"{word} is a boolean to YAML 1.1 readers (PyYAML, Ruby) but the string "
                f'"{word}" to YAML 1.2 readers (Hugo)',
                pointer=pointer,
                hint=f"write {_WORDS[word.lower()]}",
            )


def _accepts_boolean(schema: Mapping[str, Any], pointer: str) -> bool:
    """False only when the schema's ``type`` at ``pointer`` clearly leaves booleans out."""
    node: Any = schema
    for token in split_pointer(pointer):
        node = _resolve(node, schema)
        properties = node.get("properties") if isinstance(node, Mapping) else None
        if isinstance(properties, Mapping) and token in properties:
            node = properties[token]
        elif (
            isinstance(node, Mapping) and isinstance(node.get("items"), Mapping) and token.isdigit()
        ):
            node = node["items"]
        else:
            return True  # a field the schema does not describe: any reader may see it
    node = _resolve(node, schema)
    kinds = node.get("type") if isinstance(node, Mapping) else None
    if isinstance(kinds, str):
        kinds = [kinds]
    return not isinstance(kinds, list) or "boolean" in kinds


def _resolve(node: Any, root: Mapping[str, Any]) -> Any:
    for _ in range(16):
        ref = node.get("$ref") if isinstance(node, Mapping) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        target: Any = root
        for part in split_pointer(ref[1:]):
            target = target.get(part) if isinstance(target, Mapping) else None
        node = target
    return node


RULES = (BooleanWord,)
