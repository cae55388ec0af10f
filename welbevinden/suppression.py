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

``suppress_tally`` is for anonymous tallies shown with their total (the
check-in, the gevoelsthermometer), where everyone in the room knows how many
answered. There the two rules are not enough: a zero next to hidden cells says
the hidden counts went to the others only (0, 0, hidden, hidden, 5 of 7 can
only be 1 and 1), and hiding the zeros too still leaves cases that someone who
knows the rule can work out. So a tally is all or nothing: when any count
would be hidden, only the total is shown. ``tests/core/test_suppression.py``
checks by brute force, for someone who knows this very rule and sees all it
shows, that no hidden count follows.

A statistic over the cells (a mean) is shown only when no cell is hidden:
``Suppressed.mean``. Nothing else computes one, so nothing shows a figure
that includes a hidden count.
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

    def mean(self, scores: Mapping[K, float]) -> float | None:
        """The mean score of the cells, or None when any cell (or the total) is hidden:
        a mean over every count would give the hidden ones away (4 x 5 and 1 x 1 read
        back from 4.2)."""
        if self.any_hidden or not self.total:
            return None
        return sum(scores[key] * value for key, value in self.cells.items()) / self.total


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


def suppress_tally(counts: Mapping[K, int], minimum: int) -> Suppressed[K]:
    """The tally as it may be shown: every count, or (when any is too small) only the total."""
    shown = suppress(counts, minimum)
    if shown.total is None or not shown.any_hidden:
        return shown
    return Suppressed(dict.fromkeys(counts), shown.total)
