"""The two pyramid handvatten lead into the pyramid; their answers are carried over."""

import importlib

from django.apps import apps
from django.urls import reverse

from circles.models import Handvat, Round
from circles.services import save_answers, start_round
from pyramid.models import LayerNote, Pyramid


def _circle_url(cast, name, *args):
    return reverse(f"circles:{name}", args=[cast.school.slug, *args])


def test_the_handvat_page_and_its_start_button_lead_into_the_pyramid(login, cast):
    client = login(cast.kernteam)
    page = reverse("pyramid:page", args=[cast.school.slug])
    for key in ("fundament", "bovenste-lagen"):
        response = client.get(_circle_url(cast, "handvat", key))
        assert response.status_code == 302 and response.url == page
        response = client.post(_circle_url(cast, "start", key))
        assert response.status_code == 302 and response.url == page
    assert not Round.objects.filter(handvat__key__in=["fundament", "bovenste-lagen"]).exists()


def test_other_handvatten_are_untouched(login, cast):
    response = login(cast.kernteam).get(_circle_url(cast, "handvat", "visie"))
    assert response.status_code == 200


def test_the_status_on_the_circle_pages_follows_the_pyramid(login, cast, pyramid, make_item):
    client = login(cast.kernteam)
    circle = client.get(_circle_url(cast, "circle", 4)).content.decode()
    fundament = circle[circle.index("Vul samen het fundament") :][:1500]
    assert "Piramide nog niet ingevuld" in fundament
    assert reverse("pyramid:page", args=[cast.school.slug]) in fundament
    make_item("Intervisie", layer="fundament")
    make_item("Kanjertraining", layer="basis")
    circle = client.get(_circle_url(cast, "circle", 5)).content.decode()
    upper = circle[circle.index("Vul samen de bovenste drie lagen") :][:1500]
    assert "Piramide: 2 aanbod" in upper


def test_the_migration_carries_earlier_answers_over_as_layer_notes(cast):
    fundament = start_round(
        handvat=Handvat.objects.get(key="fundament"), school=cast.school, user=cast.kernteam.user
    )
    save_answers(
        round=fundament,
        answers={"aanbod": "Intervisie elke maand", "visie": "Helder, maar nog niet gedragen"},
        version=0,
        user=cast.kernteam.user,
    )
    upper = start_round(
        handvat=Handvat.objects.get(key="bovenste-lagen"),
        school=cast.school,
        user=cast.kernteam.user,
    )
    save_answers(
        round=upper,
        answers={"sterke-basis": "Kanjertraining", "externe-partners": "Via het wijkteam"},
        version=0,
        user=cast.kernteam.user,
    )
    migration = importlib.import_module("pyramid.migrations.0002_carry_over_handvat_answers")
    migration.carry_over(apps, None)
    pyramid = Pyramid.objects.get(school=cast.school)
    notes = {n.layer: n.answers for n in LayerNote.objects.filter(pyramid=pyramid)}
    assert notes == {
        "fundament": {"aanbod": "Intervisie elke maand", "visie": "Helder, maar nog niet gedragen"},
        "basis": {"sterke-basis": "Kanjertraining"},
        "intensief": {"externe-partners": "Via het wijkteam"},
    }
    assert Handvat.objects.get(key="fundament").content["leads_to"] == "pyramid"
    # Running it again loses and doubles nothing.
    migration.carry_over(apps, None)
    assert LayerNote.objects.filter(pyramid=pyramid).count() == 3
    note = LayerNote.objects.get(pyramid=pyramid, layer="fundament")
    assert note.answers["aanbod"] == "Intervisie elke maand"
