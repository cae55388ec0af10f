"""One place, not two: five handvatten lead here, their earlier answers carried over."""

import importlib

from django.apps import apps
from django.urls import reverse

from checklists import services
from checklists.models import Agenda, ChecklistRound, Goal
from circles.models import Handvat
from circles.services import save_answers, start_round


def _round(cast, key, answers):
    round = start_round(
        handvat=Handvat.objects.get(key=key), school=cast.school, user=cast.kernteam.user
    )
    save_answers(round=round, answers=answers, version=0, user=cast.kernteam.user)
    return round


def test_the_migration_carries_earlier_answers_over(cast):
    _round(cast, "checklist", {"gaat-goed": "De pauzes", "prioriteit": "Pesten op het plein"})
    _round(cast, "gedragsverwachtingen", {"regels-afspraken": "In de schoolgids"})
    _round(
        cast,
        "teamagenda",
        {
            "doelen-school": "Alle kinderen voelen zich veilig\nEn de leraren ook",
            "evalueren": "In juni",
            "blijvend": "Elke tweede teamvergadering",
            "ouders-leerlingen": "Via de leerlingenraad",
        },
    )
    migration = importlib.import_module("checklists.migrations.0002_carry_over_handvat_answers")
    migration.carry_over(apps, None)
    begin = ChecklistRound.objects.get(school=cast.school, checklist="beginsituatie")
    assert begin.carried_over == [
        {"label": "Wat gaat er goed op jullie school?", "answer": "De pauzes"},
        {"label": "En wat heeft prioriteit?", "answer": "Pesten op het plein"},
    ]
    behaviour = ChecklistRound.objects.get(school=cast.school, checklist="gedragsverwachtingen")
    assert behaviour.carried_over == [
        {"label": "Waar staan regels en afspraken?", "answer": "In de schoolgids"}
    ]
    agenda = Agenda.objects.get(school=cast.school)
    assert (agenda.on_agenda, agenda.involve) == (
        "Elke tweede teamvergadering",
        "Via de leerlingenraad",
    )
    goal = Goal.objects.get(school=cast.school)
    assert goal.title == "Alle kinderen voelen zich veilig"
    assert "Alle kinderen voelen zich veilig\nEn de leraren ook" in goal.monitoring
    assert "In juni" in goal.monitoring
    leads = dict(
        Handvat.objects.filter(key__in=migration.LEADS_TO).values_list("key", "content__leads_to")
    )
    assert leads == migration.LEADS_TO
    # Running it again loses and doubles nothing.
    migration.carry_over(apps, None)
    assert ChecklistRound.objects.get(pk=begin.pk).carried_over == begin.carried_over
    assert Goal.objects.count() == 1


def test_carried_answers_show_above_the_checklist(client, cast):
    round = services.round_of(
        school=cast.school, year=cast.school.current_year(), key="beginsituatie"
    )
    round.carried_over = [{"label": "Wat gaat er goed op jullie school?", "answer": "De pauzes"}]
    round.save()
    client.force_login(cast.directie.user)
    page = client.get(reverse("checklists:beginsituatie", args=[cast.school.slug])).content.decode()
    assert "Eerder ingevuld in het handvat" in page and "De pauzes" in page


def test_the_handvatten_lead_into_their_checklist_or_tool(client, cast):
    client.force_login(cast.kernteam.user)
    slug = cast.school.slug
    expected = {
        "checklist": reverse("checklists:beginsituatie", args=[slug]),
        "gedragsverwachtingen": reverse("checklists:gedragsverwachtingen", args=[slug]),
        "sociale-veiligheid": reverse("checklists:sociale-veiligheid", args=[slug]),
        "teamagenda": reverse("checklists:agenda", args=[slug]),
        "check-in": reverse("checklists:check_ins", args=[slug]),
    }
    for key, url in expected.items():
        response = client.get(reverse("circles:handvat", args=[slug, key]))
        assert response.status_code == 302 and response.url == url, key


def test_the_circle_pages_show_the_modules_status(client, cast):
    year = cast.school.current_year()
    round = services.round_of(school=cast.school, year=year, key="sociale-veiligheid")
    services.save_agreement(round=round, item="veiligheidsplan", answer="goed", note="", user=None)
    services.create_goal(school=cast.school, year=year, data={"title": "Doel"}, user=None)
    client.force_login(cast.kernteam.user)
    five = client.get(reverse("circles:circle", args=[cast.school.slug, 5])).content.decode()
    assert "Checklist: 1 van 3 afgesproken" in five
    assert "Checklist nog niet ingevuld" in five
    four = client.get(reverse("circles:circle", args=[cast.school.slug, 4])).content.decode()
    assert "Teamagenda: 1 doel" in four
    assert "0 check-ins" in four
