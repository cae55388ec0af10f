"""Small-cell suppression: counts about too few people are not shown.

Pure Python, no Django: the climate log, the dashboard and the sociogram all
hand their counts through ``suppress`` before anyone but the teacher who
collected them sees them (the product's privacy rules; the threshold is the
``MIN_GROUP_SIZE`` setting).

Two rules:
- primary: a count greater than 0 and below the minimum is hidden (``None``).
  Zero stays visible: "nobody" points at no one.
- complementary: where the total is shown and exactly one cell is hidden, the
  hidden cell would be the total minus the others; then the smallest other
  non-zero cell is hidden as well, so no hidden count can be worked out.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Suppressed(Generic[K]):
    cells: dict[K, int | None]  # None: hidden
    total: int | None  # None: hidden, because the total itself is below the minimum

    @property
    def any_hidden(self) -> bool:
        return self.total is None or any(value is None for value in self.cells.values())


def suppress(counts: Mapping[K, int], minimum: int) -> Suppressed[K]:
    """The counts as they may be shown, with the total."""
    total = sum(counts.values())
    if 0 < total < minimum:
        # Too few altogether: nothing is shown but the fact that it is few.
        return Suppressed(dict.fromkeys(counts), None)
    cells: dict[K, int | None] = {
        key: (None if 0 < value < minimum else value) for key, value in counts.items()
    }
    hidden = [key for key, value in cells.items() if value is None]
    if len(hidden) == 1:
        candidates = sorted(
            (value, index, key)
            for index, (key, value) in enumerate(cells.items())
            if value is not None and value > 0
        )
        if candidates:
            cells[candidates[0][2]] = None
    return Suppressed(cells, total)
