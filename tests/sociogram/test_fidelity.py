"""The sociogram says which words are the handreiking's and which are ours (issue 22)."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from sociogram import services
from sociogram.models import Sociogram
from tests.sociogram.test_results import _answer
from tests.sociogram.test_seating_views import LAYOUT


def _url(name, cast, sociogram):
    return reverse(f"sociogram:{name}", args=[cast.school.slug, sociogram.code])


def _pdf_text(response) -> str:
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)


def test_the_handreikings_questions_are_quoted_and_a_reworded_one_is_the_teachers(
    cast, sociogram, login
):
    asked = sociogram.questions
    asked[0]["text"] = "Met wie speel je graag in de pauze?"
    Sociogram.objects.filter(pk=sociogram.pk).update(questions=asked)
    html = login(cast.leraar).get(_url("detail", cast, sociogram)).content.decode()
    assert '<q class="hr">Naast wie zou je graag willen zitten in de klas?</q>' in html
    assert '<q class="hr">Met wie speel je graag in de pauze?</q>' not in html
    assert (
        'Met wie speel je graag in de pauze? <span class="small text-body-secondary">'
        '(aangepast; in de handreiking: <q class="hr">Met wie speel je graag?</q>)'
    ) in html


def test_stap_3s_questions_are_quoted_on_the_page_and_in_the_report(cast, sociogram, pupils, login):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    client = login(cast.leraar)
    html = client.get(_url("detail", cast, sociogram)).content.decode()
    assert '<q class="hr">Zijn er uitkomsten die je verrassen?</q>' in html
    # Stap 4's plan question is ours: plain.
    assert '<q class="hr">Wat ga je aanpassen' not in html
    report = client.get(_url("report", cast, sociogram))
    text = _pdf_text(report)
    assert "“Zijn er uitkomsten die je verrassen?”" in text
    assert "Een sociogram kan blootleggen" in text


def test_stap_2s_words_and_our_own_rules_are_on_the_results(cast, sociogram, pupils, login):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    html = login(cast.leraar).get(_url("detail", cast, sociogram)).content.decode()
    assert "wie een positieve kracht kunnen zijn. Maar ook wie geïsoleerd zijn." in html
    assert "Ons advies (van Welbevinden, niet uit de handreiking)" in html


def test_the_flags_are_our_short_names_for_the_handreikings_words(cast, login):
    html = (
        login(cast.leraar)
        .get(reverse("sociogram:notes", args=[cast.school.slug, cast.group.code]))
        .content.decode()
    )
    assert "sociaal kwetsbaar" not in html
    assert "sociaal zwakker" in html
    assert '<q class="hr">sociaal zwakkere leerlingen</q>' in html
    assert "De kenmerken zijn de woorden van de handreiking" not in html


def test_the_group_page_keeps_the_handvats_introduction(cast, login):
    html = (
        login(cast.leraar)
        .get(reverse("sociogram:group", args=[cast.school.slug, cast.group.code]))
        .content.decode()
    )
    assert "betekent dat er sprake moet zijn van een inclusief klimaat" in html


def test_prints_of_our_own_content_do_not_say_the_handreiking_is_their_source(
    cast, sociogram, login
):
    client = login(cast.leraar)
    services.open_afname(sociogram)
    slips = _pdf_text(client.get(_url("slips", cast, sociogram)))
    assert "Bron: handreiking" not in slips
    assert "De codes en de uitleg zijn van Welbevinden" in slips
    questionnaire = _pdf_text(client.get(_url("questionnaire", cast, sociogram)))
    assert "Bron: handreiking" not in questionnaire
    assert "Vragen uit de handreiking" in questionnaire
    assert "“Met wie speel je graag?”" in questionnaire


def test_the_seating_plan_pdf_is_ours_and_says_who_made_it(cast, sociogram, pupils, login):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    client = login(cast.leraar)
    client.post(_url("seating_generate", cast, sociogram), LAYOUT)
    text = _pdf_text(client.get(_url("seating_pdf", cast, sociogram)))
    assert "Bron: handreiking" not in text
    assert "Groepsindeling van Welbevinden" in text
    assert "Deze groepsindeling en de regels waarmee ze gemaakt is zijn van Welbevinden" in text
    assert "door Lars Leraar." in text
