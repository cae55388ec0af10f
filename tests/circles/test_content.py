"""The handreiking as data: complete, valid, and quoted word for word."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from circles import content
from circles.models import Circle, Handvat, Round, Scope
from circles.services import load_handreiking, start_round

# Strings that the PDF's page layout broke (a running head, a footnote or a
# footnote digit printed inside the sentence). Any new one must be checked by
# hand against the handreiking and added here.
KNOWN_GAPS = {
    "cirkel-1.verdieping[0].blocks[0].p",
    "cirkel-2.onderbouwing[5].p",
    "cirkel-2.onderbouwing[6].p",
    "cirkel-3.handvatten[1].steps[2].blocks[0].list[0]",
    "inleiding.sections[2].blocks[0].p",
}
SEED_NAME = "handreiking-preventief-werken-aan-welbevinden.txt"


def _seed_file() -> Path:
    """The handreiking's text as the project keeps it beside the code (../shared/seeds/)."""
    path = Path(settings.BASE_DIR).parent / "shared" / "seeds" / SEED_NAME
    if not path.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"The handreiking's text is missing at {path}; CI must have shared/.")
        pytest.skip(f"The handreiking's text is not at {path} (shared/ lies beside the project).")
    return path


def test_every_quoted_text_occurs_in_the_handreiking_and_every_other_is_marked_ours():
    source = content.squashed_source(_seed_file())
    quoted = [(path, text) for path, text, ours in content.content_texts() if not ours]
    assert len(quoted) > 350  # the walk reaches every file, block, question and option
    not_found = [
        (path, text) for path, text in quoted if not content.occurs_in_source(text, source)
    ]
    # Whatever does not occur in the handreiking must sit in an own_ field.
    assert not_found == []


def test_our_own_texts_are_marked_as_ours_everywhere_they_appear():
    ours = {text for _, text, own in content.content_texts() if own}
    # Prompts, scale ends, options, columns and link labels that we wrote.
    for text in [
        "Wat wil je doen?",
        "Hoeveel tijd en aandacht geef je nu aan elk onderdeel?",
        "Te weinig",
        "Ruim voldoende",
        "Allebei",
        "Doe ik al",
        "Mentale gezondheid op school (NIP)",
    ]:
        assert text in ours


def test_the_bundled_copy_of_the_handreiking_is_the_seed():
    # The other faithfulness tests read the copy in circles/content/source/.
    assert content.SOURCE_FILE.read_bytes() == _seed_file().read_bytes()


def test_every_text_is_quoted_from_the_handreiking():
    source = content.squashed_source()
    missing = [
        (path, text)
        for path, text, ours in content.content_texts()
        if not ours and not content.occurs_in_source(text, source)
    ]
    assert missing == []


def test_only_the_known_page_breaks_need_a_gap():
    source = content.squashed_source()
    gapped = {
        path
        for path, text, ours in content.content_texts()
        if not ours and content.squash(text) not in source
    }
    assert gapped == KNOWN_GAPS


def test_the_faithfulness_check_catches_a_paraphrase():
    source = content.squashed_source()
    assert content.occurs_in_source(
        "Leerlingen hebben in de basis drie behoeften in een groep", source
    )
    assert not content.occurs_in_source(
        "Leerlingen hebben in de basis vier behoeften in een groep", source
    )
    assert not content.occurs_in_source("Zorg goed voor jezelf en je leerlingen.", source)


