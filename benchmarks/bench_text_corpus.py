"""Memory of ``artconv convert PAGES/ --to text --jobs N`` over many pages, sampled as it runs.

    .venv/bin/python benchmarks/bench_text_corpus.py [EVALSET] [--pages 20000] [--html 1000]
        [--jobs 2] [--keep DIR]

Writes ``--pages`` page files into a temporary folder (copies of the labelled pages' text, the
last ``--html`` of them their HTML, decoded to UTF-8, each text copy with its number added so
no two are the same), converts the folder with the CLI and samples the resident memory of the
whole process tree (the command and its workers) every second from /proc. Prints the run's
seconds and the memory at points through the run: flat figures mean memory does not grow with
the number of pages.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from convert.text.decode import decode


def _tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MiB (Linux /proc)."""
    todo, seen, total = [pid], set(), 0
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
                0,
            )
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
            todo.extend(int(child) for child in children.split())
        except OSError:
            continue  # the process ended between two reads
    return total / 1024


def generate(evalset: Path, folder: Path, pages: int, html: int) -> None:
    """``pages`` page files in ``folder``, 1,000 to a sub-folder; the last ``html`` are HTML."""
    cases = sorted((evalset / "cases").iterdir())
    texts = [(case / "page.txt").read_text(encoding="utf-8") for case in cases]
    for i in range(pages - html):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        page = texts[i % len(texts)] + f"\n\nPage {i}.\n"
        (sub / f"p{i:06d}.txt").write_text(page, encoding="utf-8")
    sub = folder / "html"
    sub.mkdir(parents=True, exist_ok=True)
    for i in range(html):
        raw = gzip.decompress((cases[i % len(cases)] / "page.html.gz").read_bytes())
        (sub / f"h{i:06d}.html").write_text(decode(raw), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("evalset", nargs="?", default="../shared/text-eval")
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--html", type=int, default=1_000, help="how many of them are HTML")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="generate the pages here and keep them (default: a temp dir)")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="artconv-pages-"))
    try:
        pages, out = work / "pages", work / "out"
        generate(Path(args.evalset), pages, args.pages, min(args.html, args.pages))
        artconv = Path(sys.executable).with_name("artconv")
        cmd = [str(artconv), "convert", str(pages), "--to", "text", "-o", str(out)]
        cmd += ["--jobs", str(args.jobs)]
        start = time.monotonic()
        with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as run:
            samples: list[tuple[float, float]] = []
            while run.poll() is None:
                samples.append((time.monotonic() - start, _tree_rss_mib(run.pid)))
                time.sleep(1.0)
            errors = run.stderr.read().decode("utf-8", "replace") if run.stderr else ""
        written = sum(1 for path in out.rglob("*") if path.is_file())
        print(f"pages={args.pages} written={written} exit={run.returncode} jobs={args.jobs}")
        print(f"seconds={time.monotonic() - start:.0f}")
        for share in (0.1, 0.25, 0.5, 0.75, 0.95):
            at, mib = (
                samples[min(int(len(samples) * share), len(samples) - 1)] if samples else (0, 0)
            )
            print(f"  {share:4.0%} of the run (t={at:5.0f} s): {mib:7.1f} MiB")
        print(f"  peak: {max((mib for _, mib in samples), default=0.0):.1f} MiB")
        if run.returncode:
            print(errors[-2000:], file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
