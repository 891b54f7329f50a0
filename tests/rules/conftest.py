"""Every finding id the suite emits is recorded, for ``test_catalogue``'s last check.

Wrapping ``Diagnostic.__init__`` for the session sees each finding made in this process,
whichever module makes it, and notes where it was made. The check runs after every other test
(the hook below moves it to the end), so it sees the ids of the whole run.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from convert.diagnostics import Diagnostic

EMITTED: dict[str, str] = {}
"""Finding id -> ``file:line`` of the first place that made one."""

_original_init = Diagnostic.__init__


def _recording_init(self: Diagnostic, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    if self.rule not in EMITTED:
        caller = sys._getframe(1)
        EMITTED[self.rule] = f"{caller.f_code.co_filename}:{caller.f_lineno}"


Diagnostic.__init__ = _recording_init  # type: ignore[method-assign]

LAST = "test_every_id_emitted_in_the_suite_is_catalogued"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.name == LAST)  # stable: only that test moves, to the end
