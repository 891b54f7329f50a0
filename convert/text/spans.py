"""Template tags and comments taken out of text in one linear pass.

Site generators' sources hold template tags (Liquid's and Tera's ``{% ... %}`` and
``{{ ... }}``, Hugo's shortcodes ``{{< ... >}}`` and ``{{% ... %}}``) that the built page
never shows as they are written; a record's cleaned text and a profile's excerpt leave them
out.
"""

from __future__ import annotations

TEMPLATE_TAGS = (("{%", "%}"), ("{{", "}}"))
COMMENTS = (("<!--", "-->"),)


def drop_spans(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` without each span from an opener to the nearest closer after it, leftmost
    first, as the lazy regexes ``{%.*?%}``, ``{{.*?}}`` and ``<!--.*?-->`` took them, in linear
    time.

    The regex looked for a closer from every opener again, to the end of the text each time one
    was missing (a body of 50,000 unclosed ``{%`` took a minute); here an opener that finds no
    closer ends its kind, as no later opener of that kind can find one either.
    """
    closers = dict(pairs)
    ahead = {opener: text.find(opener) for opener in closers}  # the next opener of each kind
    ahead = {opener: at for opener, at in ahead.items() if at >= 0}
    kept: list[str] = []
    start = 0
    while ahead:
        opener = min(ahead, key=ahead.__getitem__)
        at = ahead[opener]
        end = text.find(closers[opener], at + len(opener))
        if end < 0:
            del ahead[opener]
            continue
        kept.append(text[start:at])
        start = end + len(closers[opener])
        for other, position in list(ahead.items()):  # openers inside the span are not openers
            if position < start:
                found = text.find(other, start)
                if found < 0:
                    del ahead[other]
                else:
                    ahead[other] = found
    kept.append(text[start:])
    return "".join(kept)
