"""The feed formats (RSS, Atom, JSON Feed) and the steps they share.

A record becomes an item (``items``), ``order`` sorts the items newest first within a memory
budget, and ``document`` runs those steps for each format, which only prints a head and items.
"""
