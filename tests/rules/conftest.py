"""Every finding id the package emits during the suite is recorded, for ``test_catalogue``.

Wrapping ``Diagnostic.__init__`` for the session sees each finding made in this process and
where: one made by code in ``convert/`` is recorded (findings that tests build by hand to feed
a reporter are not emissions). The check runs after every other test (the hook below moves it
to the end), so it sees the ids of the whole run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from convert import values
from convert.diagnostics import Diagnostic

EMITTED: dict[str, str] = {}
"""Finding id -> ``file:line`` of the first place that made one."""

_original_init = Diagnostic.__init__


PACKAGE = str(Path(__file__).resolve().parents[2] / "convert")
_REPLACE = values.__file__
_REBUILDERS = {"_read_back"}  # convert/run/ordered.py rebuilds spooled findings, emits none


def _recording_init(self: Diagnostic, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    if self.rule in EMITTED:
        return
    caller = sys._getframe(1)
    while caller.f_back is not None and caller.f_code.co_filename == _REPLACE:
        caller = caller.f_back  # finding.replace(...): its caller made it
    if caller.f_code.co_name in _REBUILDERS:
        return  # a finding read back from a spool was made (and recorded) by whoever emitted it
    where = caller.f_code.co_filename
    if where.startswith(PACKAGE):
        EMITTED[self.rule] = f"{where}:{caller.f_lineno}"


Diagnostic.__init__ = _recording_init  # type: ignore[method-assign]

LAST = "test_every_id_emitted_in_the_suite_is_catalogued"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.name == LAST)  # stable: only that test moves, to the end
