"""Feed HTML reshaped where Markdown cannot say what the HTML says as it is written.

Two shapes are common in real feeds:

- An inline element around blocks: Eleventy strikes a finished task list through with
  ``<s><ul>...</ul></s>``, and WordPress posts wrap paragraphs in ``<strong>`` or ``<em>``.
  Markdown emphasis lives inside one block, so markdownify wrote ``~~- item`` and the list
  broke at its first item. The element is moved inside each block it held, around the text
  of each (``<ul><li><s>item</s></li></ul>``), which says the same and converts.
- A task list's check box, ``<input type="checkbox" checked>``, which the sanitiser drops
  with every form control: it becomes a mark that the Markdown writes as ``[x]`` or ``[ ]``
  (GitHub's task list syntax) at the start of its list item.
"""

from __future__ import annotations

from typing import Any

from convert.importers.escaping import CHECKED, UNCHECKED

_INLINE = frozenset(
    {"s", "strike", "del", "em", "i", "strong", "b", "u", "ins", "mark", "small", "sub", "sup"}
)
_BLOCKS = frozenset(
    {
        "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure",
        "figcaption", "hr", "dl", "dt", "dd", "section", "article", "header", "footer",
        "aside", "nav", "main", "address",
    }
)  # fmt: skip
# Blocks whose direct content is other blocks only: text between their children is layout.
_HOLDERS = frozenset({"ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "dl"})


def ready_for_markdown(text: str) -> str:
    """``text`` with inline elements moved inside the blocks they wrap and check boxes as
    marks (unchanged when it has neither)."""
    lowered = text.lower()
    boxes = "checkbox" in lowered
    if not boxes and not any(f"<{tag}" in lowered for tag in _INLINE):
        return text
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return text
    changed = False
    if boxes:
        for box in list(root.iter("input")):
            if (box.get("type") or "").strip().lower() == "checkbox":
                mark = CHECKED if box.get("checked") is not None else UNCHECKED
                _replace_with_text(box, mark)
                changed = True
    for wrapper in list(root.iter(*_INLINE)):
        if any(child.tag in _BLOCKS for child in wrapper.iterdescendants()):
            _push_inside(wrapper)
            changed = True
    if not changed:
        return text
    inner = str(lxml_html.tostring(root, encoding="unicode", method="html"))
    return inner[len("<div>") : -len("</div>")]


def _replace_with_text(element: Any, text: str) -> None:
    """``element`` replaced by ``text`` (its tail kept)."""
    parent = element.getparent()
    tail = text + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _push_inside(wrapper: Any) -> None:
    """``wrapper``'s formatting applied to each run of inline content inside it, block by
    block, and ``wrapper`` itself dropped (its content stays where it was)."""
    _wrap_runs(wrapper, wrapper.tag)
    wrapper.drop_tag()


def _is_block(element: Any) -> bool:
    if element.tag in _BLOCKS:
        return True
    return element.tag in _INLINE and any(c.tag in _BLOCKS for c in element.iterdescendants())


def _wrap_runs(container: Any, tag: str) -> None:
    """Each run of inline content directly in ``container`` wrapped in a new ``tag``; the
    blocks in it treated the same way (code blocks and rules left as they are)."""
    from lxml import etree

    children = list(container)
    if container.tag not in _HOLDERS:
        # runs: the container's text and the inline children (with the tails between them)
        runs: list[list[Any]] = [[]]
        for child in children:
            if _is_block(child):
                runs.append([])
            else:
                runs[-1].append(child)
        leading = container.text
        first = runs[0]
        if (leading and leading.strip()) or first:
            holder = etree.Element(tag)
            holder.text, container.text = leading, None
            for child in first:
                holder.append(child)  # moves it, with its tail
            container.insert(0, holder)
            _move_tail_out(holder)
        for block in [c for c in children if _is_block(c)]:
            run = runs.pop(1) if len(runs) > 1 else []
            tail = block.tail
            if (tail and tail.strip()) or run:
                holder = etree.Element(tag)
                holder.text, block.tail = tail, None
                for child in run:
                    holder.append(child)
                block.addnext(holder)
                _move_tail_out(holder)
    for child in children:
        if _is_block(child) and child.tag not in ("pre", "hr"):
            _wrap_runs(child, tag)


def _move_tail_out(holder: Any) -> None:
    """Trailing white space of the last child inside ``holder`` moved after it, so that
    ``<s>item </s>`` does not become ``~~item ~~``."""
    last = holder[-1] if len(holder) else None
    text = (last.tail if last is not None else holder.text) or ""
    stripped = text.rstrip()
    if stripped == text:
        return
    if last is not None:
        last.tail = stripped
    else:
        holder.text = stripped
    holder.tail = text[len(stripped) :] + (holder.tail or "")
