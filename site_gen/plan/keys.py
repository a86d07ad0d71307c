"""What a page shows, as one digest: the key of a page planned by its context (pages.planned).

The same view is shown on many pages: a routine's steps on its page, its card and two
sheets; a drill's line in the library and in each view of it. So each view's digest is
made once per plan and then looked up by identity, which is sound because the views and
models are frozen and every object is held here, alive, until the plan ends: no id is
reused while it is known. Between plans nothing is kept (`one_plan`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from typing import Any

from ..digest import digest

_KNOWN: dict[int, tuple[object, str]] = {}  # id -> (the object, kept alive; its key)
_FIELDS: dict[type, tuple[str, ...]] = {}
_SCALARS = frozenset((str, int, float, bool, type(None)))
SHORT = 64  # characters: a longer key is kept as its digest


@contextmanager
def one_plan() -> Iterator[None]:
    """Keys made inside the block may look up what was already keyed in it; nothing outlives it."""
    try:
        yield
    finally:
        _KNOWN.clear()


def context_key(context: Mapping[str, Any]) -> str:
    """One digest of every name and value a page is given, in name order."""
    return digest(*(f"{name}={_key(value)}" for name, value in sorted(context.items())))


def _key(value: Any) -> str:
    # Type and every field, in order, as a repr would show them: each object once a plan.
    if type(value) in _SCALARS:
        return repr(value)
    known = _KNOWN.get(id(value))
    if known is not None:
        return known[1]
    if isinstance(value, tuple):
        made = "(" + ",".join(map(_key, value)) + ")"
    elif isinstance(value, list):
        made = "[" + ",".join(map(_key, value)) + "]"
    elif isinstance(value, Mapping):
        made = "{" + ",".join(f"{_key(name)}:{_key(item)}" for name, item in value.items()) + "}"
    elif is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(field.name for field in fields(value))
        made = type(value).__qualname__ + "(" + ",".join([_key(getattr(value, name)) for name in names]) + ")"
    else:  # a path, say: its repr names it fully
        made = repr(value)
    if len(made) > SHORT:
        # Long keys (a routine's steps with their figures) are kept as their digest, so that the
        # keys of what holds them stay short: marked, as nothing else starts with '#'.
        made = "#" + digest(made)
    _KNOWN[id(value)] = (value, made)
    return made
