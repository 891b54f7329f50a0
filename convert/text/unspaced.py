"""Chinese and Japanese lines as the line features read a language written with spaces.

The features count words as runs of word characters and know a sentence by its ``.``, ``!``
or ``?``. Chinese and Japanese put no space between words and end sentences with their own
marks (``。`` ``！`` ``？``), so a whole clause read as one word and no line ended a sentence:
a page of prose looked like a menu of one-word links, and the classifier kept its title alone.
For the features only (the text kept is the page's own), such a page's lines are read with
their runs of ideographs and kana cut into words of :data:`CHARS_PER_WORD` characters and
their full-width punctuation as its ASCII counterpart. Korean is written with spaces and is
read as it is.
"""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import NDArray

# Hiragana, katakana (with its phonetic extensions and the half-width forms), the CJK
# ideographs (the unified block, extension A, the compatibility block, and the planes of the
# later extensions).
_LETTERS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
_FIRST = 0x3040  # no letter of the runs is below it: a page whose code points all are skips
CHARS_PER_WORD = 2
_SCRIPT = re.compile(f"[{_LETTERS}]{{2}}")  # a run worth cutting
_CUT = re.compile(f"[{_LETTERS}]{{{CHARS_PER_WORD}}}(?=[{_LETTERS}])")
# The sentence and clause marks of both languages as the features know them: the full stops,
# the full-width ! ? , : ; and the ideographic comma, the corner quotes and the brackets.
_MARKS = str.maketrans(
    {
        "。": ".", "｡": ".", "．": ".", "！": "!", "？": "?", "，": ",", "、": ",", "､": ",",
        "：": ":", "；": ";", "「": '"', "」": '"', "『": '"', "』": '"', "｢": '"', "｣": '"',
        "（": "(", "）": ")", "【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]",
        "《": "(", "》": ")", "〈": "(", "〉": ")",
    }
)  # fmt: skip


def has_unspaced(page: str, points: NDArray[np.uint32]) -> bool:
    """Whether ``page`` (its code points ``points``) holds two ideographs or kana in a row."""
    return (
        bool(points.size)
        and int(np.maximum.reduce(points)) >= _FIRST
        and bool(_SCRIPT.search(page))
    )


def spaced(line: str) -> str:
    """``line`` as the features read it: its runs of ideographs and kana cut into words of
    CHARS_PER_WORD characters (the last may be shorter), its punctuation in ASCII."""
    return _CUT.sub(r"\g<0> ", line.translate(_MARKS))
