"""A page's images as the article record's ``images``, from the shapes themes write.

Sites name a page's picture in many ways: Hugo's ``images: [a.png]``, a theme's
``image: cover.jpg`` or ``cover: {image: ..., alt: ...}``, Jekyll's ``image: {path: ...}`` or
Minimal Mistakes' ``header: {og_image: ...}``, Zola's ``[extra] image``. Each becomes
``{"url": ..., "title": ...}``. A relative path in a page bundle (``index.md`` with its files
beside it) is the bundle's own file, so it is joined to the page's link. Any other path is
the site's: where the site's address is known (``--base-url``, else the site's
configuration) it is joined to it as the generator's templates join it, so that every output
(a feed, JSON) carries the address readers open. Jekyll's ``absolute_url`` and Zola's
``get_url`` put even ``/img/a.png`` below the whole address, ``baseurl`` included; Hugo's
``absURL`` puts it below the host alone (``/sub/`` dropped). A feed's plain URL join cannot
know which, so the profile joins them; one it cannot join is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from convert.pointer import escape_token
from convert.profiles.paths import page_path
from convert.profiles.urls import join_url, quote_path

if TYPE_CHECKING:
    from convert.profiles.builder import Builder

URL_KEYS = ("url", "src", "path", "image", "file")
TITLE_KEYS = ("alt", "title", "caption")


def map_images(build: Builder, keys: tuple[str, ...], *, from_host: bool = False) -> None:
    """Put the first of ``keys`` that names any usable image into ``images``; ``from_host``:
    a path starting with ``/`` is below the site's host, not its whole address (Hugo's)."""
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
            entry["url"] = _resolve(build, entry["url"], from_host)
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


def _resolve(build: Builder, url: str, from_host: bool) -> str:
    """A bundle's own file (a relative path in ``index.md``) as an address below the page; a
    site's path as an address on the site, where its address is known."""
    if "://" in url or url.startswith(("//", "data:")):  # an address of its own
        return url
    link = build.meta.get("webUrl")
    relative = not url.startswith("/")
    if relative and isinstance(link, str) and (build.page or page_path(build.record.path)).bundle:
        return urljoin(link if link.endswith("/") else link + "/", quote_path(url))
    base = build.options.base_url
    if not base or not _WEB.match(base):
        return url
    path, mark, rest = _split(url)
    if from_host and not relative:
        # hugo 0.168, baseURL https://example.org/sub/: {{ absURL "/a.jpg" }} gave
        # https://example.org/a.jpg and {{ absURL "b.jpg" }} https://example.org/sub/b.jpg
        return urljoin(base, quote_path(path, keep_escapes=True)) + mark + rest
    # jekyll 4.3.1 (jekyll-feed 0.17, jekyll-seo-tag 2.8) and zola 0.22 (get_url), url plus
    # baseurl https://blog.example.org/sub: /assets/a.jpg and assets/a.jpg both gave
    # https://blog.example.org/sub/assets/a.jpg
    return join_url(base, path, keep_escapes=True) + mark + rest


_WEB = re.compile(r"https?://[^/?#]", re.IGNORECASE)


def _split(url: str) -> tuple[str, str, str]:
    """``url`` as its path, and the ``?`` or ``#`` that starts the rest, and the rest (kept as
    written: escaping the path must not escape them)."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut : cut + 1], url[cut + 1 :]
