"""The shipped checklists: quoted word for word where they say so, ours where they are ours."""

from checklists import content
from circles import content as circles_content
from tests.circles.test_content import _seed_file


def test_every_quoted_text_of_the_checklists_occurs_in_the_handreiking():
    source = circles_content.squashed_source(_seed_file())
    quoted = [(path, text) for path, text, ours in content.texts() if not ours]
    assert len(quoted) > 20  # the walk reaches items, leads, intros and helps
    missing = [
        (path, text) for path, text in quoted if not circles_content.occurs_in_source(text, source)
    ]
    assert missing == []


def test_the_four_checklists_ship_each_with_its_source():
    assert list(content.checklists()) == [
        "beginsituatie",
        "gedragsverwachtingen",
        "sociale-veiligheid",
        "fundament",
    ]
    for checklist in content.checklists().values():
        assert checklist["own_source"]
        assert content.items(checklist)
        keys = [item["key"] for item in content.items(checklist)]
        assert len(keys) == len(set(keys))


def test_the_beginsituatie_items_are_ours_and_say_what_they_are_derived_from():
    checklist = content.get("beginsituatie")
    assert checklist["derived"] is True
    assert "afgeleid" in checklist["own_source"]
    assert "aparte publicatie" in checklist["own_source"]
    assert any("tri-62-029-checklist" in link["url"] for link in checklist["links"])
    for item in content.items(checklist):
        # Either the handreiking's words (the WHO points) or ours with the quote it comes from.
        assert "label" in item or ("own_label" in item and item["derived_from"])


def test_gedragsverwachtingen_are_the_handvats_questions_word_for_word():
    from circles.content import load_files

    handvat = next(
        h
        for circle in load_files()["circles"]
        for h in circle["handvatten"]
        if h["key"] == "gedragsverwachtingen"
    )
    questions = [q["label"] for q in handvat["steps"][0]["questions"]]
    items = [item["label"] for item in content.items(content.get("gedragsverwachtingen"))]
    assert items == questions


def test_sociale_veiligheid_says_it_does_not_replace_the_validated_monitor():
    checklist = content.get("sociale-veiligheid")
    assert "vervangt het gevalideerde monitoringsinstrument niet" in checklist["own_notice"]
    assert any(
        link["url"] == "https://www.digitaalveiligheidsplan.nl/" for link in checklist["links"]
    )


def test_a_paraphrased_item_would_fail_the_quote_test():
    source = circles_content.squashed_source(_seed_file())
    assert not circles_content.occurs_in_source(
        "Iedere school moet twee veiligheidsplannen hebben.", source
    )
