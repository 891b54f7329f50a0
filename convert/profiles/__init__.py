"""Site profiles: a static site generator's front matter as article records.

Profiles are plugins in the ``convert.profiles`` entry-point group; the built-ins (article,
jekyll, hugo, zola) are registered the same way. Names are listed without importing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from convert.config_places import origin_of
from convert.errors import PluginError
from convert.lazy import lazy_names
from convert.plugins import Discover, PluginSpec, _installed, discover, doc_summary

if TYPE_CHECKING:
    from convert.profiles.base import (
        FieldDoc,
        MappedRecord,
        Origin,
        Profile,
        ProfileOptions,
    )

GROUP = "convert.profiles"

__all__ = [
    "GROUP",
    "FieldDoc",
    "MappedRecord",
    "Origin",
    "Profile",
    "ProfileOptions",
    "get_profile",
    "profile_specs",
    "summary",
]


# The types of convert.profiles.base are imported on first use: reading the profile settings
# (every run does) must not load them when records are taken as written.
_HOMES = dict.fromkeys(
    ("FieldDoc", "MappedRecord", "Origin", "Profile", "ProfileOptions"), "convert.profiles.base"
)
if not TYPE_CHECKING:  # mypy reads the imports above, so a misspelt name stays an error
    __getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)


def profile_specs(find: Discover = _installed) -> Mapping[str, PluginSpec]:
    """Every profile by name, not yet imported."""
    return discover(GROUP, find)


def get_profile(name: str, find: Discover = _installed) -> Profile:
    """The profile called ``name``, imported and checked.

    Raises:
        PluginError: no such profile (with the nearest name), or its plugin is broken.
    """
    specs = profile_specs(find)
    spec = specs.get(name)
    if spec is None:
        import difflib

        near = difflib.get_close_matches(name, sorted(specs), n=1)
        hint = f'; did you mean "{near[0]}"?' if near else ""
        problem = f"unknown profile {name!r}{hint} (artconv profiles lists them)"
        origin = origin_of(name)  # set in a settings file: say where, not which flag
        raise PluginError(problem if origin is None else f"{origin}: {problem}")
    cls = spec.load()
    try:
        profile = cls()
    except Exception as exc:
        raise PluginError(f"{spec.distribution} profile {name!r} failed to start: {exc}") from exc
    from convert.profiles.base import Profile

    if not isinstance(profile, Profile):
        raise PluginError(
            f"{spec.distribution} plugin {name!r} is not a profile (needs name, describe and map)"
        )
    return profile


def summary(profile: object) -> str:
    """A profile's one-line summary: its docstring's first line."""
    return doc_summary(profile)
