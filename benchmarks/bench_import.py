"""How fast and how big ``artconv import`` runs on a large feed, against feedparser alone.

Writes a synthetic RSS 2.0 feed of N items (each with an HTML body of about 1 KB, an image and
two categories), then runs, each in its own process so that peak memory is its own:

- ``feedparser.parse`` on the bytes (the floor: the importer parses with it), and
- ``convert.import_feed`` over the same file (parse, map, Markdown, render, reload),
- ``artconv import`` into an empty folder (everything, files written atomically).

Usage: python benchmarks/bench_import.py [--items 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ITEM = (
    "<item><title>Story number {n} about the harbour</title>"
    "<link>https://news.example.com/{n}/story</link>"
    "<description>Summary of story {n}: ferries run again.</description>"
    "<content:encoded><![CDATA[<p>Paragraph <em>one</em> of story {n}. {filler}</p>"
    "<p>Paragraph two with a <a href='https://example.com/{n}'>link</a>.</p>"
    "<pre><code class='language-python'>print({n})</code></pre>]]></content:encoded>"
    "<category>Transport</category><category>Local</category>"
    "<pubDate>Sun, 15 Jan 2023 09:{m:02d}:00 +0200</pubDate>"
    "<media:content url='https://news.example.com/img/{n}.jpg' medium='image' width='800' "
    "height='600'/></item>\n"
)

PARSE = "import feedparser, sys; feedparser.parse(open(sys.argv[1], 'rb').read())"
LIBRARY = (
    "import sys; from convert import import_feed; "
    "sum(1 for _ in import_feed(sys.argv[1], max_bytes=1 << 31))"
)


def write_feed(path: Path, items: int) -> None:
    filler = "Words of the article go on for a while. " * 20
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
            "<title>Bench News</title><link>https://news.example.com/</link>\n"
        )
        for n in range(items):
            out.write(ITEM.format(n=n, m=n % 60, filler=filler))
        out.write("</channel></rss>\n")


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds of CPU, peak MiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    del wall
    return cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    artconv = str(Path(sys.executable).with_name("artconv"))
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.xml"
        write_feed(feed, args.items)
        size = feed.stat().st_size / 2**20
        print(f"{args.items} items, {size:.1f} MiB")
        runs = {
            "feedparser.parse alone": [sys.executable, "-c", PARSE, str(feed)],
            "convert.import_feed": [sys.executable, "-c", LIBRARY, str(feed)],
            "artconv import": [artconv, "import", str(feed), "-o", "", "--max-size", str(1 << 31)],
        }
        results: dict[str, tuple[float, float]] = {}
        for name, command in runs.items():
            best = None
            for attempt in range(args.repeat):
                if name == "artconv import":
                    command[4] = str(Path(folder) / f"out{attempt}")
                cpu, _ = measure(command)
                best = cpu if best is None else min(best, cpu)
            assert best is not None
            # Peak memory: one more run on its own, since ru_maxrss of children is a maximum.
            peak = _peak(command)
            results[name] = (best, peak)
        floor = results["feedparser.parse alone"][0]
        print(f"{'run':<26}{'CPU s':>8}{'x parse':>9}{'items/s':>9}{'peak MiB':>10}")
        for name, (cpu, peak) in results.items():
            print(f"{name:<26}{cpu:>8.2f}{cpu / floor:>9.2f}{args.items / cpu:>9.0f}{peak:>10.0f}")


def _peak(command: list[str]) -> float:
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=-3, "
        "stderr=-3); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    if command[1] == "import":
        command = [*command[:4], command[4] + "-peak", *command[5:]]
    out = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


if __name__ == "__main__":
    main()
