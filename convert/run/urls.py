"""Record stores named by URL (``s3://bucket/news/``, ``file://...``, ``memory://...``).

With the ``dask`` extra installed, fsspec reads them; local paths never come here. A URL
folder is listed by the store (stores have no walk to stream), its files sorted in text order
of their paths, as the local walk orders them, and named in findings as the URL argument
followed by the path below it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from convert.batch import Input, _excluded
from convert.errors import ConfigError
from convert.record import Record
from convert.stop_signals import signals_held

_LOCAL_ONLY = ("memory",)
"""Stores that live inside one process: workers elsewhere cannot read them."""


def is_url(path: str) -> bool:
    """Whether ``path`` names a store by URL rather than a local file."""
    return "://" in path


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path inside it."""
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise ConfigError(
            f"{url}: reading URLs needs the dask extra (pip install 'article-convert[dask]')"
        ) from exc
    try:
        fs, inner = url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"{url}: no filesystem for this URL ({exc})") from exc
    return fs, inner


def process_local(url: str) -> bool:
    """Whether only this process can read ``url`` (so its bytes travel to the workers)."""
    return url.split("://", 1)[0] in _LOCAL_ONLY


def url_inputs(url: str, extensions: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[Input]:
    """The record files at ``url``: the file itself, or those below a folder URL."""
    fs, inner = filesystem(url)
    try:
        folder = fs.isdir(inner)
    except OSError:
        folder = False
    if not folder:
        yield Input(url, url, url.rstrip("/").rsplit("/", 1)[-1])
        return
    base = inner.rstrip("/") + "/"
    prefix = url.rstrip("/") + "/"
    wanted = tuple(e.lower() for e in extensions)
    found = []
    for name in fs.find(inner):
        relative = str(name)[len(base) :] if str(name).startswith(base) else str(name)
        folders = relative.split("/")[:-1]
        if any(part.startswith(".") for part in folders):
            continue  # hidden folders are skipped, as the local walk skips them
        if relative.lower().endswith(wanted) and not _excluded(relative, exclude):
            found.append(relative)
    for relative in sorted(found):
        yield Input(prefix + relative, prefix + relative, relative)


def read_url(url: str, max_size: int) -> bytes:
    """Up to ``max_size + 1`` bytes of ``url`` (one more tells the loader it is too large)."""
    from convert.loading.files import read_at_most

    fs, inner = filesystem(url)
    with fs.open(inner, "rb") as stream:
        return read_at_most(stream, max_size + 1)


def load_url(item: Input, max_size: int, data: bytes | None = None) -> Record:
    """The record at a URL input, or of its bytes when they were read already."""
    from convert import loading

    if data is None:
        try:
            data = read_url(item.path, max_size)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            return loading.unreadable(
                item.display, "file/unreadable", f"cannot read the file: {reason}"
            )
    if len(data) > max_size:
        return loading.too_large(item.display, max_size)
    return loading.loads(data, path=item.display, max_bytes=max_size)


def write_url(url: str, data: bytes | IO[bytes]) -> None:
    """Write ``data`` (bytes, or a stream copied in blocks) to ``url``; stores make the
    object appear whole, on close."""
    fs, inner = filesystem(url)
    parent = inner.rstrip("/").rsplit("/", 1)[0]
    if parent and parent != inner:
        fs.makedirs(parent, exist_ok=True)
    with fs.open(inner, "wb") as stream:
        if isinstance(data, bytes):
            stream.write(data)
        else:
            import shutil

            shutil.copyfileobj(data, stream, 1 << 20)


def url_exists(url: str) -> bool:
    """Whether the store holds ``url`` (a file, or a folder with something in it); a store
    that cannot say is taken to hold it, and reading it will tell what is wrong."""
    fs, inner = filesystem(url)
    try:
        return bool(fs.exists(inner))
    except OSError:
        return True


class Stage:
    """The local stand-in of an output URL (:func:`staged_output`): ``path`` is the one
    document's file (``collection``) or the folder of one file per record; ``publish``
    false keeps what was written there from the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.publish = True


@contextmanager
def staged_output(url: str, collection: bool) -> Iterator[Stage]:
    """A local stand-in for an output URL: a file for one document (``collection``), there
    (empty) when the store holds ``url``, or a temporary folder for one file per record,
    copied to ``url`` only once the run has finished and only if ``publish`` is still
    true. A failed run leaves the store as it was, and so does one whose document is
    withheld."""
    import tempfile  # only output URLs need it: a local validation never pays for it

    staging = tempfile.TemporaryDirectory(prefix="artconv-out-")
    folder = Path(staging.name)
    try:
        if collection:
            stage = Stage(folder / "document")
            if url_exists(url):  # so the run sees a file it must not replace by nothing
                stage.path.touch()
            yield stage
            if stage.publish:
                with stage.path.open("rb") as document:
                    write_url(url, document)
            return
        stage = Stage(folder)
        yield stage
        if not stage.publish:
            return
        prefix = url.rstrip("/") + "/"
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                write_url(prefix + file.relative_to(folder).as_posix(), file.read_bytes())
    finally:
        # Held: an interrupt raised again amid the removal (convert.cli.interrupts) would
        # leave the rest of the staged files behind.
        with signals_held():
            staging.cleanup()
