"""Every create form is sent once: the same POST twice makes one object, and the second
answer leads to what the first made (welbevinden/core/once.py; issue 19, point 7)."""

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.urls import reverse

from checklists import services as checklists_services
from checklists.models import Action, CheckIn, Goal
from circles.climate.models import ClassConversation, Entry
from circles.models import Partner
from circles.services import load_handreiking
from pyramid.models import Item
from pyramid.services import start_pyramid
from sociogram import questions as q
from sociogram.models import SeatingPlan, Sociogram
from sociogram.services import create_sociogram, save_seating_plan
from tests.factories import make_member
from welbevinden.core.models import FormToken
from welbevinden.schools.models import Role


@dataclass
class Case:
    who: str  # the cast member who sends the form
    form_url: str  # the page with the form
    post_url: str  # where it is sent
    data: dict
    count: Callable[[], int]


def _token(page: str) -> str:
    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', page).group(1)


def _s(cast, name, *args):
    return reverse(name, args=[cast.school.slug, *args])


def _sociogram(cast):
    questions = q.defaults()
    for question in questions:
        question["on"] = question["key"] in ("speel-graag", "zit-graag")
    return create_sociogram(
        group=cast.group, user=cast.leraar.user, title="Najaar", questions=questions, max_choices=3
    )


def _with_plan(cast):
    sociogram = _sociogram(cast)
    pupils = list(sociogram.respondents.values_list("pk", flat=True))
    save_seating_plan(
        sociogram=sociogram,
        rows=2,
        cols=2,
        arrangement="pairs",
        seats=dict(enumerate(pupils)),
        locked=[],
        seed=1,
        user=cast.leraar.user,
    )
    return sociogram


def _goal(cast):
    return checklists_services.create_goal(
        school=cast.school,
        year=cast.school.current_year(),
        data={"title": "Iedereen kent de regels"},
        user=cast.kernteam.user,
    )


def _setup_data():
    data = {"title": "Voorjaar", "max_choices": "3"}
    for key in ("speel-graag", "zit-graag", "werk-graag", "speel-niet", "zit-niet", "werk-niet"):
        data[f"text-{key}"] = "Met wie speel je graag?" if key == "speel-graag" else "x"
        data[f"feeds-{key}"] = "on"
    data["on-speel-graag"] = "on"
    return data


def climate_note(cast):
    url = _s(cast, "climate:entry_new", cast.group.code)
    data = {
        "day": "2026-10-05",
        "level": "moeizaam",
        "phase": "storming",
        "time_spent": "meer-tijd",
        "approach": "reactief",
        "went_well": "De kring ging goed.",
        "visibility": "shared",
    }
    return Case("leraar", url, url, data, Entry.objects.count)


def climate_conversation(cast):
    url = _s(cast, "climate:conversation_new", cast.group.code)
    data = {"day": "2026-10-05", "questions": ["sfeer"], "outcome": "Meer samen vieren."}
    return Case("leraar", url, url, data, ClassConversation.objects.count)


def goal(cast):
    url = _s(cast, "checklists:goal_new")
    data = {"title": "Regels zichtbaar in elke klas", "target": "De hele school"}
    return Case("kernteam", url, url, data, Goal.objects.count)


def action(cast):
    found = _goal(cast)
    data = {"what": "Posters ophangen", "who": "", "due": ""}
    return Case(
        "kernteam",
        _s(cast, "checklists:goal", found.code),
        _s(cast, "checklists:action_add", found.code),
        data,
        Action.objects.count,
    )


def check_in(cast):
    data = {"meeting": "Teamvergadering", "prompt": "weerbericht"}
    return Case(
        "kernteam",
        _s(cast, "checklists:check_ins"),
        _s(cast, "checklists:check_in_start"),
        data,
        CheckIn.objects.count,
    )


def pyramid_item(cast):
    pyramid = start_pyramid(
        school=cast.school, year=cast.school.current_year(), user=cast.kernteam.user
    )
    url = _s(cast, "pyramid:item_add", pyramid.code)
    data = {
        "layer": "basis",
        "name": "Kanjertraining",
        "reach_kind": "all",
        "evidence": "erkend",
        "status": "loopt",
        "owner": "",
    }
    return Case("kernteam", url, url, data, Item.objects.count)


def partner(cast):
    url = _s(cast, "circles:partner_add")
    data = {"name": "Wijkteam Oost", "kind": "wijkteam"}
    return Case("kernteam", url, url, data, Partner.objects.count)


def sociogram_afname(cast):
    url = _s(cast, "sociogram:new", cast.group.code)
    return Case("leraar", url, url, _setup_data(), Sociogram.objects.count)


