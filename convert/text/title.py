"""The title of a page that has no front matter, found among its lines.

A page states its title just above the article, usually as a short line without a closing
full stop, and often twice (a sticky header or breadcrumb and the heading itself). So the
candidates are the heading-like lines shortly before the first kept line; a candidate the
page repeats wins, else the nearest one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

LOOK_BACK = 8  # non-blank lines above the first kept line that may hold the title
_PROSE_END = re.compile(r"[.,;:]$")


def _heading_like(text: str, words: int) -> bool:
    letters = sum(map(str.isalpha, text))
    return (
        2 <= words <= 25
        and len(text) <= 200
        and letters >= 0.6 * len(text.replace(" ", ""))
        and not _PROSE_END.search(text)
        and not text[:1].islower()
        and "©" not in text
        and "|" not in text
    )


def infer_title(
    texts: Sequence[str], words: Sequence[int] | NDArray[np.int64], keep: Sequence[bool]
) -> str | None:
    """The likely title, or None when nothing above the article looks like one.

    Candidates are heading-like lines among the LOOK_BACK lines above the first kept line (and
    that line itself). Each scores its length in words (titles are longer than bylines and
    section labels), less its distance from the article, plus a bonus when the page repeats it.
    """
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return None
    best: tuple[float, str] | None = None
    for i in range(first, max(first - 1 - LOOK_BACK, -1), -1):
        text, count = texts[i], int(words[i])
        if count < 3 or not _heading_like(text, count):
            continue
        repeated = 6.0 if texts.count(text) > 1 else 0.0
        score = min(count, 15) - 1.5 * (first - i) + repeated
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best is not None and best[0] > 0 else None
