"""Score clean_text on labelled pages from other extractors' test sets, beside its own eval set.

    python tools/score_other_pages.py [--cache DIR] [--readability CHECKOUT] [--only unspaced]

The pages of ``text-eval`` are mostly German and English; the test pages of newspaper4k (30
pages in a dozen languages, each with the article text it expects) and, given a checkout of
mozilla/readability, its ``test/test-pages`` (the source page and the article HTML it
expects) show how the cleaning carries to other languages and sites. newspaper4k's are read
from its source release on PyPI (downloaded once into ``--cache``, its digest checked).

Each page's body (the cleaned text less its title) is scored against the reference by the F1
of their tokens: words for scripts written with spaces, single characters for Chinese,
Japanese and Thai, so a page in those is not scored by whole clauses. The references are what
the other project's extractor gave (readability's keep some furniture, such as a page's
breadcrumbs), so they show large failures rather than fine differences. Prints each page and
the mean by group: "unspaced" (pages whose reference is mostly Chinese or Japanese) and
"spaced"; with trafilatura installed (the ``html`` extra), the default extractor's figures too.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tarfile
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from convert.text import clean_text
from convert.text.pipeline import Extractor
from convert.text.traf import available as trafilatura_available

NEWSPAPER = (
    "https://files.pythonhosted.org/packages/b6/20/"
    "733d9dd3adfb6295454e6ba81f6407d96bf66bfda36c75c99b1f99accbf0/newspaper4k-0.9.6.tar.gz"
)
NEWSPAPER_SHA256 = "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CHARS = re.compile(f"[{_UNSPACED}]")
_WORD = re.compile(r"\w+")
_BLOCKS = "p div li h1 h2 h3 h4 h5 h6 br tr blockquote pre figcaption dd dt section article"


def tokens(text: str) -> Counter[str]:
    """Words, and each character of a word in a script written without spaces."""
    found: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        if _CHARS.search(word):
            found.update(word)
        else:
            found[word] += 1
    return found


def f1(got: str, expected: str) -> float:
    ours, theirs = tokens(got), tokens(expected)
    common = sum((ours & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ours.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def unspaced(text: str) -> bool:
    """Whether most of the text's word characters are Chinese, Japanese or Thai."""
    letters = sum(len(word) for word in _WORD.findall(text))
    return letters > 0 and len(_CHARS.findall(text)) > letters / 2


def _newspaper(cache: Path) -> Iterator[tuple[str, bytes, str]]:
    archive = cache / NEWSPAPER.rsplit("/", 1)[1]
    if not archive.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(NEWSPAPER, timeout=120) as response:
            data = response.read()
        if hashlib.sha256(data).hexdigest() != NEWSPAPER_SHA256:
            raise SystemExit(f"{NEWSPAPER}: not the release whose digest is known")
        archive.write_bytes(data)
    with tarfile.open(archive) as tar:
        members = {member.name: member for member in tar.getmembers()}
        for name in sorted(members):
            match = re.fullmatch(r"[^/]+/tests/data/html/([^/]+)\.html", name)
            text = match and members.get(f"{name.split('/')[0]}/tests/data/txt/{match[1]}.txt")
            if match and text:
                page, reference = tar.extractfile(members[name]), tar.extractfile(text)
                if page is not None and reference is not None:
                    expected = reference.read().decode("utf-8", "replace")
                    yield f"newspaper4k/{match[1]}", page.read(), expected


def _text_of(fragment: bytes) -> str:
    """The text of readability's article HTML (UTF-8, declared or not), a line per block."""
    tree = lxml_html.fromstring(fragment.decode("utf-8", "replace"))
    for element in tree.iter(*_BLOCKS.split()):
        element.tail = "\n" + (element.tail or "")
    return "".join(str(piece) for piece in tree.itertext())


def _readability(checkout: Path) -> Iterator[tuple[str, bytes, str]]:
    for folder in sorted((checkout / "test" / "test-pages").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if source.exists() and expected.exists() and expected.stat().st_size > 0:
            yield f"readability/{folder.name}", source.read_bytes(), _text_of(expected.read_bytes())


def _body(cleaned: str) -> str:
    return cleaned.split("\n\n", 1)[1] if "\n\n" in cleaned else cleaned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "article-convert")
    parser.add_argument("--readability", type=Path, help="a checkout of mozilla/readability")
    parser.add_argument("--only", choices=("unspaced", "spaced"))
    args = parser.parse_args()
    pages = list(_newspaper(args.cache))
    if args.readability is not None:
        pages += _readability(args.readability)
    extractors: list[Extractor] = ["builtin"]
    if trafilatura_available():
        extractors.append("trafilatura")
    scores: dict[tuple[str, str], list[float]] = {}
    for name, page, expected in pages:
        group = "unspaced" if unspaced(expected) else "spaced"
        if args.only and group != args.only:
            continue
        row = []
        for extractor in extractors:
            score = f1(_body(clean_text(page, kind="html", extractor=extractor)), expected)
            scores.setdefault((group, extractor), []).append(score)
            row.append(f"{extractor}={score:.3f}")
        print(f"{name:50s} {group:9s} {' '.join(row)}")
    for (group, name), found in sorted(scores.items()):
        mean = sum(found) / len(found)
        print(f"mean {group:9s} {name:12s} pages={len(found):3d} F1={mean:.3f}")


if __name__ == "__main__":
    main()
