"""Entry-point discovery shared by the converter and rule registries.

Names are listed from package metadata without importing anything; an entry point is imported
only when it is used. Our own plugins are declared once, in ``BUILTINS`` below, which works the
same in an installed package and in a source tree; pyproject.toml mirrors the table for tools that
list a distribution's entry points (a test keeps the two equal), and ``discover`` never reads our
own entry points from the metadata, so a stale installation cannot redirect a built-in name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from convert.entrypoints import normalise
from convert.errors import PluginError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

OWN_DISTRIBUTION = "article-convert"

BUILTINS: dict[str, dict[str, str]] = {
    "convert.converters": {
        "json": "convert.converters.json_:JsonConverter",
        "jsonl": "convert.converters.jsonl:JsonLinesConverter",
        "jsonfeed": "convert.converters.feeds.jsonfeed:JsonFeedConverter",
        "rss": "convert.converters.feeds.rss:RssConverter",
        "atom": "convert.converters.feeds.atom:AtomConverter",
        "text": "convert.converters.text_:TextConverter",
    },
    "convert.rules": {
        "frontmatter": "convert.rules.frontmatter:RULES",
        "schema": "convert.rules.schema_rules:RULES",
        "consistency": "convert.rules.consistency:RULES",
        "yaml-versions": "convert.rules.yaml_versions:RULES",
        "corpus": "convert.rules.corpus:RULES",
    },
    "convert.profiles": {
        "article": "convert.profiles.article:ArticleProfile",
        "jekyll": "convert.profiles.jekyll:JekyllProfile",
        "hugo": "convert.profiles.hugo:HugoProfile",
        "zola": "convert.profiles.zola:ZolaProfile",
    },
}


class PluginSpec(NamedTuple):
    """A named entry point that has not been imported yet (a named tuple: cheaper to define
    than a dataclass, which every run's start-up would pay for)."""

    group: str
    name: str
    target: str  # "module:attribute"
    distribution: str

    def load(self) -> Any:
        """Import the target; any failure becomes a :class:`PluginError` naming the plugin."""
        module_name, _, attribute = self.target.partition(":")
        try:
            obj: Any = importlib.import_module(module_name)
            for part in attribute.split(".") if attribute else ():
                obj = getattr(obj, part)
        except Exception as exc:
            raise PluginError(
                f"{self.distribution} plugin {self.name!r} ({self.target}) failed to load: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        return obj


def doc_summary(plugin: object) -> str:
    """The first line of a plugin class's docstring: the one line the listings show."""
    doc = (type(plugin).__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""


Discover = Callable[[str], Iterable["EntryPoint"]]


def _installed(group: str) -> Iterable[EntryPoint]:
    # importlib.metadata costs more than a one-record validation: our own reader of the
    # metadata folders finds the same entry points, once per process.
    from convert.entrypoints import entry_points

    return entry_points(group)  # type: ignore[return-value]


def discover(group: str, find: Discover = _installed) -> dict[str, PluginSpec]:
    """Every plugin of ``group``: built-ins first, then installed entry points over them.

    A third-party plugin may not take a built-in's name: it is kept under ``dist:name`` instead,
    so installing a package never silently changes what a built-in name means.
    """
    specs = {
        name: PluginSpec(group, name, target, OWN_DISTRIBUTION)
        for name, target in BUILTINS.get(group, {}).items()
    }
    for ep in find(group):
        dist = ep.dist.name if ep.dist is not None else "unknown"
        if normalise(dist) == OWN_DISTRIBUTION:
            continue
        name = ep.name if ep.name not in specs else f"{dist}:{ep.name}"
        specs[name] = PluginSpec(group, name, ep.value, dist)
    return specs
