"""Fixes as text edits at the positions the loader knows: nothing is re-serialised.

``fix(text, findings)`` applies the safe fixes (and the unsafe ones when asked) and returns the
new text with the fixes applied; ``available_fixes()`` lists the kinds of fix and the finding
each one answers. Comments, key order, quoting, blank lines, line endings and the body outside
a fix's span stay byte for byte as they were.
"""

from __future__ import annotations

from convert.fixes.edits import Fix, Region, apply_edits
from convert.fixes.engine import FixKind, available_fixes, fix, fix_for_rule, plan

__all__ = [
    "Fix",
    "FixKind",
    "Region",
    "apply_edits",
    "available_fixes",
    "fix",
    "fix_for_rule",
    "plan",
]
