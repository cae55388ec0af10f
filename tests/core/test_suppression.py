import datetime
import itertools

from welbevinden.suppression import (
    last_completed_week_end,
    suppress,
    suppress_groups,
    suppress_tally,
)


def test_counts_at_or_above_the_minimum_are_shown():
    result = suppress({"a": 5, "b": 7, "c": 0}, 5)
    assert result.cells == {"a": 5, "b": 7, "c": 0}
    assert result.total == 12
    assert not result.any_hidden


def test_a_small_count_is_hidden_but_zero_is_not():
    result = suppress({"a": 2, "b": 0, "c": 3, "d": 9}, 5)
    assert result.cells == {"a": None, "b": 0, "c": None, "d": 9}
    assert result.total == 14


def test_a_lone_hidden_cell_takes_the_smallest_other_cell_with_it():
    # Without the second hidden cell, 20 - 6 - 10 would give the hidden 4 away.
    result = suppress({"a": 4, "b": 10, "c": 6}, 5)
    assert result.cells == {"a": None, "b": 10, "c": None}
    assert result.total == 20


def test_no_hidden_count_can_be_worked_out_from_the_total():
    for counts in ({"a": 1, "b": 8}, {"a": 3, "b": 5, "c": 0, "d": 12}, {"a": 2, "b": 2, "c": 9}):
        result = suppress(counts, 5)
        shown = sum(v for v in result.cells.values() if v is not None)
        hidden = [k for k, v in result.cells.items() if v is None]
        assert len(hidden) != 1
        if hidden:
            assert result.total - shown == sum(counts[k] for k in hidden)


def test_a_total_below_the_minimum_hides_everything():
    result = suppress({"a": 3, "b": 1}, 5)
    assert result.cells == {"a": None, "b": None}
    assert result.total is None
    assert result.any_hidden


def test_nothing_at_all_is_shown_as_zero():
    assert suppress({"a": 0, "b": 0}, 5).total == 0


def _observations(rule, cells: int, top: int, minimum: int) -> dict:
    """Every count vector in the box, grouped by what ``rule`` lets be seen of it."""
    seen: dict = {}
    for counts in itertools.product(range(top + 1), repeat=cells):
        shown = rule(dict(enumerate(counts)), minimum)
        seen.setdefault((tuple(shown.cells.values()), shown.total), []).append(counts)
    return seen


def _pinned(rule, cells=5, top=12, minimum=5) -> list:
    """Hidden cells whose value follows from what is shown, for someone who knows the rule.

    Only observations with a total up to ``top`` are judged: for them the box holds
    every vector that could lie behind them, so the search is exhaustive.
    """
    pinned = []
    for (shown, total), behind in _observations(rule, cells, top, minimum).items():
        if total is None or total > top:
            continue
        for index, value in enumerate(shown):
            if value is None and len({counts[index] for counts in behind}) < 2:
                pinned.append((shown, total, index, behind[0]))
    return pinned


def test_a_tally_with_its_total_gives_no_hidden_count_away():
    assert _pinned(suppress_tally) == []
    assert _pinned(suppress_tally, cells=5, top=10, minimum=3) == []
    assert _pinned(suppress_tally, cells=3, top=15, minimum=3) == []
    assert _pinned(suppress_tally, cells=3, top=15, minimum=5) == []


def test_plain_suppression_with_zeros_shown_does_give_a_hidden_count_away():
    # Why tallies need suppress_tally: 0, 0, <5, <5, 5 of 7 can only be 1 and 1.
    assert ((0, 0, None, None, 5), 7, 2, (0, 0, 1, 1, 5)) in _pinned(suppress)


def test_a_tally_shows_every_count_or_only_its_total():
    shown = suppress_tally({"a": 10, "b": 1, "c": 1, "d": 0}, 5)
    assert shown.cells == dict.fromkeys("abcd")
    assert shown.total == 12
    assert suppress_tally({"a": 10, "b": 6, "c": 0}, 5).cells == {"a": 10, "b": 6, "c": 0}


def test_a_mean_is_shown_only_when_no_cell_is_hidden():
    scores = {"zon": 5, "regen": 2, "onweer": 1}
    assert suppress_tally({"zon": 5, "regen": 5, "onweer": 0}, 5).mean(scores) == 3.5
    # 4 x zon and 1 x onweer would read back from "4,2".
    assert suppress_tally({"zon": 4, "regen": 0, "onweer": 1}, 5).mean(scores) is None
    assert suppress_tally({"zon": 9, "regen": 0, "onweer": 1}, 5).mean(scores) is None
    assert suppress_tally({"zon": 2, "regen": 0, "onweer": 1}, 5).mean(scores) is None


# Counts of groups (suppress_groups) --------------------------------------------

LEVELS = ("1", "2", "3", "4")


def test_a_school_of_five_groups_sees_its_climate_picture():
    levels = {"5": "4", "6": "3", "7": "1", "8": "3", "4": "4"}
    shown = suppress_groups(levels, LEVELS, 3)
    assert shown.cells == {"1": 1, "2": 0, "3": 2, "4": 2}
    assert shown.total == 5


def test_fewer_than_the_minimum_of_groups_shows_only_how_many():
    shown = suppress_groups({"a": "4", "b": "1", "c": None}, LEVELS, 3)
    assert shown.cells == dict.fromkeys(LEVELS)
    assert shown.total == 2


def test_one_level_holding_every_group_shows_only_how_many():
    shown = suppress_groups(dict.fromkeys("abcde", "1"), LEVELS, 3)
    assert shown.cells == dict.fromkeys(LEVELS)
    assert shown.total == 5


def test_the_viewers_own_group_is_taken_out_first():
    levels = {"mine": "1", "b": "4", "c": "4"}
    assert suppress_groups(levels, LEVELS, 3).cells["4"] == 2
    # Knowing their own is the lone "1", the teacher would know b and c.
    assert suppress_groups(levels, LEVELS, 3, known={"mine"}).cells == dict.fromkeys(LEVELS)


def test_no_group_level_can_be_worked_out_by_someone_who_knows_their_own():
    """By brute force: for every school of 3 to 6 groups, every assignment of levels
    and every own group (or none), wherever counts are shown, every other group
    could still stand at two levels or more given all the viewer sees."""
    for size in range(3, 7):
        groups = [str(i) for i in range(size)]
        assignments = list(itertools.product(LEVELS, repeat=size))
        for own in [None, *groups]:
            known = () if own is None else (own,)
            seen: dict = {}
            for levels in assignments:
                levels = dict(zip(groups, levels, strict=True))
                shown = suppress_groups(levels, LEVELS, 3, known=known)
                view = (tuple(shown.cells.values()), shown.total, levels.get(own))
                seen.setdefault(view, []).append(levels)
            for (cells, _total, _own_level), worlds in seen.items():
                if cells[0] is None:
                    continue
                for group in groups:
                    if group != own:
                        assert len({world[group] for world in worlds}) >= 2, (size, own, worlds[0])


def test_group_figures_stop_at_the_end_of_the_last_completed_week():
    # Thursday 3 December 2026: the last completed week ended Sunday 29 November.
    assert last_completed_week_end(datetime.date(2026, 12, 3)) == datetime.date(2026, 11, 29)
    # On a Sunday that week is not over yet.
    assert last_completed_week_end(datetime.date(2026, 11, 29)) == datetime.date(2026, 11, 22)
    assert last_completed_week_end(datetime.date(2026, 11, 30)) == datetime.date(2026, 11, 29)
