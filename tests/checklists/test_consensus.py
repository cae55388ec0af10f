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
