"""The Schoolwerk: the school handvatten, the pyramid, the checklists' outcomes, the team
agenda, circle 6, and the school handvatten not begun; read back from the PDF's text."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checklists import content as checklist_content
from checklists import services as checklists
from circles.models import Handvat
from circles.services import start_round
from pyramid.models import Pyramid
from pyramid.services import add_item, start_pyramid
from tests.factories import make_member
from tests.reports.conftest import pdf_text
from welbevinden.schools.models import Membership, Role

# The session (user and memberships are kept between pages), then the
# report's reads: rounds, handvatten, surroundings and partners, goals and
# actions, the agenda's answers, the year,
# the pyramid and its items, the checklists' latest rounds and agreements, and
# what the modules say has begun (pyramid layers and notes; the checklists'
# status facts, one query for all).
SCHOOLWERK_QUERIES = 16


def _schoolwerk(client, school):
    return client.get(reverse("reports:schoolwerk", args=[school.slug]))


def _not_started_part(text: str) -> str:
    # The cover lists the part too; the part itself is the last one.
    return text.rsplit("Nog niet aan begonnen", 1)[1]


@pytest.fixture
def kiezel(db, client):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    directie = Membership.objects.get(
        user__email="directie@kiezel.example", school__slug="de-kiezel"
    )
    client.force_login(directie.user)
    return directie


def test_the_demo_schoolwerk_holds_the_pyramid_checklists_agenda_and_what_has_not_begun(
    kiezel, client
):
    text = pdf_text(_schoolwerk(client, kiezel.school))
    year = kiezel.school.current_year()
    # The pyramid of this school year: its picture (the layers' aanbod) and its balance.
    assert f"Ondersteuningspiramide {year}" in text
    assert "Kanjertraining in alle groepen" in text
    assert "Intervisie in leerteams" in text
    assert "Balans" in text
    assert "onze eigen vuistregels (Welbevinden), niet de handreiking" in text
    assert "Zonder eigenaar: Buitenspelen met spelbegeleiding" in text
    # The checklists' latest rounds: what was agreed, priorities first.
    assert f"Beginsituatie welbevinden · {year}" in text
    assert "17 van 17 punten afgesproken · 2 prioriteiten" in text
    priorities = text.index("Iedere leerling hoort erbij. Prioriteit")
    assert priorities < text.index("Aandacht nodig") < text.index("Goed geregeld")
    assert "Gedragsverwachtingen Nog niet ingevuld." in text
    # The team agenda: goals, their actions and who does them, the overdue one marked.
    assert "Iedereen kent het vernieuwde pestprotocol" in text
    assert "Pestprotocol herschrijven met het Digitaal Veiligheidsplan Ruud Verhoeven" in text
    assert "over de datum" in text
    assert "Sociogram afnemen in groep 5 en 7 Joris van Dam" in text
    # Circle 6 as before.
    assert "Wijkteam De Kiezelbuurt" in text
    # What has not begun, with its circle, and the rule named as ours.
    rest = _not_started_part(text)
    assert "Onze regel (Welbevinden, niet de handreiking)" in rest
    assert "Cirkel 5 Evalueer gedragsverwachtingen" in rest
    assert "Herijk of ontwikkel een visie" not in rest  # it has a round
    assert "Vul samen het fundament" not in rest  # the pyramid holds a fundament
    assert "Check-in aan het begin" not in rest  # the demo held check-ins
    # Trimbos attribution, as on the other reports.
    assert "Trimbos-instituut" in text
    assert "Tekst tussen aanhalingstekens komt uit de handreiking" in text


def test_a_handvat_started_leaves_the_list_of_what_has_not_begun(kiezel, client):
    rest = _not_started_part(pdf_text(_schoolwerk(client, kiezel.school)))
    assert "Evalueer gedragsverwachtingen" in rest

    # Begun in its module: this year's round of the checklist.
    checklists.round_of(
        school=kiezel.school, year=kiezel.school.current_year(), key="gedragsverwachtingen"
    )
    rest = _not_started_part(pdf_text(_schoolwerk(client, kiezel.school)))
    assert "Evalueer gedragsverwachtingen" not in rest
    assert "De school is aan elk schoolhandvat van cirkel 4 en 5 begonnen." in rest


def test_a_school_that_began_nothing_lists_every_school_handvat_and_no_personal_one(cast, login):
    text = pdf_text(_schoolwerk(login(cast.kernteam), cast.school))
    rest = _not_started_part(text)
    for circle, key in [
        (4, "visie"),
        (4, "teamagenda"),
        (4, "fundament"),
        (4, "check-in"),
        (5, "checklist"),
        (5, "bovenste-lagen"),
        (5, "gedragsverwachtingen"),
        (5, "sociale-veiligheid"),
    ]:
        title = Handvat.objects.get(key=key).title
        assert f"Cirkel {circle} {title[0].upper()}{title[1:]}" in rest, key
    # Personal handvatten of circle 4 are each teacher's own: never in the list.
    for key in ("schijf-van-zeven", "reflecteer", "checkers"):
        assert Handvat.objects.get(key=key).title not in rest
    assert "De school heeft dit schooljaar nog geen aanbod in de ondersteuningspiramide" in text
    assert "Nog geen open doelen op de teamagenda." in text


def test_each_part_of_the_pyramid_and_a_round_count_as_begun(cast, login):
    client = login(cast.kernteam)
    pyramid = start_pyramid(
        school=cast.school, year=cast.school.current_year(), user=cast.kernteam.user
    )
    add_item(
        pyramid=pyramid,
        data={"name": "Intervisie-bij-het-Anker", "layer": "fundament"},
        user=cast.kernteam.user,
    )
    start_round(
        handvat=Handvat.objects.get(key="visie"), school=cast.school, user=cast.kernteam.user
    )
    text = pdf_text(_schoolwerk(client, cast.school))
    rest = _not_started_part(text)
    assert "Intervisie-bij-het-Anker" in text  # in the picture
    assert "Vul samen het fundament" not in rest
    assert "Vul samen de bovenste drie lagen" in rest  # nothing above the fundament yet
    assert "Herijk of ontwikkel een visie" not in rest


def _queries(client, school) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert _schoolwerk(client, school).status_code == 200
    return len(captured.captured_queries)


def test_building_the_schoolwerk_costs_the_same_queries_on_a_school_with_much_more_work(
    kiezel, client
):
    school = kiezel.school
    _schoolwerk(client, school)  # the first request fills the per-process caches
    assert _queries(client, school) == SCHOOLWERK_QUERIES

    year = school.current_year()
    members = [make_member(school, Role.KERNTEAM, full_name=f"Lid {n}") for n in range(8)]
    for n in range(12):
        goal = checklists.create_goal(
            school=school, year=year, data={"title": f"Extra doel {n}"}, user=kiezel.user
        )
        for m, member in enumerate(members):
            checklists.add_action(
                goal=goal,
                what=f"Actie {n}.{m}",
                who=member,
                due=timezone.localdate() + datetime.timedelta(days=m),
            )
    for key, checklist in checklist_content.checklists().items():
        round = checklists.round_of(school=school, year=year, key=key)
        for item in checklist_content.items(checklist):
            checklists.save_agreement(
                round=round, item=item["key"], answer="aandacht", note="", user=kiezel.user
            )
    pyramid = Pyramid.objects.get(school=school, school_year=year)
    for n in range(30):
        layer = ("fundament", "basis", "extra", "intensief")[n % 4]
        add_item(pyramid=pyramid, data={"name": f"Aanbod {n}", "layer": layer}, user=kiezel.user)
    for handvat in Handvat.objects.filter(circle__number__in=(4, 5), scope="school"):
        start_round(handvat=handvat, school=school, user=kiezel.user)

    assert "Extra doel 11" in pdf_text(_schoolwerk(client, school))
    assert _queries(client, school) == SCHOOLWERK_QUERIES
