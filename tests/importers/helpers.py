"""Small feeds written in the tests, and a local HTTP server for URL sources."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from convert.diagnostics import Diagnostic
from convert.importers import import_feed
from convert.record import Record


def rss(
    items: str,
    channel: str = "<title>Example News</title>"
    "<link>https://www.example.com/</link><language>en-gb</language>",
    namespaces: str = "",
) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"{namespaces}>'
        f"<channel>{channel}{items}</channel></rss>\n"
    ).encode()


def atom(
    entries: str, head: str = '<title>Atom Site</title><link href="https://atom.example/"/>'
) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
        f' xmlns:media="http://search.yahoo.com/mrss/">{head}{entries}</feed>\n'
    ).encode()


def read(
    tmp: Path,
    data: bytes,
    name: str = "feed.xml",
    **options: object,
) -> tuple[list[Record], list[Diagnostic]]:
    path = tmp / name
    path.write_bytes(data)
    found: list[Diagnostic] = []
    records = list(import_feed(str(path), emit=found.append, **options))  # type: ignore[arg-type]
    return records, found


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextlib.contextmanager
def serve(handler: Handler) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 answering every GET with ``handler``; yields its URL and the
    paths it was asked for."""
    asked: list[str] = []

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            handler(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def send(
    body: bytes,
    status: int = 200,
    content_type: str = "application/rss+xml",
) -> Handler:
    def handler(request: http.server.BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler
