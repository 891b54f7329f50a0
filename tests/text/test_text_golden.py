"""Golden files: the cleaned text of the seed records, reviewed by eye when written.

Regenerate with ``ARTCONV_REGEN=1 pytest tests/text/test_text_golden.py`` and review the diff:
a golden file is only as good as the look someone gave it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from convert.converters.text_ import TextConverter
from convert.loading import load

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "text"
SEEDS = ["000_007fd1d52a2fa7d2.txt", "002_ef0a5ca32cdf259f.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_matches_golden(name: str) -> None:
    out = io.BytesIO()
    TextConverter().write([load(ROOT / "examples" / name)], out)
    golden = GOLDEN / name
    if os.environ.get("ARTCONV_REGEN"):
        golden.write_bytes(out.getvalue())
    assert out.getvalue().decode("utf-8") == golden.read_text(encoding="utf-8")


def test_scraped_seed_has_title_once_and_no_boilerplate() -> None:
    text = (GOLDEN / "002_ef0a5ca32cdf259f.txt").read_text(encoding="utf-8")
    title = "Report: Amazon Pays People to Listen In On What Users Tell Alexa"
    assert text.startswith(title + "\n\n") and text.count(title) == 1
    for furniture in ("Now Reading", "Leave a Reply", "©", "Scroll To Top", "View Comments"):
        assert furniture not in text
    for paragraph in ("According to a new report", "The workers reportedly", "protect it.”"):
        assert paragraph in text


def test_scraped_seed_has_no_subscription_notice() -> None:
    """The notice trails the copyright line and the last long paragraph: layout features
    (after_copyright, after_last_prose) drop it without any phrase list."""
    text = (GOLDEN / "002_ef0a5ca32cdf259f.txt").read_text(encoding="utf-8")
    assert "premium ad-free experience" not in text
    assert "Plans start as low as" not in text


def test_front_matter_seed_is_title_and_marked_excerpt() -> None:
    text = (GOLDEN / "000_007fd1d52a2fa7d2.txt").read_text(encoding="utf-8")
    title, excerpt = text.rstrip("\n").split("\n\n")
    assert title == "Facebook will now pay you for your voice recordings"
    assert excerpt.endswith("speech recognition systems…")
