"""Small immutable value types without :mod:`dataclasses`.

Importing ``dataclasses`` pulls in ``inspect``, ``dis``, ``ast`` and ``tokenize``, and each
decorated class costs its own code generation: together a tenth of a one-record
``artconv validate``. The types that path defines derive from :class:`Value` instead: fields
are the ``__slots__`` of the class (set once, in ``__init__``, with :func:`object.__setattr__`),
and equality, hashing, ``repr``, pickling and :meth:`Value.replace` follow from them as a frozen
dataclass's would.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Value:
    """An immutable value whose fields are the ``__slots__`` of its classes, base first.

    Each class annotates its slots in field order: that order is the one of ``__init__``'s
    parameters, which :meth:`replace` and pickling call positionally.

    ``_uncompared`` names fields left out of equality, hashing and ``repr`` (a cached helper
    that does not change what the value is).
    """

    __slots__ = ()
    _uncompared: ClassVar[frozenset[str]] = frozenset()
    _names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        # Field order is the order of the annotations (``__slots__`` may be sorted).
        own = cls.__dict__.get("__slots__", ())
        slots = {own} if isinstance(own, str) else set(own)
        written = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (no inspect import)
        ordered = [name for name in written if name in slots]
        if len(ordered) != len(slots):
            raise TypeError(f"{cls.__name__}: annotate every slot (and nothing else in slots)")
        cls._names = (*cls._names, *ordered)

    def _fields(self) -> tuple[str, ...]:
        return self._names

    def _compared(self) -> tuple[Any, ...]:
        skip = self._uncompared
        return tuple(getattr(self, name) for name in self._fields() if name not in skip)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._compared()))

    def __repr__(self) -> str:
        skip = self._uncompared
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self._fields() if name not in skip
        )
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return type(self), tuple(getattr(self, name) for name in self._fields())

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied (what :func:`dataclasses.replace` does)."""
        fields = self._fields()
        unknown = set(changes) - set(fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        values = [changes.get(name, getattr(self, name)) for name in fields]
        return type(self)(*values)
