"""Time and peak memory of clean_text on one huge page, at growing sizes: both must grow
linearly, memory at most about 5x the input (the reliability issue's 200 MB record).

    .venv/bin/python benchmarks/bench_text_large.py [--mb 25 50 100 200] [--kind text|markdown|html]

Each size runs in a fresh process, so its peak resident size (ru_maxrss) is its own; the
figures printed are seconds per MB and the peak growth from building the page on (the page
itself included) over the page's size: the first stays flat as the size doubles, the second
falls towards what one more MB costs. The page repeats a short block of menu lines
and two paragraphs of prose, so the classifier has both to judge.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

PROSE = (
    "The city council voted on Tuesday to close the old bridge for repairs, which will take "
    "most of the coming year and cost more than the council had planned."
)
UNITS = {
    "text": f"Home\nNews\nSport\n\n{PROSE}\n\n{PROSE}\nShare this\n\n",
    "markdown": f"## A heading\n\n{PROSE} [A link](https://example.org/x) and *more*.\n\n",
    "html": f"<p>{PROSE}</p><ul><li><a href='/'>Home</a></li><li>News</li></ul>\n",
}


def measure(kind: str, mb: float) -> dict[str, float]:
    """Clean one page of about ``mb`` MB in this process; seconds and memory over the input."""
    from convert.text import clean_text

    clean_text(UNITS[kind], kind=kind, extractor="builtin")  # type: ignore[arg-type]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    unit = UNITS[kind]
    wrap = ("<html><body>", "</body></html>") if kind == "html" else ("", "")
    # One allocation for the page: concatenating would hold two copies at once.
    page = "".join([wrap[0], *[unit] * int(mb * 1e6 / len(unit)), wrap[1]])
    start = time.perf_counter()
    out = clean_text(page, kind=kind, extractor="builtin")  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    size = len(page.encode())
    return {"mb": size / 1e6, "seconds": seconds, "extra": (peak - before) / size,
            "out_mb": len(out) / 1e6}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, nargs="+", default=[25, 50, 100])
    ap.add_argument("--kind", choices=sorted(UNITS), default="text")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.kind, args.mb[0])))
        return
    for mb in args.mb:
        cmd = [sys.executable, __file__, "--child", "--kind", args.kind, "--mb", str(mb)]
        got = json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)
        print(
            f"kind={args.kind} input_MB={got['mb']:.0f} seconds={got['seconds']:.1f} "
            f"s_per_MB={got['seconds'] / got['mb']:.3f} "
            f"peak_with_input={got['extra']:.2f}x output_MB={got['out_mb']:.0f}"
        )


if __name__ == "__main__":
    main()
