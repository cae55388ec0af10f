"""Bad input on every sociogram page gets a Dutch message and keeps what was
typed; never a server error."""

import pytest
from django.urls import reverse

from sociogram import services
from sociogram.models import PupilNote, SeatingPlan, Sociogram


def url(name, cast, code):
    return reverse(f"sociogram:{name}", args=[cast.school.slug, code])


def test_a_too_long_plan_field_is_a_message_keeping_the_text(sociogram, login, cast):
    client = login(cast.leraar)
    data = {"version": "0", "verrassingen": "Dat Yara alleen speelt.", "wanneer": "x" * 250}
    response = client.post(url("reflection", cast, sociogram.code), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "niet meer dan 200 tekens bevat (het zijn er nu 250)" in html
    assert "Dat Yara alleen speelt.</textarea>" in html and 'value="' + "x" * 250 in html
    assert Sociogram.objects.get().reflection == {}


def test_a_too_long_note_is_a_message_keeping_the_text(sociogram, pupils, login, cast):
    mees = pupils["Mees"].pupil
    response = login(cast.leraar).post(
        url("notes", cast, cast.group.code), {f"l{mees.pk}-note": "Lang. " * 500}
    )
    assert response.status_code == 400
    assert "niet meer dan 2000 tekens" in response.content.decode()
    assert not PupilNote.objects.exists()


@pytest.mark.parametrize("typed", ["9" * 5000, "²", "٣", "-1", "1.5"])
def test_odd_numbers_in_the_paper_grid_are_a_message(sociogram, pupils, login, cast, typed):
    mees = pupils["Mees"]
    data = {f"p{mees.pk}-was": "-", f"p{mees.pk}-speel-graag": typed}
    response = login(cast.leraar).post(url("paper", cast, sociogram.code), data)
    assert response.status_code == 400
    assert "Typ alleen nummers van de lijst" in response.content.decode()


LAYOUT = {"rows": "2", "cols": "2", "arrangement": "pairs", "seed": "1"}


@pytest.mark.parametrize("seat", ["9" * 5000, "²", "", "-1", "4"])
def test_an_odd_seat_to_swap_is_a_message(sociogram, pupils, login, cast, seat):
    client = login(cast.leraar)
    client.post(url("seating_generate", cast, sociogram.code), LAYOUT)
    data = {"van": "0", "naar": seat, "versie": "1"}
    response = client.post(url("seating_swap", cast, sociogram.code), data, follow=True)
    assert response.status_code == 200
    assert "Kies twee verschillende plaatsen om te wisselen." in response.content.decode()
    assert SeatingPlan.objects.count() == 1


@pytest.mark.parametrize("version", ["9" * 5000, "²", "x"])
def test_an_odd_version_in_the_address_shows_the_latest(sociogram, pupils, login, cast, version):
    client = login(cast.leraar)
    client.post(url("seating_generate", cast, sociogram.code), LAYOUT)
    response = client.get(url("seating", cast, sociogram.code), {"versie": version})
    assert response.status_code == 200
    pdf = client.get(url("seating_pdf", cast, sociogram.code), {"versie": version})
    assert pdf["Content-Type"] == "application/pdf"


def test_an_odd_question_number_for_a_pupil_is_the_first_question(sociogram, pupils, client):
    services.open_afname(sociogram)
    code = sociogram.respondents.exclude(answer_code=None).first().answer_code
    client.post(reverse("sociogram:pupil_start"), {"code": code})
    question = reverse("sociogram:pupil_question")
    for number in ("9" * 5000, "²", "-3"):
        assert client.get(question, {"vraag": number}).status_code == 200
    response = client.post(question + "?vraag=1", {"gekozen": ["9" * 5000, "²"]})
    assert response.status_code == 302
