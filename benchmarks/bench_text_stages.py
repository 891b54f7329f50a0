"""Where clean_text's time goes on HTML pages, stage by stage, measured where it is spent.

    .venv/bin/python benchmarks/bench_text_stages.py [EVALSET] [--rounds N] [--limit N]

The labelled pages are cleaned as HTML bytes (as ``bench_text_ab.py --input html`` cleans
them) in one process, with each stage's function wrapped by a timer (a wrapper costs well
under a microsecond a call, a stage is called once a page): microseconds a page and the
share of ``clean_text``, summed over ``--rounds`` passes, each after ftfy's answers by line
are forgotten. What no stage holds (the calls between them) is printed as the rest.

A stage costs more here than timed alone on the same inputs: the parse and the tree leave
little of the rest in the processor's caches, so the first numpy calls of a page take several
times their usual microsecond. A change that makes a stage faster alone can leave it as it
was here; ``bench_text_ab.py`` is the measure of a change.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# (module, function, stage) in the order a page meets them; the depth gate and the parse
# together are what convert.text.html_lexbor.parse does.
STAGES = (
    ("convert.text.html_paragraphs", "read_as_utf8_when_valid", "encoding check"),
    ("convert.text.html_paragraphs", "whole_page", "whole page or fragment"),
    ("convert.text.html_lexbor", "_cleared", "clearing marker bytes"),
    ("convert.text.html_lexbor", "flattened", "depth gate"),
    ("convert.text.html_lexbor", "LexborHTMLParser", "parse (Lexbor)"),
    ("convert.text.html_lexbor", "page_title", "title"),
    ("convert.text.html_lexbor", "strip_furniture", "furniture and hidden elements"),
    ("convert.text.html_lexbor", "_marked_text", "marking and reading the text"),
    ("convert.text.html_lexbor", "block_lines", "block lines"),
    ("convert.text.html_paragraphs", "repaired_lines", "repair"),
    ("convert.text.plain", "page_features", "line features"),
    ("convert.text.plain", "score_lines", "classifier"),
    ("convert.text.html_paragraphs", "keep_blocks", "block stage"),
    ("convert.text.joining", "settle_page", "settling paragraphs"),
    ("convert.text.joining", "page_parts", "joining"),
)


def _timed(function: Callable[..., Any], spent: dict[str, float], stage: str) -> Callable[..., Any]:
    clock = time.perf_counter

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += clock() - start

    return timed


def stage_times(pages: list[bytes], rounds: int) -> tuple[dict[str, float], float]:
    """Seconds spent in each stage and in clean_text over ``rounds`` passes over ``pages``;
    the stages' functions are given back their own afterwards."""
    pipeline = importlib.import_module("convert.text.pipeline")
    normalise = importlib.import_module("convert.text.normalise")
    clean_text = pipeline.clean_text
    for page in pages[:1]:
        clean_text(page, kind="html", extractor="builtin")  # lazy imports and tables
    spent = dict.fromkeys((stage for _, _, stage in STAGES), 0.0)
    own = [(importlib.import_module(name), attribute) for name, attribute, _ in STAGES]
    originals = [getattr(module, attribute) for module, attribute in own]
    total = 0.0
    try:
        for (module, attribute), function, stage in zip(own, originals, spent, strict=True):
            setattr(module, attribute, _timed(function, spent, stage))
        for _ in range(rounds):
            normalise._FIXED.clear()
            start = time.perf_counter()
            for page in pages:
                clean_text(page, kind="html", extractor="builtin")
            total += time.perf_counter() - start
    finally:
        for (module, attribute), function in zip(own, originals, strict=True):
            setattr(module, attribute, function)
    return spent, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("evalset", nargs="?", default=str(ROOT.parent / "shared" / "text-eval"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args()
    cases = sorted((Path(args.evalset) / "cases").iterdir())[: args.limit or None]
    pages = [gzip.decompress((case / "page.html.gz").read_bytes()) for case in cases]
    spent, total = stage_times(pages, args.rounds)
    count = args.rounds * len(pages)
    rest = total - sum(spent.values())
    print(f"{len(pages)} pages, {args.rounds} rounds: {total / count * 1e6:,.0f} us a page")
    for stage, seconds in [*spent.items(), ("rest", rest)]:
        print(f"{stage:32} {seconds / count * 1e6:8,.0f} us {seconds / total:7.1%}")


if __name__ == "__main__":
    main()
