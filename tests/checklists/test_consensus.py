from checklists.consensus import spread


def test_it_counts_each_answer():
    result = spread(["goed", "goed", "prioriteit", "weet-niet", ""])
    assert result.counts == {"goed": 2, "aandacht": 0, "prioriteit": 1, "weet-niet": 1}
    assert result.total == 4


def test_goed_next_to_prioriteit_is_disagreement():
    assert spread(["goed", "goed", "goed", "prioriteit"]).disagreement


def test_a_clear_majority_one_step_apart_is_no_disagreement():
    assert not spread(["aandacht", "aandacht", "aandacht", "prioriteit"]).disagreement


def test_an_even_split_is_disagreement():
    assert spread(["aandacht", "aandacht", "prioriteit", "prioriteit"]).disagreement


def test_weet_ik_niet_is_no_opinion():
    assert not spread(["goed", "weet-niet", "weet-niet"]).disagreement
    assert spread([]).most_chosen is None


def test_the_trend_draws_a_bar_per_meeting_and_none_for_too_few_answers():
    from checklists.charts import trend

    chart = trend([("1 okt", 4.1), ("22 okt", None), ("12 nov", 2.5)])
    first, hidden, last = chart.bars
    assert (first.value, hidden.value, last.value) == ("4,1", "", "2,5")
    assert hidden.height == "0"
    assert float(first.height) > float(last.height) > 0
    assert trend([]).bars == ()
