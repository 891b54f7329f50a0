"""Links between the README and the pages under docs/ lead somewhere.

The README keeps each topic's summary and headline figures; the details live in docs/. A page
renamed or a heading reworded would leave a link that opens nothing, which no reader reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation gone, spaces as hyphens."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
    return {anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def local_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
    return [link for link in LINK.findall(text) if not re.match(r"[a-z]+:", link)]


def test_the_anchor_rule_matches_githubs() -> None:
    assert anchor("Site profiles: Jekyll, Hugo and Zola") == "site-profiles-jekyll-hugo-and-zola"
    assert anchor("What holds WCXB -> trafilatura under 0.92") == (
        "what-holds-wcxb---trafilatura-under-092"
    )


def test_docs_pages_exist_and_the_readme_leads_to_each() -> None:
    readme_links = {link.split("#")[0] for link in local_links(ROOT / "README.md")}
    pages = {f"docs/{page.name}" for page in PAGES[1:]}
    assert pages and pages <= readme_links


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_local_link_leads_to_a_file_and_heading(page: Path) -> None:
    broken = []
    for link in local_links(page):
        target, _, fragment = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        missing = not path.exists()
        if missing or (fragment and path.suffix == ".md" and fragment not in anchors(path)):
            broken.append(link)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_module_and_script_named_exists(page: Path) -> None:
    """Modules move as the code is reshaped; the pages that name them must follow."""
    named = set(
        re.findall(r"(?:convert|benchmarks|tools|tests)/[\w/]+\.py", page.read_text("utf-8"))
    )
    assert named and [path for path in sorted(named) if not (ROOT / path).exists()] == []
