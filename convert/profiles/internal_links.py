"""Links between a site's pages, written in the generator's own syntax, resolved as it does.

A page links to another by the other's source file or name, not by its address: Jekyll's
``{% post_url 2017-03-02-x %}``, ``{% link about.md %}``, ``{{ "/docs/" | relative_url }}``
and ``{{ site.baseurl }}``; Hugo's ``{{< ref "hello.md" >}}`` and ``relref``; Zola's
``[math](@/overview-math.md)``. The generator writes the target page's address there; left
as a removed tag (or Zola's ``@/`` path), the link would point at the page itself, or nowhere.

:func:`resolve` finds these references in a page's body and answers each with the address the
generator writes (jekyll 4.3.1: ``/base/news/2017/03/02/x/``, with ``baseurl``; hugo 0.168:
``ref`` absolute, ``relref`` from the site's root; zola 0.22: absolute). A target page's
address is the one its own mapping gives (:class:`Resolver` maps it as the run maps any
page, once per run); a target that does not exist (which stops the generator's build) is a
``profile/broken-link`` warning, and has no answer. Jekyll's answers are
:mod:`convert.profiles.jekyll_links`'s.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.profiles.base import ProfileOptions
from convert.record import Record
from convert.text.spans import HUGO_ESCAPES, escaped, liquid_blocks, zola_targets

BROKEN = "profile/broken-link"
FINDINGS = (
    FindingKind(
        BROKEN,
        Severity.WARNING,
        "A link to another page of the site, in the generator's own syntax (post_url, ref, "
        "@/...), names no page: the generator stops its build on it.",
    ),
)

# One tag each, its inside free of braces (and of "%", "<", ">" for Hugo's): a link's tag holds
# none, and a run of such characters is scanned once from its tag's opener, so linearly.
_LIQUID_TAG = re.compile(r"\{([%{])([^%{}]*)([%}])\}")
_HUGO_TAG = re.compile(r"\{\{([<%])([^{}<>%]*)([>%])\}\}")
_SKIPPED_FOLDERS = frozenset({"_site", "public", "node_modules", "vendor", ".git"})
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm")
GENERATORS = frozenset({"jekyll", "hugo", "zola"})
REMEMBERED = 100_000
"""The most page addresses a run keeps for links (a few hundred bytes each)."""


@dataclass(frozen=True)
class Reference:
    """One link to another page: ``written`` is its key (a tag as written, or Zola's ``@/``
    path), ``kind`` the generator's way (``post_url``, ``link``, ``relative_url``,
    ``absolute_url``, ``baseurl``, ``url``, ``ref``, ``relref``, ``zola``), ``target`` what it names
    and ``at`` its offset in the body."""

    written: str
    kind: str
    target: str
    at: int


def references(body: str, generator: str) -> Iterator[Reference]:
    """The references to other pages in ``body``, in order (each tag once per spelling)."""
    if generator == "zola":
        for start, end in zola_targets(body):
            target = body[start:end].partition("#")[0]
            yield Reference(target, "zola", target[2:], start)
        return
    pattern = _HUGO_TAG if generator == "hugo" else _LIQUID_TAG
    read = _hugo_reference if generator == "hugo" else _liquid_reference
    # What the generator shows as text, or not at all, links to nothing: Liquid's raw and
    # comment blocks (a capture's text is shown, where its variable is), Hugo's escapes.
    if generator == "hugo":
        text_only = ((start, end) for start, end, _ in escaped(body, HUGO_ESCAPES))
    else:
        text_only = ((start, end) for start, end, _ in liquid_blocks(body, captures=False))
    skipped = next(text_only, None)
    for found in pattern.finditer(body):
        if (found.group(1) == "%") != (found.group(3) == "%"):
            continue  # "{{ ... %}" is no tag
        while skipped is not None and skipped[1] <= found.start():
            skipped = next(text_only, None)
        if skipped is not None and skipped[0] <= found.start():
            continue
        made = read(found.group(1), found.group(2))
        if made is not None:
            yield Reference(found.group(0), made[0], made[1], found.start())


def _liquid_reference(opener: str, inside: str) -> tuple[str, str] | None:
    text = inside.strip().strip("-").strip()  # "{%- link x -%}" trims white space around it
    if opener == "%":
        name, _, argument = text.partition(" ")
        argument = argument.strip()
        return (name, argument) if name in ("post_url", "link") and argument else None
    if text in ("site.baseurl", "site.url"):
        return text[5:], ""
    if text[:1] not in ("'", '"'):
        return None
    end = text.find(text[0], 1)
    rest = text[end + 1 :].strip() if end > 0 else ""
    if rest[:1] != "|" or rest[1:].strip() not in ("relative_url", "absolute_url"):
        return None
    return rest[1:].strip(), text[1:end]


def _hugo_reference(opener: str, inside: str) -> tuple[str, str] | None:
    name, _, rest = inside.strip().partition(" ")
    if name not in ("ref", "relref"):
        return None
    rest = rest.strip()
    if rest.startswith("path="):
        rest = rest[5:].lstrip()
    if rest[:2] == '\\"':  # in another shortcode's quoted argument (a figure's caption)
        end = rest.find('\\"', 2)
        return (name, rest[2:end]) if end > 0 else None
    if rest[:1] in ('"', "`"):
        end = rest.find(rest[0], 1)
        return (name, rest[1:end]) if end > 0 else None
    argument = rest.split(" ", 1)[0]
    return (name, argument) if argument else None


class Resolver:
    """Addresses of a run's pages by their source files, each file mapped once per run, and
    the listings the generators search (Jekyll's posts, Hugo's pages by name) made once per
    site: a page linking to others costs a look-up, not a read of the site, per link."""

    def __init__(self, address_of: Callable[[str], str | None]) -> None:
        self._address_of = address_of  # a file's own link, as the run maps it
        self._addresses: dict[str, str | None] = {}
        self._listings: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.roots: dict[str, str | None] = {}  # Jekyll's site folders, by a page's folder
        self.answers: dict[tuple[str, str], Answer] = {}  # (where, written) -> its answer

    def address(self, path: str) -> str | None:
        """The link of the page at ``path``, mapped as the run maps pages."""
        key = os.path.normpath(Path(path).absolute())
        if key not in self._addresses:
            self._addresses[key] = self._address_of(path)
        return self._addresses[key]

    def remember(self, path: str, address: str | None) -> None:
        """The link the run made for the page at ``path``: no need to map it again as a
        target (a page linked to by a later one, in a run over the whole site). Up to
        :data:`REMEMBERED` pages, so that a run's memory stays bounded however many it reads."""
        if len(self._addresses) < REMEMBERED:
            self._addresses[os.path.normpath(Path(path).absolute())] = address

    def listing(self, root: str, kind: str) -> dict[str, list[str]]:
        """The files below ``root`` by name (``posts``: the files of ``_posts`` folders, by
        name without suffix; ``pages``: content files by name and bundles by folder name)."""
        key = (root, kind)
        found = self._listings.get(key)
        if found is None:
            found = self._listings[key] = _listed(root, kind)
        return found


