"""RSS throughput and memory: our streaming writer against feedgen 1.0, on the same records.

Each measurement runs in a fresh subprocess, and its peak resident memory is that process's own
``ru_maxrss``, read with ``os.wait4`` when it ends (``RUSAGE_CHILDREN`` would give the largest of
all children so far). Both writers get the very same ``Record`` objects, generated lazily and
deterministically inside the timed run, in shuffled date order so the newest-first sort (and,
past its memory budget, its spill to disk) is part of what is measured. The ``generate`` run
times that generation alone; "net" figures subtract it, leaving the writers' own work. feedgen
keeps every entry and builds the whole tree before writing, and does not sort, so its run sorts
the records first, as a user of it would. Runs are interleaved and repeated (``--repeat``) and
the fastest of each kept, since other work on the machine only ever adds time.

    .venv/bin/python benchmarks/bench_feeds.py              # 10k and 100k both, 1M ours only
    .venv/bin/python benchmarks/bench_feeds.py --sizes 1000 --no-million   # quick check
    .venv/bin/python benchmarks/bench_feeds.py --bodies      # with 2 KB Markdown bodies
    .venv/bin/python benchmarks/bench_feeds.py --against ../base --sizes 30000 --repeat 6

``--against TREE`` compares our writer with the one in another checkout of this project (say,
``git worktree add ../base main``): each size is run from both trees alternately, in paired
fresh processes, timed in CPU seconds so that other work on the machine counts less, and the
ratio of each pair is reported.

With ``--bodies`` every record carries a 2 KB Markdown article (links, images, code, a table),
from a pool of ``POOL`` distinct ones. Rendering is measured on its own ("render": Markdown to
HTML plus sanitising, per document, over the pool) and kept off the writers' clocks: the pool
is rendered before the clock starts, and both writers get the same rendered HTML. feedgen puts
it into ``content:encoded`` as it is; our writer is run with its content step
(``feed_items.article_html``) swapped for one that returns the already rendered and sanitised body
("ours"). "ours-full" is the real pipeline, Markdown in, rendering and sanitising inside.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

START = datetime(2020, 1, 1, tzinfo=UTC)


def meta(n: int, count: int) -> dict[str, Any]:
    """Record ``n`` of ``count``: dates are a fixed permutation, so input order is not sorted."""
    minute = (n * 7919) % count
    return {
        "title": f"Article number {n}: a headline of ordinary length",
        "excerpt": f"An excerpt for article {n}, about two lines long, as the seed records have."
        " It mentions AT&T and <b>markup</b> so escaping is exercised.",
        "publishedDateTime": (START + timedelta(minutes=minute)).isoformat().replace("+00:00", "Z"),
        "webUrl": f"https://news.example.com/{n // 1000}/article-{n}",
        "provider": {"name": "Example News", "domain": "news.example.com"},
        "topics": ["AI", "Natural Language Processing"],
        "category": "news",
        "published": True,
        "images": [
            {
                "url": f"https://cdn.example.com/{n}.jpg",
                "width": 1400,
                "height": 933,
                "title": f"Image {n}",
            }
        ],
        "quality": 74,
        "secured": "x" * 100,
    }


POOL = 1000
"""Distinct article bodies with ``--bodies``; record ``n`` has body ``n % POOL``."""
BODIES: list[str] = []
"""The pool, as the records carry it: Markdown, or rendered HTML (set up off the clock)."""
BODY_FORMAT: Literal["markdown", "html", "text"] = "text"


def markdown_body(n: int) -> str:
    """About 2 KB of Markdown, as an article has: headings, links, an image, code, a table."""
    paragraph = (
        f"Paragraph {{k}} of article {n} has *emphasis*, **strong words**, `inline code`, a "
        f"[relative link](/topics/{n % 97}/{{k}}) and an [absolute one](https://other.example/"
        f"{n}/{{k}}), with enough ordinary words around them to read like prose in a story.\n\n"
    )
    return (
        f"## Section of article {n}\n\n"
        + "".join(paragraph.format(k=k) for k in range(8))
        + f'![Figure {n}](images/{n}.jpg "Figure")\n\n'
        + "| quarter | value |\n|---|---:|\n| Q1 | 12 |\n| Q2 | 17 |\n\n"
        + "```python\nfor row in rows:\n    print(row)\n```\n\n> A quoted line.\n"
    )


def setup_bodies(kind: str) -> None:
    """Fill the pool: Markdown (``kind == "markdown"``) or its rendered, sanitised HTML."""
    global BODY_FORMAT
    from convert.content import article_html

    BODY_FORMAT = "markdown" if kind == "markdown" else "html"
    BODIES[:] = [markdown_body(n) for n in range(POOL)]
    if kind == "html":
        base = "https://news.example.com/0/article-{}"
        BODIES[:] = [article_html(b, "markdown", base.format(n)) for n, b in enumerate(BODIES)]


def records(count: int) -> Iterator[Any]:
    from convert.record import Record, Source

    for n in range(count):
        body = BODIES[n % POOL] if BODIES else ""
        yield Record(meta(n, count), body, Source(f"posts/{n}.md", "yaml"), BODY_FORMAT)


def run_ours(count: int, out_path: str) -> None:
    from convert.converters.feeds.rss import RssConverter

    with open(out_path, "wb") as out:  # noqa: PTH123
        RssConverter().write(
            records(count),
            out,
            feed_title="Bench",
            feed_link="https://news.example.com/",
            feed_url="https://news.example.com/feed.xml",
        )


def run_feedgen(count: int, out_path: str) -> None:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.load_extension("media")
    fg.title("Bench")
    fg.link(href="https://news.example.com/", rel="alternate")
    fg.link(href="https://news.example.com/feed.xml", rel="self")
    fg.description("Bench")
    items = sorted(
        ({**r.meta, "body": r.body} for r in records(count)),
        key=lambda m: m["publishedDateTime"],
        reverse=True,
    )
    for m in items:
        entry = fg.add_entry(order="append")
        entry.title(m["title"])
        entry.link(href=m["webUrl"])
        entry.description(m["excerpt"])
        if m["body"]:
            entry.content(m["body"])
        entry.guid(m["webUrl"], permalink=False)
        entry.pubDate(datetime.fromisoformat(m["publishedDateTime"]))
        entry.dc.dc_creator(m["provider"]["name"])
        entry.category([{"term": t} for t in [*m["topics"], m["category"]]])
        image = m["images"][0]
        entry.media.content(
            {
                "url": image["url"],
                "medium": "image",
                "width": str(image["width"]),
                "height": str(image["height"]),
            }
        )
    fg.rss_file(out_path)


def run_generate(count: int, out_path: str) -> None:
    for _ in records(count):
        pass


def run_render(count: int, out_path: str) -> None:
    """Render and sanitise the pool's Markdown (the cost kept off the writers' clocks)."""
    from convert.content import article_html

    with open(out_path, "w", encoding="utf-8") as out:  # noqa: PTH123
        for n, body in enumerate(BODIES[:count]):
            out.write(article_html(body, "markdown", f"https://news.example.com/0/article-{n}"))


def _passthrough(
    body: str,
    body_format: str,
    base: str | None,
    *,
    templates: bool | str = False,
    links: Mapping[str, str] | None = None,
) -> str:
    return body


RUNNERS = {
    "ours": run_ours,
    "ours-full": run_ours,
    "feedgen": run_feedgen,
    "generate": run_generate,
    "render": run_render,
}


def use_tree(tree: str) -> None:
    """Import ``convert`` from the checkout at ``tree``, not from the installed one."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, tree)


