from welbevinden.suppression import suppress


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
