"""Validate real published news records against the article schema and list every error.

    python tools/check_real_records.py /work/shared/real/records

The schema is fitted to data: any error-level finding on a real, well-formed record means the
schema guessed wrong. Reads every ``_news/*.md`` (YAML front matter) and every
``api/news/**/index.json`` (one record, or a page ``{"page": n, "value": [records]}``) below
the given folders. JSON records are validated as JSON front matter, so findings keep their
lines. Exit status: 0 when no record has an error, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from convert.diagnostics import Diagnostic, Severity
from convert.loading import load, loads
from convert.record import Record
from convert.validation import Validator


def news_records(root: Path) -> Iterator[Record]:
    """Every news record below ``root``: front-matter files, then the JSON API's records."""
    for path in sorted(root.rglob("_news/*.md")):
        yield load(path)
    for path in sorted(root.rglob("api/news/**/index.json")):
        document = json.loads(path.read_text("utf-8"))
        items = document["value"] if isinstance(document.get("value"), list) else [document]
        for index, item in enumerate(items):
            text = json.dumps(item, indent=1, ensure_ascii=False) + "\n"
            yield loads(text, path=f"{path.as_posix()}#{index}")


def errors_in(records: Iterator[Record], validator: Validator) -> tuple[int, list[Diagnostic]]:
    count = 0
    found: list[Diagnostic] = []
    for record in records:
        count += 1
        found.extend(d for d in validator(record) if d.severity is Severity.ERROR)
    return count, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", type=Path, help="folders holding real records")
    args = parser.parse_args(argv)
    validator = Validator()
    total = 0
    errors: list[Diagnostic] = []
    for root in args.roots:
        count, found = errors_in(news_records(root), validator)
        total += count
        errors.extend(found)
    for d in errors:
        print(f"{d.path}:{d.line}:{d.column}: {d.rule} {d.message}")
    by_rule = Counter(d.rule for d in errors)
    summary = ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()) or "none"
    print(f"{total} records, {len(errors)} errors ({summary})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
