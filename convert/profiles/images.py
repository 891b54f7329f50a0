"""A page's images as the article record's ``images``, from the shapes themes write.

Sites name a page's picture in many ways: Hugo's ``images: [a.png]``, a theme's
``image: cover.jpg`` or ``cover: {image: ..., alt: ...}``, Jekyll's ``image: {path: ...}`` or
Minimal Mistakes' ``header: {og_image: ...}``, Zola's ``[extra] image``. Each becomes
``{"url": ..., "title": ...}``. A relative path in a page bundle (``index.md`` with its files
beside it) is the bundle's own file, so it is joined to the page's link; any other relative
path is left for the feed to join to the site's address.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from convert.pointer import escape_token
from convert.profiles.paths import page_path
from convert.profiles.urls import quote_path

if TYPE_CHECKING:
    from convert.profiles.builder import Builder

URL_KEYS = ("url", "src", "path", "image", "file")
TITLE_KEYS = ("alt", "title", "caption")


def map_images(build: Builder, keys: tuple[str, ...]) -> None:
    """Put the first of ``keys`` that names any usable image into ``images``."""
    for key in keys:
        found = build.find(key)
        if found is None:
            continue
        pointer, value = found
        images: list[dict[str, Any]] = []
        for where, item in _entries(pointer, value):
            image = _image(where, item)
            if image is None:
                continue
            url_pointer, entry = image
            entry["url"] = _resolve(build, entry["url"])
            build.origins[f"/images/{len(images)}/url"] = build.origin(url_pointer)
            build.origins[f"/images/{len(images)}"] = build.origin(where)
            images.append(entry)
        if images:
            build.meta["images"] = images
            build.origins["/images"] = build.origin(pointer)
            return


def _entries(pointer: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield f"{pointer}/{index}", item
    else:
        yield pointer, value


def _image(pointer: str, item: Any) -> tuple[str, dict[str, Any]] | None:
    """``(pointer of the url, {"url", "title"?, "width"?, "height"?})``, or ``None``."""
    if isinstance(item, str):
        return (pointer, {"url": item.strip()}) if item.strip() else None
    if not isinstance(item, dict):
        return None
    for key in URL_KEYS:
        url = item.get(key)
        if isinstance(url, str) and url.strip():
            entry: dict[str, Any] = {"url": url.strip()}
            for name in TITLE_KEYS:
                title = item.get(name)
                if isinstance(title, str) and title.strip():
                    entry["title"] = title.strip()
                    break
            for size in ("width", "height"):
                number = item.get(size)
                if isinstance(number, int) and not isinstance(number, bool) and number >= 0:
                    entry[size] = number
            return f"{pointer}/{escape_token(key)}", entry
    return None


def _resolve(build: Builder, url: str) -> str:
    """A bundle's own file (a relative path in ``index.md``) as an address below the page."""
    link = build.meta.get("webUrl")
    relative = not url.startswith("/") and "://" not in url and not url.startswith("data:")
    if relative and isinstance(link, str) and (build.page or page_path(build.record.path)).bundle:
        return urljoin(link if link.endswith("/") else link + "/", quote_path(url))
    return url