def child(name: str, count: int, bodies: bool, tree: str | None = None) -> None:
    clock = time.perf_counter
    if tree is not None:
        use_tree(tree)
        clock = time.process_time
    if bodies:
        setup_bodies("markdown" if name in ("ours-full", "render") else "html")
        if name == "ours":
            from convert.converters.feeds import items as feed_items

            feed_items.article_html = _passthrough  # type: ignore[attr-defined]  # the bodies are rendered and sanitised already
    with tempfile.TemporaryDirectory() as folder:
        out_path = os.path.join(folder, "feed.xml")  # noqa: PTH118
        begin = clock()
        RUNNERS[name](count, out_path)
        seconds = clock() - begin
        if tree is not None:
            import convert

            assert convert.__file__ is not None and convert.__file__.startswith(tree)
        size = os.path.getsize(out_path) if os.path.exists(out_path) else 0  # noqa: PTH110, PTH202
    print(json.dumps({"seconds": seconds, "bytes": size}))


def measure(
    name: str, count: int, bodies: bool = False, tree: str | None = None
) -> dict[str, float]:
    """One run in its own process: its time, output size and peak RSS (its own, via wait4).

    With ``tree``, the run imports ``convert`` from that checkout and is timed in CPU seconds.
    """
    command = [sys.executable, __file__, "--child", name, str(count)]
    if tree is not None:
        command += ["--tree", tree]
    with subprocess.Popen(
        command + (["--bodies"] if bodies else []), stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        output = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{name} {count} failed with status {proc.returncode}")
    result: dict[str, float] = json.loads(output)
    result["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def compare(against: str, sizes: list[int], repeat: int, bodies: bool) -> None:
    """Our writer in this tree and in ``against``, in pairs of alternating runs."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # noqa: PTH100, PTH120
    for n in sizes:
        times: dict[str, list[float]] = {here: [], against: []}
        for round_ in range(repeat):
            for tree in (here, against) if round_ % 2 == 0 else (against, here):
                times[tree].append(measure("ours", n, bodies, tree)["seconds"])
        ratios = sorted(new / old for new, old in zip(times[here], times[against], strict=True))
        ours, theirs = min(times[here]), min(times[against])
        print(
            f"{n:,} records: CPU s this tree {ours:.2f}, other {theirs:.2f} (fastest of {repeat});"
            f" ratio of fastest {ours / theirs:.3f}, median pair {statistics.median(ratios):.3f},"
            " pairs " + " ".join(f"{r:.3f}" for r in ratios),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000 run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest is kept")
    parser.add_argument("--bodies", action="store_true", help="2 KB Markdown bodies")
    parser.add_argument("--against", metavar="TREE", help="compare with another checkout")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.bodies, args.tree)
        return
    if args.against:
        compare(os.path.abspath(args.against), args.sizes, args.repeat, args.bodies)  # noqa: PTH100
        return
    names = ["generate", "ours", "feedgen"]
    plan = [(name, n) for n in args.sizes for name in names]
    # The full pipeline renders every body (a millisecond each here): 10,000 at most.
    plan += [("ours-full", n) for n in args.sizes if args.bodies and n <= 10_000]
    if not args.no_million:
        plan += [("generate", 1_000_000), ("ours", 1_000_000)]
    if args.bodies:
        render = measure("render", POOL, bodies=True)
        per_doc = render["seconds"] / POOL
        print(
            f"render (Markdown -> sanitised HTML): {POOL / render['seconds']:,.0f} documents/s, "
            f"{per_doc * 1e6:.0f} us each: "
            + ", ".join(f"{n:,} records {per_doc * n:.1f} s" for n in args.sizes)
        )
    print(
        f"{'run':<10}{'records':>10}{'seconds':>10}{'net s':>8}{'peak MiB':>10}{'output MiB':>12}"
    )
    runs: dict[tuple[str, int], list[dict[str, float]]] = {step: [] for step in plan}
    for round_ in range(args.repeat):  # interleaved, so a busy spell hits every run alike
        for name, n in plan:
            if round_ == 0 or n < 1_000_000:
                runs[name, n].append(measure(name, n, args.bodies))
    results: dict[tuple[str, int], dict[str, float]] = {}
    for name, n in plan:
        r = results[name, n] = min(runs[name, n], key=lambda run: run["seconds"])
        r["peak_mib"] = max(run["peak_mib"] for run in runs[name, n])
        net = r["seconds"] - results["generate", n]["seconds"] if name != "generate" else 0.0
        print(
            f"{name:<10}{n:>10,}{r['seconds']:>10.2f}{net:>8.2f}{r['peak_mib']:>10.1f}"
            f"{r['bytes'] / 2**20:>12.1f}",
            flush=True,
        )
    for n in args.sizes:
        ours, theirs, gen = results["ours", n], results["feedgen", n], results["generate", n]
        print(
            f"{n:,} records: ours {theirs['seconds'] / ours['seconds']:.1f}x faster "
            f"({(theirs['seconds'] - gen['seconds']) / (ours['seconds'] - gen['seconds']):.1f}x "
            f"net of generating the records), "
            f"{theirs['peak_mib'] / ours['peak_mib']:.1f}x less peak memory than feedgen"
        )
        if ("ours-full", n) in results:
            full = results["ours-full", n]
            print(
                f"{n:,} records, Markdown in (rendering inside our clock only): "
                f"ours {full['seconds']:.2f} s against feedgen's {theirs['seconds']:.2f} s "
                "without rendering"
            )


if __name__ == "__main__":
    main()