def seating_version(cast):
    sociogram = _sociogram(cast)
    return Case(
        "leraar",
        _s(cast, "sociogram:seating", sociogram.code),
        _s(cast, "sociogram:seating_generate", sociogram.code),
        {"rows": "2", "cols": "2", "arrangement": "pairs", "seed": "1"},
        SeatingPlan.objects.count,
    )


def seating_swap(cast):
    # Twice the same swap would undo it: the second send must change nothing.
    sociogram = _with_plan(cast)
    latest = SeatingPlan.objects.filter(sociogram=sociogram).latest("version")
    return Case(
        "leraar",
        _s(cast, "sociogram:seating", sociogram.code),
        _s(cast, "sociogram:seating_swap", sociogram.code),
        # The swap names the plan version it was made on (a stale page saves nothing).
        {"van": "0", "naar": "1", "versie": str(latest.version)},
        SeatingPlan.objects.count,
    )


CASES = [
    climate_note,
    climate_conversation,
    goal,
    action,
    check_in,
    pyramid_item,
    partner,
    sociogram_afname,
    seating_version,
    seating_swap,
]


@pytest.fixture(autouse=True)
def handreiking(db):
    load_handreiking()


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_the_same_form_sent_twice_makes_one_object_and_leads_to_it(client, cast, make):
    case = make(cast)
    client.force_login(getattr(cast, case.who).user)
    page = client.get(case.form_url)
    assert page.status_code == 200
    sent = {**case.data, "form_token": _token(page.content.decode())}
    before = case.count()

    first = client.post(case.post_url, sent)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert case.count() == before + 1
    again = client.post(case.post_url, sent)

    assert case.count() == before + 1
    assert again.status_code == 302
    assert again.url == first.url
    assert "Dit was al verstuurd" in client.get(again.url).content.decode()


def test_a_new_form_makes_a_new_object(client, cast):
    case = climate_note(cast)
    client.force_login(cast.leraar.user)
    for _ in range(2):
        token = _token(client.get(case.form_url).content.decode())
        client.post(case.post_url, {**case.data, "form_token": token})
    assert Entry.objects.count() == 2


def test_a_form_sent_back_with_errors_keeps_its_token_and_still_saves_once(client, cast):
    case = climate_note(cast)
    client.force_login(cast.leraar.user)
    token = _token(client.get(case.form_url).content.decode())
    refused = client.post(case.post_url, {**case.data, "level": "", "form_token": token})
    assert refused.status_code == 200 and Entry.objects.count() == 0
    assert _token(refused.content.decode()) == token
    assert not FormToken.objects.exists()  # the refused send claimed nothing
    client.post(case.post_url, {**case.data, "form_token": token})
    client.post(case.post_url, {**case.data, "form_token": token})
    assert Entry.objects.count() == 1


def test_a_token_is_one_persons_own(client, cast):
    # A colleague sending the same token (a copied page) makes their own note.
    case = climate_note(cast)
    colleague = make_member(cast.school, Role.LERAAR, groups=[cast.group], full_name="Co Leraar")
    client.force_login(cast.leraar.user)
    token = _token(client.get(case.form_url).content.decode())
    client.post(case.post_url, {**case.data, "form_token": token})
    client.force_login(colleague.user)
    client.post(case.post_url, {**case.data, "form_token": token})
    assert sorted(Entry.objects.values_list("author__full_name", flat=True)) == [
        "Co Leraar",
        "Lars Leraar",
    ]


def test_a_form_without_a_token_is_served_as_before(client, cast):
    case = climate_note(cast)
    client.force_login(cast.leraar.user)
    client.post(case.post_url, case.data)
    client.post(case.post_url, {**case.data, "form_token": "geen-token"})
    assert Entry.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_double_click_sends_two_at_once_and_makes_one(cast, settings):
    """Two requests at the same moment meet at the unique constraint."""
    from django.test import Client

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the two cannot overlap there")
    case = climate_note(cast)
    token = "3f1c9d0e-8a47-4c3b-9e0f-1a2b3c4d5e6f"
    answers = []

    def send():
        browser = Client()
        browser.force_login(cast.leraar.user)
        answers.append(browser.post(case.post_url, {**case.data, "form_token": token}))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Entry.objects.count() == 1
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].url == answers[1].url


def test_the_daily_purge_deletes_tokens_older_than_a_day(cast):
    import datetime
    import uuid
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    old = FormToken.objects.create(user=cast.leraar.user, token=uuid.uuid4(), url="/a/")
    new = FormToken.objects.create(user=cast.leraar.user, token=uuid.uuid4(), url="/b/")
    FormToken.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    out = StringIO()
    call_command("purge_login_records", stdout=out)
    assert list(FormToken.objects.values_list("pk", flat=True)) == [new.pk]
    assert "1 form token(s)" in out.getvalue()