def _listed(root: str, kind: str) -> dict[str, list[str]]:
    """The page files below ``root`` by name, each as its path below ``root`` (``/``-joined)."""
    found: dict[str, list[str]] = {}
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in _SKIPPED_FOLDERS)
        below = Path(folder).relative_to(root).as_posix()
        prefix = "" if below == "." else below + "/"
        in_posts = "_posts" in prefix.split("/")
        for name in sorted(files):
            stem, dot, suffix = name.rpartition(".")
            if not dot or "." + suffix.lower() not in PAGE_SUFFIXES:
                continue
            if kind == "posts" and in_posts:
                found.setdefault(stem, []).append(prefix + name)
            elif kind == "pages":
                own = Path(folder).name if stem.split(".")[0] == "index" else stem
                found.setdefault(own, []).append(prefix + name)
    return found


def resolve(
    record: Record, generator: str, options: ProfileOptions, resolver: Resolver
) -> tuple[dict[str, str], list[Diagnostic]]:
    """The answers for the references in ``record``'s body (written -> address, as the
    generator writes it there), and a warning for each target that names no page."""
    answers: dict[str, str] = {}
    problems: list[Diagnostic] = []
    if generator not in GENERATORS or record.body_format not in ("markdown", "html"):
        return answers, problems
    if generator == "zola" and record.body_format != "markdown":
        return answers, problems
    from convert.profiles.jekyll_links import jekyll_answer

    answer = {"jekyll": jekyll_answer, "hugo": _hugo, "zola": _zola}[generator]
    # A reference means the same on every page of the site, but Hugo's from the page's folder.
    where = options.site_root if generator != "hugo" and options.site_root else ""
    where = where or str(Path(record.path).parent)
    seen: set[str] = set()
    for reference in references(record.body, generator):
        if reference.written in seen:
            continue
        seen.add(reference.written)
        key = (where, reference.written)
        if _itself(reference):  # the same tag on the next page of the folder is that page's
            found = answer(reference, record, options, resolver)
        elif key in resolver.answers:
            found = resolver.answers[key]
        else:
            found = resolver.answers[key] = answer(reference, record, options, resolver)
        if isinstance(found, str):
            answers[reference.written] = found
        elif found is not None:
            problems.append(_broken(record, reference, found.why))
    return answers, problems


