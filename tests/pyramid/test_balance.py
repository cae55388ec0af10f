"""The balance diagnosis is a pure function: these tests need no database."""

from pyramid.balance import ItemFacts, diagnose


def _items(fundament=0, basis=0, extra=0, intensief=0, **facts):
    counts = {"fundament": fundament, "basis": basis, "extra": extra, "intensief": intensief}
    return [
        ItemFacts(
            key=f"{layer}-{n}",
            name=f"{layer} {n}",
            layer=layer,
            has_owner=facts.get("has_owner", True),
            has_evidence=facts.get("has_evidence", True),
        )
        for layer, count in counts.items()
        for n in range(count)
    ]


def test_an_empty_pyramid_says_so_and_nothing_else():
    assert diagnose([]).codes == ["empty"]


def test_a_balanced_pyramid_has_no_shape_findings():
    diagnosis = diagnose(_items(fundament=4, basis=6, extra=3, intensief=1))
    assert diagnosis.shape_ok
    assert diagnosis.codes == []
    assert diagnosis.candidates == []


def test_an_empty_fundament_is_flagged():
    diagnosis = diagnose(_items(basis=5, extra=2, intensief=1))
    assert "fundament_empty" in diagnosis.codes
    assert not diagnosis.shape_ok


def test_a_thin_fundament_is_flagged_below_three_items():
    assert "fundament_thin" in diagnose(_items(fundament=2, basis=5, extra=2, intensief=1)).codes
    assert (
        "fundament_thin" not in diagnose(_items(fundament=3, basis=5, extra=2, intensief=1)).codes
    )


def test_each_empty_upper_layer_is_named():
    findings = diagnose(_items(fundament=3, basis=2)).findings
    assert [(f.code, f.layer) for f in findings] == [
        ("layer_empty", "extra"),
        ("layer_empty", "intensief"),
    ]


def test_as_much_in_the_top_as_in_the_basis_is_an_inverted_pyramid():
    diagnosis = diagnose(_items(fundament=3, basis=2, extra=3, intensief=2))
    assert "inverted" in diagnosis.codes
    assert "top_heavy" not in diagnosis.codes


def test_more_in_extra_and_intensief_together_than_in_the_basis_is_top_heavy():
    diagnosis = diagnose(_items(fundament=3, basis=3, extra=3, intensief=1))
    assert "top_heavy" in diagnosis.codes
    assert "inverted" not in diagnosis.codes


def test_a_top_heavy_pyramid_gets_top_items_to_move_down_extra_first():
    diagnosis = diagnose(_items(fundament=3, basis=1, extra=2, intensief=3))
    assert diagnosis.candidates
    assert diagnosis.candidates[0].layer == "extra"
    assert {c.layer for c in diagnosis.candidates} <= {"extra", "intensief"}
    assert len(diagnosis.candidates) <= 5


def test_a_top_item_that_reaches_all_pupils_is_the_first_candidate_for_the_basis():
    items = [
        *_items(fundament=3, basis=4, extra=1, intensief=1),
        ItemFacts("wide", "Weerbaarheid voor iedereen", "intensief", "all", None, True, True),
    ]
    diagnosis = diagnose(items)
    wide = next(f for f in diagnosis.findings if f.code == "top_reaches_many")
    assert [i.key for i in wide.items] == ["wide"]
    assert diagnosis.candidates[0].key == "wide"


def test_reach_above_the_layers_share_counts_as_reaching_many():
    extra = ItemFacts("e", "Training", "extra", "percent", 40, True, True)
    small = ItemFacts("s", "Groepje", "extra", "percent", 10, True, True)
    diagnosis = diagnose([*_items(fundament=3, basis=4, intensief=1), extra, small])
    wide = next(f for f in diagnosis.findings if f.code == "top_reaches_many")
    assert [i.key for i in wide.items] == ["e"]


def test_basis_aanbod_for_a_few_pupils_is_flagged():
    narrow = ItemFacts("n", "Voor een paar", "basis", "number", 6, True, True)
    half = ItemFacts("h", "De helft", "basis", "percent", 50, True, True)
    diagnosis = diagnose([*_items(fundament=3, basis=3, extra=1, intensief=1), narrow, half])
    finding = next(f for f in diagnosis.findings if f.code == "basis_narrow")
    assert [i.key for i in finding.items] == ["n"]


def test_items_without_owner_or_evidence_are_listed_but_the_fundament_needs_no_evidence():
    items = _items(fundament=3, basis=4, extra=2, intensief=1, has_owner=False, has_evidence=False)
    diagnosis = diagnose(items)
    no_owner = next(f for f in diagnosis.findings if f.code == "no_owner")
    no_evidence = next(f for f in diagnosis.findings if f.code == "no_evidence")
    assert len(no_owner.items) == 10
    assert {i.layer for i in no_evidence.items} == {"basis", "extra", "intensief"}
    assert diagnosis.shape_ok  # owner and evidence say nothing about the shape


def test_stopped_items_do_not_count():
    stopped = [
        ItemFacts(f"x{n}", "Gestopt", "intensief", stopped=True, has_owner=True, has_evidence=True)
        for n in range(5)
    ]
    diagnosis = diagnose([*_items(fundament=3, basis=4, extra=2, intensief=1), *stopped])
    assert diagnosis.counts["intensief"] == 1
    assert diagnosis.shape_ok
