"""What a site profile costs: Jekyll posts loaded, then loaded and mapped by the jekyll
profile, paired runs in one process (CPU time).

    python benchmarks/bench_profiles.py --count 5000 --repeat 3

The posts are generated into a temporary folder (front matter as Jekyll writes it, a date in
the file name, two paragraphs). Each repeat times both runs back to back; the figure is the
median ratio, so the machine's drift cancels out. Loading is what every command pays per
file; the profile's mapping comes on top of it, before validation or conversion.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

POST = """---
layout: post
title: "Post number {n}: ünïcode and more"
date: 2024-{month:02d}-{day:02d} 10:{minute:02d}:00 +0200
categories: news update
tags: [alpha, beta, gamma]
author: Writer {n}
---
The first paragraph of post {n}, with a [link](https://example.com/{n}).

The second paragraph.
"""


def generate(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        month, day, minute = n % 12 + 1, n % 28 + 1, n % 60
        path = folder / f"2024-{month:02d}-{day:02d}-post-{n}.md"
        path.write_text(POST.format(n=n, month=month, day=day, minute=minute), "utf-8")
        paths.append(path)
    return paths


def run(paths: list[Path], profile: str | None) -> float:
    """CPU seconds to load every post, and map it when ``profile`` is given."""
    from convert.loading import load
    from convert.profiles import ProfileOptions
    from convert.profiles.mapping import Mapper

    mapper = (
        Mapper(ProfileOptions(profile, base_url="https://blog.example.org")) if profile else None
    )
    start = time.process_time()
    for path in paths:
        record = load(path)
        if mapper is not None:
            mapper.apply(record)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = generate(Path(folder), args.count)
        run(paths[:50], "jekyll")  # imports out of the timing
        pairs = [(run(paths, None), run(paths, "jekyll")) for _ in range(args.repeat)]
    ratio = statistics.median(m / p for p, m in pairs)
    extra = statistics.median(m - p for p, m in pairs) / args.count * 1e6
    plain = statistics.median(p for p, _ in pairs)
    print(
        f"{args.count} posts: loading {plain:.2f} s CPU; loading + --profile jekyll "
        f"{ratio:.2f}x that; the profile costs {extra:.0f} us per post"
    )


if __name__ == "__main__":
    main()
