"""Pages per second of clean_text on one core beside jusText, trafilatura and Resiliparse.

    .venv/bin/python benchmarks/bench_text.py [EVALSET] [--input text|html|both] [--repeat N]
        [--limit N]

Every extractor cleans the same labelled pages, read into memory first (no disk, no scoring),
in the same process, each timed best of ``--repeat``; the ratios (ours / theirs) are what to
quote, since this machine's speed drifts from run to run. jusText gets the plain text as one
``<p>`` per line (its own paragraph model), HTML as it is; trafilatura and Resiliparse take
HTML only. A competitor that is not installed (``pip install -e '.[bench]'``) is skipped.
"""

from __future__ import annotations

import argparse
import gzip
import html
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from convert.text import clean_text

Cleaner = Callable[[Any], object]


def _ours(kind: str) -> Cleaner:
    return lambda page: clean_text(page, kind=kind, extractor="builtin")  # type: ignore[arg-type]


def _justext(kind: str) -> Cleaner | None:
    try:
        import justext
    except ImportError:
        return None
    stop = justext.get_stoplist("English")
    if kind == "html":
        return lambda page: justext.justext(page, stop)

    def on_text(page: str) -> object:
        lines = (f"<p>{html.escape(line)}</p>" for line in page.split("\n") if line.strip())
        return justext.justext("<html><body>" + "".join(lines) + "</body></html>", stop)

    return on_text


def _trafilatura() -> Cleaner | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return lambda page: trafilatura.extract(page, include_comments=False, include_tables=True)


def _resiliparse() -> Cleaner | None:
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    except ImportError:
        return None

    def clean(page: bytes) -> object:
        text = bytes_to_str(page, detect_encoding(page) or "utf-8")
        return extract_plain_text(text, main_content=True)

    return clean


def _forget() -> None:
    """Empty what our cleaner remembers of the pages it cleaned (ftfy's answers by line), so
    that each pass cleans pages it has never seen, as a corpus run does; the answers of one
    pass would otherwise spare the next every ftfy call."""
    from convert.text import normalise

    normalise._FIXED.clear()


def _best(clean: Cleaner, pages: Sequence[Any], repeat: int) -> float:
    """Best CPU time of ``repeat`` passes over ``pages`` (one page first, untimed), each pass
    after :func:`_forget`."""
    clean(pages[0])  # imports and caches out of the timing
    best = float("inf")
    for _ in range(repeat):
        _forget()
        start = time.process_time()
        for page in pages:
            clean(page)
        best = min(best, time.process_time() - start)
    return best


def run(kind: str, cases: Sequence[Path], repeat: int) -> None:
    """Time every extractor on one input kind and print pages/s and ours/theirs."""
    if kind == "text":
        pages: list[Any] = [(c / "page.txt").read_text(encoding="utf-8") for c in cases]
        rivals = {"jusText": _justext("text")}
    else:
        pages = [gzip.decompress((c / "page.html.gz").read_bytes()) for c in cases]
        rivals = {
            "jusText": _justext("html"),
            "trafilatura": _trafilatura(),
            "Resiliparse": _resiliparse(),
        }
    ours = len(pages) / _best(_ours(kind), pages, repeat)
    size = sum(len(p) for p in pages) / 1e6
    from convert.text import html_paragraphs

    reader = "lxml" if html_paragraphs._lexbor() is None else "lexbor"
    print(f"input={kind} pages={len(pages)} MB={size:.1f} best_of={repeat} html_reader={reader}")
    print(f"  {'ours (built-in)':16} pages_per_s={ours:7.1f}")
    for name, clean in rivals.items():
        if clean is None:
            print(f"  {name:16} not installed (pip install -e '.[bench]')")
            continue
        theirs = len(pages) / _best(clean, pages, repeat)
        print(f"  {name:16} pages_per_s={theirs:7.1f}  ours/theirs={ours / theirs:5.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("evalset", nargs="?", default="../shared/text-eval")
    ap.add_argument("--input", choices=["text", "html", "both"], default="both")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised
    cases = sorted((Path(args.evalset) / "cases").iterdir())
    cases = cases[: args.limit] if args.limit else cases
    for kind in ("text", "html") if args.input == "both" else (args.input,):
        run(kind, cases, args.repeat)


if __name__ == "__main__":
    main()
