"""What a file that is not a regular file is, named once for every message that says so."""

from __future__ import annotations

import stat


def special_kind(mode: int) -> str:
    """``"FIFO"``, ``"folder"``, ``"socket"``, ``"device"`` or ``"special file"``: what
    ``mode`` (an ``st_mode`` that is no regular file's) names, as findings and errors say it."""
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file"
