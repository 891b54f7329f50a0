"""The title of a page that has no front matter, found among its lines.

A page states its title just above the article, usually as a short line without a closing
full stop, and often twice (a sticky header or breadcrumb and the heading itself). So the
candidates are the heading-like lines shortly before the first kept line; a candidate the
page repeats wins, else the nearest one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from convert.text.features import Line

LOOK_BACK = 8  # non-blank lines above the first kept line that may hold the title
_PROSE_END = re.compile(r"[.,;:]$")


def _heading_like(line: Line) -> bool:
    text = line.text
    return (
        2 <= line.words <= 25
        and len(text) <= 200
        and not _PROSE_END.search(text)
        and not text[:1].islower()
        and "©" not in text
        and "|" not in text
    )


def infer_title(lines: Sequence[Line], keep: Sequence[bool]) -> str | None:
    """The likely title, or None when nothing above the article looks like one."""
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return None
    counts = Counter(line.text for line in lines)
    window = range(first - 1, max(first - 1 - LOOK_BACK, -1), -1)
    candidates = [i for i in window if _heading_like(lines[i])]
    if _heading_like(lines[first]) and not _PROSE_END.search(lines[first].text):
        candidates.insert(0, first)  # the classifier kept the heading itself
    repeated = [i for i in candidates if counts[lines[i].text] > 1 and lines[i].words >= 3]
    if repeated:
        return lines[repeated[0]].text
    near = [i for i in candidates if i >= first - 3 and lines[i].words >= 3]
    return lines[near[0]].text if near else None
