"""circles/answers.py: one read-back of answers for pages and PDFs."""

from circles.answers import read_answer, read_back

SCALE = {
    "key": "klimaat",
    "type": "scale",
    "label": "Hoe is het klimaat?",
    "options": [{"key": "moeizaam", "label": "Moeizaam"}, {"key": "positief", "label": "Positief"}],
}
PER_ITEM = {
    "key": "principes",
    "type": "per_item",
    "label": "Principes",
    "items": [{"key": "p1", "label": "Veiligheid"}, {"key": "p2", "label": "Vertrouwen"}],
    "columns": [{"key": "al", "label": "doe ik al"}, {"key": "oefen", "label": "wil ik oefenen"}],
}
RATING = {
    "key": "tijd",
    "type": "rating",
    "own_label": "Tijd",
    "own_low": "weinig",
    "own_high": "veel",
    "items": [{"key": "slaap", "label": "Slaap"}, {"key": "spel", "label": "Spel"}],
}


def test_a_scale_reads_as_its_label():
    assert read_answer(SCALE, "moeizaam").text == "Moeizaam"


def test_per_item_answers_read_as_item_and_column():
    answer = read_answer(PER_ITEM, {"p1": "al", "p2": "oefen"})
    assert answer.rows == (("Veiligheid", "doe ik al"), ("Vertrouwen", "wil ik oefenen"))
    assert answer.as_lines() == ["Veiligheid — doe ik al", "Vertrouwen — wil ik oefenen"]


def test_a_rating_has_its_scale_its_numbers_and_a_radar():
    answer = read_answer(RATING, {"slaap": 4})
    assert answer.rows == (("Slaap", "4"),)
    assert answer.scale_note == "1 = weinig, 5 = veel"
    assert answer.chart is not None and answer.chart.shape


def test_a_sentence_reads_as_the_completed_sentence():
    question = {"key": "s", "type": "sentence", "prefix": "Ik kan goed"}
    answer = read_answer(question, "luisteren")
    assert answer.label == "Ik kan goed …"
    assert answer.text == "Ik kan goed luisteren"


def test_choices_include_the_own_addition():
    question = {
        "key": "c",
        "type": "choices",
        "label": "Kies",
        "options": [{"key": "a", "label": "Lachen"}, {"key": "b", "label": "Buiten"}],
    }
    assert read_answer(question, {"selected": ["b"], "other": "Zingen"}).lines == (
        "Buiten",
        "Zingen",
    )


def test_a_plan_reads_what_when_and_with_whom():
    question = {"key": "plan", "type": "plan", "own_label": "Mijn plan"}
    answer = read_answer(question, {"wat": "Wandelen", "wanneer": "dinsdag", "met_wie": ""})
    assert answer.as_lines() == ["Wandelen · dinsdag"]


def test_read_back_keeps_the_handvat_order_and_can_leave_out_empty_answers():
    content = {"steps": [{"questions": [SCALE]}, {"questions": [PER_ITEM, RATING]}]}
    everything = read_back(content, {"principes": {"p1": "al"}})
    assert [a.key for a in everything] == ["klimaat", "principes", "tijd"]
    answered = read_back(content, {"principes": {"p1": "al"}}, answered_only=True)
    assert [a.key for a in answered] == ["principes"]
