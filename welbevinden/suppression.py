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

Counts of groups (how many groups stand at each climate level) protect
something else: not one person's answer, but a named group's state, which
only the group's teachers and the IB'ers may see. The people's rule would
hide every count of a school of five groups. ``suppress_groups`` decides
what such counts could reveal instead (our rules; the handreiking sets none):

- fewer than ``MIN_GROUPS_SHOWN`` groups (default 3) with an entry: only the
  total is shown. One or two groups' levels are one or two groups' states;
- one level holding every group with an entry: only the total. "All five
  groups are negatief" names each group's state as surely as a list would;
- the viewer's own groups are taken out first. A teacher knows their own
  group's level; if the others would then all share one level (three groups,
  counts 2 and 1, one's own the lone one), only the total is shown;
- over time: pages for those who may not see groups show the counts as they
  stood at the end of the last completed week (``last_completed_week_end``),
  so two successive views a day apart do not tell which group's note came in
  between; and each period's counts go through the same rules.

No single count is hidden: a count of groups is either shown with all the
others or not at all, so there is no complementary cell to work out.

Across schools (a board's view, ``suppress_groups_across``) there is: the
board's counts minus the schools' shown counts are the hidden schools' counts
together, and whoever knows the rule knows more of them (a school of three or
more groups is hidden only when all stand on one level, so with its total
shown its counts follow from the board's). So each school's counts go through
``suppress_groups``, and the board's cells are shown only when every school's
are (with any school's hidden, the board shows its total only): the board's
cells are then the sum of what is shown anyway. The board's counts per period
follow the same rule with each school's counts of that period, shown nowhere
else. ``tests/boards/test_board.py`` checks by brute force, for someone who
knows this rule and sees all it shows, that a hidden school's counts never
follow.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping
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


def suppress_groups(
    levels: Mapping[Hashable, K | None],
    keys: Iterable[K],
    minimum: int,
    *,
    known: Iterable[Hashable] = (),
) -> Suppressed[K]:
    """How many groups stand at each level, as they may be shown to someone who
    may not see the groups themselves.

    ``levels`` maps each group to its level (None: no entry yet, never counted);
    ``keys`` are the levels in their order; ``known`` the groups whose level the
    viewer knows anyway (their own). The cells are every count or none.
    """
    keys = list(keys)
    counts: dict[K, int] = dict.fromkeys(keys, 0)
    for level in levels.values():
        if level is not None:
            counts[level] += 1
    total = sum(counts.values())
    known = set(known)
    others = [level for group, level in levels.items() if level is not None and group not in known]
    if total < minimum or (len(set(others)) <= 1 and total > 0):
        return Suppressed(dict.fromkeys(keys), total)
    return Suppressed(counts, total)


def suppress_groups_across(
    levels_by_unit: Mapping[Hashable, Mapping[Hashable, K | None]],
    keys: Iterable[K],
    minimum: int,
) -> tuple[dict[Hashable, Suppressed[K]], Suppressed[K]]:
    """Counts of groups per unit (a board's schools) and for all units together,
    as they may be shown side by side (the module's docstring: across schools).

    ``levels_by_unit`` maps each unit to its groups' levels (as ``suppress_groups``
    takes them; group keys are unique across units). Returns each unit's counts
    and the whole's: the whole's cells only when every unit's are shown.
    """
    keys = list(keys)
    units = {
        unit: suppress_groups(levels, keys, minimum) for unit, levels in levels_by_unit.items()
    }
    merged = {g: level for levels in levels_by_unit.values() for g, level in levels.items()}
    whole = suppress_groups(merged, keys, minimum)
    if any(counts.total and counts.any_hidden for counts in units.values()):
        whole = Suppressed(dict.fromkeys(keys), whole.total)
    return units, whole


def last_completed_week_end(today: datetime.date) -> datetime.date:
    """The last Sunday before today: the day up to which figures over groups are
    shown to those who may not see groups (see the module's docstring)."""
    return today - datetime.timedelta(days=today.isoweekday())
