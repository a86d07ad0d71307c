"""Reuse between plans: a unit planned from the same inputs as last time is the very same object.

Downstream, page_fingerprints skips hashing a page that is the same object as last time, so
a rebuild after one edit plans and fingerprints only what that edit touched. The families
(families.py, routines.py, drills.py) know nothing of this: the assembly in __init__.py
wraps each call in one of the methods below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

# Each unit (a drill's page, a routine's view, the library...) by key -> its inputs, then what was made.
PlanMemo = Mapping[tuple[str, str], tuple[Any, ...]]


class Reuse:
    """The last plan's memo, read, and this plan's, written as units are asked for."""

    __slots__ = ("new", "old")

    def __init__(self, old: PlanMemo) -> None:
        self.old = old
        self.new: dict[tuple[str, str], tuple[Any, ...]] = {}

    def same_objects(self, key: tuple[str, str], inputs: tuple[Any, ...], make: Callable[[], T]) -> T:
        """What `make` gives, or last plan's result when every input is the very same object."""
        # Identity: validation hands back the same object for unchanged content.
        old = self.old.get(key)
        if old is not None and len(old) == len(inputs) + 1 and all(a is b for a, b in zip(old, inputs)):
            self.new[key] = old
            return old[-1]
        made = make()
        self.new[key] = (*inputs, made)
        return made

    def equal(self, key: tuple[str, str], value: T) -> T:
        """`value`, or the equal object kept last time: so that identity checks further on hit."""
        old = self.old.get(key)
        if old is not None and old[0] == value:
            value = old[0]
        self.new[key] = (value,)
        return value

    def each(self, key: tuple[str, str], items: tuple[Any, ...], make: Callable[[Any], T]) -> tuple[T, ...]:
        """`make(item)` for each item, reusing last plan's result for an item that is the very same object."""
        old = self.old.get(key)
        # By id: the old items are kept alive by the old memo, so no id can have been reused.
        before = dict(zip(map(id, old[0]), old[1])) if old is not None else {}
        made = tuple(before[id(item)] if id(item) in before else make(item) for item in items)
        self.new[key] = (items, made)
        return made

    def equal_view(self, key: tuple[str, str], shared: tuple[Any, ...], view: Any, make: Callable[[], T]) -> T:
        """What `make` gives, or last plan's result for the same `shared` objects and an equal `view`.

        `view` is what the page is made from (e.g. the library's line of each drill): an edit
        elsewhere in a file makes a new object with an equal view, which identity would miss.
        """
        old = self.old.get(key)
        if old is not None and all(a is b for a, b in zip(old[0], shared)) and old[1] == view:
            self.new[key] = old
            return old[2]
        made = make()
        self.new[key] = (shared, view, made)
        return made