def _itself(reference: Reference) -> bool:
    """Whether ``reference`` names the page it stands on, whichever that is: Hugo's ``ref`` or
    ``relref`` of an anchor alone (``"#sec"``) or of nothing. Jekyll's tags and Zola's ``@/``
    name their page by its file, the same one from any page."""
    return reference.kind in ("ref", "relref") and not reference.target.partition("#")[0]


def _broken(record: Record, reference: Reference, why: str) -> Diagnostic:
    """The warning for a reference the site has no page for, at its place in the body."""
    before = record.body[: reference.at]
    line = record.source.body_line + before.count("\n")
    column = reference.at - (before.rfind("\n") + 1) + 1
    return Diagnostic(
        record.path,
        line,
        column,
        BROKEN,
        Severity.WARNING,
        f"the link {reference.written} names no page of the site: {why}",
        "",
        "correct the name; the generator stops its build on it, and the feed keeps the "
        "link's text without the link",
    )


@dataclass(frozen=True)
class Missing:
    """No page for a reference: ``why`` says what was looked for (a warning)."""

    why: str


Answer = str | Missing | None
"""The address a reference gives, why it names no page, or None where the site's address or
folder is not known (nothing to say)."""


def from_root(address: str, options: ProfileOptions) -> str:
    """``address`` from the site's root, as Jekyll's tags and Hugo's ``relref`` write it, where
    it is on the site's host (``https://site/base/x/`` -> ``/base/x/``)."""
    parts = urlsplit(address)
    site = urlsplit(options.base_url or "")
    if parts.netloc != site.netloc or parts.scheme not in ("http", "https"):
        return address
    return address[len(f"{parts.scheme}://{parts.netloc}") :] or "/"


def _content_root(record: Record, options: ProfileOptions) -> str | None:
    """The content folder the page is in (its path's last ``content``), else the site's."""
    parts = PurePosixPath(record.path).parts
    if "content" in parts[:-1]:
        last = len(parts) - 1 - parts[::-1].index("content")
        return str(PurePosixPath(*parts[: last + 1]))
    if options.site_root is not None:
        return str(Path(options.site_root, "content"))
    return None


def _hugo(
    reference: Reference, record: Record, options: ProfileOptions, resolver: Resolver
) -> Answer:
    root = _content_root(record, options)
    if root is None:
        return None
    target, hash_, anchor = reference.target.partition("#")
    file = _hugo_page(root, str(Path(record.path).parent), target, resolver) if target else None
    if isinstance(file, Missing):
        return file
    address = resolver.address(file) if file is not None else resolver.address(record.path)
    if address is None:
        return None
    if reference.kind == "relref":
        address = from_root(address, options)
    return address + hash_ + anchor


def _hugo_page(root: str, here: str, target: str, resolver: Resolver) -> str | Missing:
    """The content file ``ref`` names, as hugo 0.168 finds it: a path from the content folder
    (``/posts/hello.md``) or from the page's folder, with or without its suffix, a bundle's or
    section's folder; else a page of that name anywhere, where only one has it (of two, hugo
    stops: 'page reference "hello" is ambiguous')."""
    bases = [Path(root, target.lstrip("/"))]
    if not target.startswith("/"):
        bases.insert(0, Path(here, target))
    for base in bases:
        for candidate in (
            base,
            *(Path(f"{base}{suffix}") for suffix in PAGE_SUFFIXES),
            *(base / (name + suffix) for name in ("index", "_index") for suffix in PAGE_SUFFIXES),
        ):
            if candidate.is_file():
                return str(candidate)
    name = PurePosixPath(target).name
    stem = PurePosixPath(name).stem if name.endswith(PAGE_SUFFIXES) else name
    found = resolver.listing(root, "pages").get(stem, [])
    if len(found) > 1:
        return Missing(f'"{target}" is ambiguous: {", ".join(found)} in {root}')
    return str(Path(root, found[0])) if found else Missing(f'no page "{target}" in {root}')


def _zola(
    reference: Reference, record: Record, options: ProfileOptions, resolver: Resolver
) -> Answer:
    root = _content_root(record, options)
    if root is None:
        return None
    file = Path(root, reference.target)
    if not file.is_file():
        return Missing(f'no file "{reference.target}" in {root}')
    return resolver.address(str(file))
