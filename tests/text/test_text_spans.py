"""Template tags and comments go in one linear pass, as lazy regexes would take them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from convert.text.spans import COMMENTS, TEMPLATE_TAGS, drop_spans

_SPAN_TEXT = st.lists(
    st.sampled_from(["{", "}", "%", "<", "!", "-", ">", "x", "\n", "{%", "}}", "-->"]),
    max_size=20,
).map("".join)


@given(_SPAN_TEXT)
def test_template_tags_and_comments_go_as_the_lazy_regexes_took_them(text: str) -> None:
    tags = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "", text, flags=re.S)
    assert drop_spans(text, TEMPLATE_TAGS) == tags
    assert drop_spans(text, COMMENTS) == re.sub(r"<!--.*?-->", "", text, flags=re.S)
