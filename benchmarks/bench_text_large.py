"""Time and peak memory of clean_text on one huge page, at growing sizes: both must grow
linearly, memory at most about 5x the input (the reliability issue's 200 MB record).

    .venv/bin/python benchmarks/bench_text_large.py [--mb 25 50 100 200] [--kind text|markdown|html]
    .venv/bin/python benchmarks/bench_text_large.py --nested div|ul|quote|bold \
        [--levels 20000 40000]

Each size runs in a fresh process, so its peak resident size (ru_maxrss) is its own; the
figures printed are seconds per MB and the peak growth from building the page on (the page
itself included) over the page's size: the first stays flat as the size doubles, the second
falls towards what one more MB costs. The page repeats a short block of menu lines
and two paragraphs of prose, so the classifier has both to judge.

``--nested`` times an HTML page of elements opened one inside the other and never closed,
``--levels`` deep: an HTML5 tree builder's time grows with the square of the depth unless the
markup is flattened first (convert/text/depth.py). ``bold`` opens a paragraph and a bold element
with an id of its own at each level instead: each paragraph reopens every bold element left
open before it, a tree growing with the square of the page unless their number is capped. The
peak resident size is printed with the time.
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

NESTED = {
    "div": "<div>Level text. ",
    "ul": "<ul><li>Level text. ",
    "quote": "<blockquote><p>Level text. ",
    "bold": "<p><b id=b{n}>Level text. ",
}


def measure_nested(unit: str, levels: int) -> dict[str, float]:
    """Clean one page of ``levels`` unclosed elements (each with a little text) in this process."""
    from convert.text import clean_text

    level = NESTED[unit]
    levels_markup = (
        (level.format(n=n) for n in range(levels)) if "{n}" in level else [level] * levels
    )
    page = "".join(["<html><body>", *levels_markup, "</body></html>"])
    start = time.perf_counter()
    out = clean_text(page, kind="html", extractor="builtin")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "mb": len(page) / 1e6,
        "seconds": seconds,
        "kept": out.count("Level text."),
        "peak_mb": peak / 1e6,
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
    ap.add_argument("--nested", choices=sorted(NESTED), help="a page nested --levels deep")
    ap.add_argument("--levels", type=int, nargs="+", default=[20_000, 40_000])
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        found = measure(args.kind, args.mb[0]) if args.nested is None else (
            measure_nested(args.nested, args.levels[0])
        )  # fmt: skip
        print(json.dumps(found))
        return
    if args.nested is not None:
        for levels in args.levels:
            cmd = [sys.executable, __file__, "--child", "--nested", args.nested, "--levels"]
            run = subprocess.run([*cmd, str(levels)], check=True, capture_output=True)
            got = json.loads(run.stdout)
            print(
                f"nested={args.nested} levels={levels} input_MB={got['mb']:.2f} "
                f"seconds={got['seconds']:.2f} peak_MB={got['peak_mb']:.0f} "
                f"levels_kept={got['kept']}"
            )
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
