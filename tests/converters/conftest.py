"""Fixtures for converter tests: records built in memory, and golden files.

``pytest --update-golden`` rewrites the golden files instead of comparing against them; review
the diff by eye before committing it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from convert.converters import get_converter
from convert.diagnostics import Diagnostic
from convert.record import BodyFormat, Record, Source

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

SEED_META: dict[str, Any] = {
    "category": "news",
    "title": "Facebook will now pay you for your voice recordings",
    "excerpt": "Facebook will offer to pay some users for voice recordings.",
    "publishedDateTime": "2020-02-20T20:00:00Z",
    "webUrl": "https://www.theverge.com/2020/2/20/21145584/facebook-pay-record-voice",
    "ampWebUrl": "https://www.theverge.com/platform/amp/2020/2/20/21145584/facebook-pay",
    "quality": 74,
    "heat": 74,
    "published": True,
    "provider": {"name": "The Verge", "domain": "theverge.com"},
    "topics": ["AI", "Natural Language Processing"],
    "images": [
        {"url": "https://cdn.vox-cdn.com/a.jpg", "width": 1400, "height": 933, "title": "Voice"}
    ],
    "secured": "SECRET-TOKEN-DO-NOT-LEAK",
}


MakeRecord = Callable[..., Record]


@pytest.fixture
def make_record() -> MakeRecord:
    """``make_record(path="a.md", body="", body_format="text", **meta_overrides)``.

    Starts from the seed's metadata; an override of ``None`` removes the key.
    """

    def make(
        path: str = "posts/a.md",
        body: str = "",
        body_format: BodyFormat = "text",
        meta: Mapping[str, Any] | None = None,
        **overrides: Any,
    ) -> Record:
        data = dict(SEED_META if meta is None else meta)
        for key, value in overrides.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return Record(data, body, Source(path, "yaml"), body_format)

    return make


Run = Callable[..., tuple[bytes, list[Diagnostic]]]


@pytest.fixture
def run() -> Run:
    """``run(fmt, records, **options)`` -> (output bytes, findings)."""

    def convert(
        fmt: str, records: Iterable[Record], **options: Any
    ) -> tuple[bytes, list[Diagnostic]]:
        out = io.BytesIO()
        found: list[Diagnostic] = []
        get_converter(fmt).write(records, out, emit=found.append, **options)
        return out.getvalue(), found

    return convert


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, bytes], None]:
    """``golden(name, data)``: compare ``data`` with ``tests/golden/name`` (or rewrite it)."""
    update = bool(request.config.getoption("--update-golden", default=False))

    def check(name: str, data: bytes) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"missing golden file {name}: run pytest --update-golden"
        assert data == path.read_bytes(), f"{name} differs from its golden file"

    return check
