"""The stage timer of benchmarks/bench_text_stages.py times every stage a page goes through."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PAGE = (
    b"<!doctype html><html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
    b"<h1>A title</h1><p>The first paragraph of the story, with enough words to be one.</p>"
    b"<p>A second paragraph follows it, and it is about as long as the first one.</p>"
    b"<footer>(c) Someone</footer></body></html>"
)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_text_stages", ROOT / "benchmarks" / "bench_text_stages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stage_is_reached_and_its_function_given_back() -> None:
    tool = _tool()
    places = [(importlib.import_module(name), attribute) for name, attribute, _ in tool.STAGES]
    functions = [getattr(module, attribute) for module, attribute in places]
    spent, total = tool.stage_times([PAGE, PAGE], rounds=2)
    assert list(spent) == [stage for _, _, stage in tool.STAGES]
    assert all(seconds > 0 for seconds in spent.values()), spent
    assert sum(spent.values()) < total
    after = [getattr(module, attribute) for module, attribute in places]
    assert all(a is b for a, b in zip(after, functions, strict=True))
