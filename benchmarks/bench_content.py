"""Markdown renderers and the sanitiser on 2 KB article bodies: documents per second, and
peak memory growth per thousand documents after a warm-up round (a renderer that leaks
cannot serve a long feed).

Each library renders the same bodies (``bench_feeds.markdown_body``: headings, links, an
image, code, a table) with tables switched on, in one process, interleaved over ``--repeat``
rounds, fastest round kept. Libraries that are not installed are skipped; the comparison
needs ``pip install cmarkgfm markdown-it-py mistune`` beside the package's own pyromark.

    .venv/bin/python benchmarks/bench_content.py --docs 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_feeds import markdown_body


def renderers() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    from convert.content.render import markdown_html

    found["pyromark (ours)"] = markdown_html
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options

        found["cmarkgfm + table ext"] = lambda text: cmarkgfm.markdown_to_html_with_extensions(
            text, options=Options.CMARK_OPT_UNSAFE, extensions=["table", "strikethrough"]
        )
        found["cmarkgfm, no tables"] = lambda text: cmarkgfm.markdown_to_html(
            text, Options.CMARK_OPT_UNSAFE
        )
    except ImportError:
        pass
    try:
        from markdown_it import MarkdownIt

        found["markdown-it-py"] = MarkdownIt("commonmark").enable("table").render
    except ImportError:
        pass
    try:
        import mistune

        render: Callable[[str], str] = mistune.create_markdown(plugins=["table", "strikethrough"])
        found["mistune"] = render
    except ImportError:
        pass
    return found


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = [markdown_body(n) for n in range(args.docs)]
    size = sum(len(d.encode()) for d in docs) / len(docs)
    print(f"{len(docs)} documents of {size:,.0f} bytes of Markdown on average")
    best: dict[str, float] = {}
    growth: dict[str, float] = {}
    for round_ in range(args.repeat):
        for name, render in renderers().items():
            # The slow pure-Python parsers get a tenth of the documents: their rate is what
            # matters, and the machine is shared.
            sample = docs if "py" not in name and "mistune" not in name else docs[: len(docs) // 10]
            before = peak_mib()
            begin = time.perf_counter()
            for doc in sample:
                render(doc)
            rate = len(sample) / (time.perf_counter() - begin)
            best[name] = max(best.get(name, 0.0), rate)
            if round_ == args.repeat - 1:  # after a warm-up round
                growth[name] = (peak_mib() - before) / len(sample) * 1000
    from convert.content.sanitise import sanitise_html

    html_docs = [renderers()["pyromark (ours)"](d) for d in docs]
    for _ in range(args.repeat):
        begin = time.perf_counter()
        for n, doc in enumerate(html_docs):
            sanitise_html(doc, f"https://news.example.com/{n}")
        rate = len(html_docs) / (time.perf_counter() - begin)
        best["nh3 sanitise + absolute URLs"] = max(
            best.get("nh3 sanitise + absolute URLs", 0), rate
        )
    print(f"{'library':<32}{'documents/s':>12}{'MiB per 1000 (last round)':>30}")
    for name, rate in best.items():
        grown = f"{growth[name]:.1f}" if name in growth else ""
        print(f"{name:<32}{rate:>12,.0f}{grown:>30}")


if __name__ == "__main__":
    main()
