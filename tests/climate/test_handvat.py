"""The groepsklimaat handvat leads into the log: one place, not two."""

import datetime

from django.urls import reverse
from django.utils import timezone

from circles.climate.carry_over import carry_over
from circles.climate.models import Entry
from circles.models import Handvat, Round
from circles.services import complete_round, save_answers, start_round
from tests.climate.conftest import make_entry


def test_the_handvat_page_leads_into_the_groups_log(login, cast):
    client = login(cast.leraar)
    response = client.get(reverse("circles:handvat", args=[cast.school.slug, "groepsklimaat"]))
    assert response.url == reverse("climate:group_log", args=[cast.school.slug, cast.group.code])
    group_page = reverse(
        "circles:group_handvat", args=[cast.school.slug, cast.group.code, "groepsklimaat"]
    )
    assert client.get(group_page).url == response.url


def test_no_new_round_of_the_handvat_can_be_started(login, cast):
    start = reverse(
        "circles:group_start", args=[cast.school.slug, cast.group.code, "groepsklimaat"]
    )
    response = login(cast.leraar).post(start)
    assert response.status_code == 302
    assert "klimaat" in response.url
    assert not Round.objects.filter(handvat__key="groepsklimaat").exists()


def test_the_circle_page_status_follows_the_log(login, cast):
    client = login(cast.leraar)
    page = client.get(reverse("circles:circle", args=[cast.school.slug, 3])).content.decode()
    assert "Nog geen klimaatnotitie" in page
    make_entry(cast.group, cast.leraar, day=datetime.date(2026, 10, 7))
    page = client.get(reverse("circles:circle", args=[cast.school.slug, 3])).content.decode()
    assert "Laatste klimaatnotitie 7 oktober" in page


def _old_round(cast, answers):
    round = start_round(
        handvat=Handvat.objects.get(key="groepsklimaat"),
        school=cast.school,
        user=cast.leraar.user,
        group=cast.group,
    )
    save_answers(round=round, answers=answers, version=round.version, user=cast.leraar.user)
    complete_round(round=round)
    return round


def test_earlier_rounds_are_carried_over_as_entries_once(cast):
    _old_round(
        cast,
        {
            "klimaat": "moeizaam",
            "voldoende": "meer-tijd",
            "proactief": "reactief",
            "momenten": "De kring op maandag.",
            "kan-ik-goed": "samen afspraken maken",
        },
    )
    _old_round(cast, {"momenten": "Zonder niveau"})
    assert carry_over(Round, Entry) == 1
    assert carry_over(Round, Entry) == 0
    entry = Entry.objects.get()
    assert (entry.group, entry.author, entry.level) == (cast.group, cast.leraar.user, "moeizaam")
    assert (entry.time_spent, entry.approach, entry.visibility) == (
        "meer-tijd",
        "reactief",
        "shared",
    )
    assert entry.day == timezone.localdate()
    assert "De kring op maandag." in entry.carried_over
    assert "Bij het vormen van een klas kan ik goed samen afspraken maken" in entry.carried_over
