"""What checking dates by the shared rule (convert/dates.py) costs, paired in one process.

    python benchmarks/bench_dates.py --count 5000 --repeat 5

The article schema's ``date-time`` format is checked by :func:`convert.dates.is_date_time`, the
function feeds read dates with, instead of jsonschema-rs's built-in check. Each round validates
the same generated records with both validators, alternating, and the fastest round of each is
compared; ``parse_date`` is timed against bare ``datetime.fromisoformat`` the same way.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime
from pathlib import Path

import jsonschema_rs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import record  # noqa: E402

from convert.dates import is_date_time, parse_date  # noqa: E402
from convert.loading import loads  # noqa: E402


def fastest(rounds: int, work: dict[str, object]) -> dict[str, float]:
    best = dict.fromkeys(work, float("inf"))
    for _ in range(rounds):
        for name, run in work.items():
            start = time.perf_counter()
            run()  # type: ignore[operator]
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    metas = [dict(loads(record(rng, i)).meta) for i in range(args.count)]
    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    built_in = jsonschema_rs.validator_for(schema, validate_formats=True)
    shared = jsonschema_rs.validator_for(
        schema, validate_formats=True, formats={"date-time": is_date_time}
    )
    best = fastest(
        args.repeat,
        {
            "built-in date-time": lambda: [list(built_in.iter_errors(m)) for m in metas],
            "shared rule": lambda: [list(shared.iter_errors(m)) for m in metas],
        },
    )
    for name, seconds in best.items():
        print(f"schema, {name:20} {seconds / args.count * 1e6:7.1f} us per record")
    print(f"ratio {best['shared rule'] / best['built-in date-time']:.2f}")
    dates = [str(m.get("publishedDateTime")) for m in metas]
    best = fastest(
        args.repeat,
        {
            "datetime.fromisoformat": lambda: [_iso(d) for d in dates],
            "parse_date": lambda: [parse_date(d) for d in dates],
        },
    )
    for name, seconds in best.items():
        print(f"one date, {name:22} {seconds / len(dates) * 1e6:5.2f} us")


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


if __name__ == "__main__":
    main()
