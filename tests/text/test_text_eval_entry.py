"""The text-eval entry file loads the way score.py loads it: by path, not registered."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[2] / "benchmarks" / "text_eval_entry.py"


def test_entry_loads_by_path_without_sys_modules() -> None:
    spec = importlib.util.spec_from_file_location("text_eval_entry", ENTRY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # as score.py does: never put in sys.modules
    assert module.clean("Title\n\nA line of text that is long enough to be kept as prose.")