def test_all_22_handvatten_are_there_with_their_scopes():
    scopes = {handvat.key: handvat.scope for handvat in Handvat.objects.filter(retired=False)}
    assert len(scopes) == 22
    per_circle = {n: Handvat.objects.filter(circle__number=n).count() for n in range(1, 7)}
    assert per_circle == {1: 3, 2: 4, 3: 4, 4: 7, 5: 4, 6: 0}
    assert {
        scopes[k]
        for k in (
            "ruimte-voor-ontspanning",
            "stress-en-werkdruk",
            "eigen-instrument",
            "schijf-van-zeven",
            "reflecteer",
            "checkers",
        )
    } == {Scope.PERSONAL}
    assert {h.scope for h in Handvat.objects.filter(circle__number__in=[2, 3])} == {Scope.GROUP}
    school_keys = Handvat.objects.filter(circle__number__in=[4, 5]).exclude(
        key__in=["schijf-van-zeven", "reflecteer", "checkers"]
    )
    assert {h.scope for h in school_keys} == {Scope.SCHOOL}


def test_the_handreikings_own_questions_are_there():
    klimaat = Handvat.objects.get(key="groepsklimaat")
    scale = content.questions(klimaat.content)[0]
    assert scale["label"] == "Hoe zou je het pedagogisch klimaat in je klas(sen) omschrijven?"
    assert [o["label"] for o in scale["options"]] == [
        "negatief en veel gedoe",
        "moeizaam maar met positieve onderdelen",
        "over het algemeen positief, soms wat incidenten",
        "positief en elkaar versterkend",
    ]
    schijf = Handvat.objects.get(key="schijf-van-zeven")
    rating = next(q for q in content.questions(schijf.content) if q["type"] == "rating")
    assert [i["label"] for i in rating["items"]] == [
        "Focus tijd", "Speel tijd", "Verbinding tijd", "Fysieke tijd",
        "Reflectie tijd", "Down tijd", "Slaap tijd",
    ]  # fmt: skip
    principes = next(
        q
        for q in content.questions(Handvat.objects.get(key="veilige-omgeving").content)
        if q["type"] == "per_item"
    )
    assert len(principes["items"]) == 6
    assert principes["items"][0]["label"].startswith("Werk vanuit positieve aandacht.")


def test_circle_texts_and_links_are_loaded():
    circle = Circle.objects.get(number=3)
    assert "‘norming’ voor ‘storming’" in " ".join(circle.content["kernboodschap"])
    assert len(circle.content["voorbeelden"]) == 3
    six = Circle.objects.get(number=6)
    assert "niet verder uitgewerkt in deze handreiking" in six.content["meaning"]


def test_loading_a_new_edition_keeps_every_answer(cast):
    handvat = Handvat.objects.get(key="eigen-instrument")
    round = start_round(handvat=handvat, school=cast.school, user=cast.leraar.user)
    Round.objects.filter(pk=round.pk).update(answers={"voorbeeld": "Door op tijd te zijn."})

    data = content.load_files()
    edited = {**data, "circles": [dict(c) for c in data["circles"]]}
    first = dict(edited["circles"][0])
    first["handvatten"] = [
        {**h, "title": "Je bent je eigen instrument (nieuwe druk)"}
        if h["key"] == "eigen-instrument"
        else h
        for h in first["handvatten"]
        if h["key"] != "ruimte-voor-ontspanning"
    ]
    edited["circles"][0] = first
    load_handreiking(edited, checksum="nieuwe-druk")

    handvat.refresh_from_db()
    assert handvat.title == "Je bent je eigen instrument (nieuwe druk)"
    assert Round.objects.get(pk=round.pk).answers == {"voorbeeld": "Door op tijd te zijn."}
    assert Handvat.objects.get(key="ruimte-voor-ontspanning").retired
    load_handreiking()
    assert not Handvat.objects.get(key="ruimte-voor-ontspanning").retired


@pytest.mark.parametrize("bad", [{"scope": "iedereen"}, {"steps": []}])
def test_the_validator_names_what_is_wrong(bad):
    data = content.load_files()
    circles = [dict(c) for c in data["circles"]]
    circles[0] = {**circles[0], "handvatten": [{**circles[0]["handvatten"][0], **bad}]}
    with pytest.raises(content.ContentError, match="cirkel 1"):
        content.validate({**data, "circles": circles})
