import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from welbevinden.core.demo import DEMO_PASSWORD
from welbevinden.schools.models import (
    Group,
    Membership,
    Placement,
    Pupil,
    Role,
    School,
    SchoolKind,
    SchoolYear,
)

MODELS = [get_user_model(), School, SchoolYear, Group, Membership, Pupil, Placement]


@pytest.fixture(autouse=True)
def _development(settings):
    # As `make run` does: the demo is for development (the tests run with DEBUG off).
    settings.DEBUG = True


def _snapshot():
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in MODELS}


def test_seed_demo_creates_a_po_and_a_vo_school_and_prints_the_logins(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert set(School.objects.values_list("kind", flat=True)) == {SchoolKind.PO, SchoolKind.VO}
    for school in School.objects.all():
        assert school.current_year() is not None
        groups = Group.objects.filter(school=school)
        assert groups.count() == 3
        for group in groups:
            assert 22 <= group.placements.count() <= 28
        members = Membership.objects.filter(school=school)
        for role in Role:
            assert members.with_role(role).exists(), (school, role)
    printed = out.getvalue()
    assert "beheer@kiezel.example" in printed
    assert DEMO_PASSWORD in printed
    user = get_user_model().objects.get(email="joris@kiezel.example")
    assert user.check_password(DEMO_PASSWORD)


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    before = _snapshot()
    call_command("seed_demo", stdout=StringIO())
    assert _snapshot() == before


def test_one_demo_person_works_for_both_schools(db):
    call_command("seed_demo", stdout=StringIO())
    noor = get_user_model().objects.get(email="noor.hendriks@bestuur.example")
    assert noor.memberships.count() == 2


def test_demo_pupils_carry_only_a_display_name_and_number(db):
    call_command("seed_demo", stdout=StringIO())
    for name in Pupil.objects.values_list("display_name", flat=True):
        first, initial = name.split(" ")
        assert first.isalpha() and len(initial) == 2 and initial.endswith(".")


def test_every_demo_login_from_the_readme_works(client, db, settings):
    call_command("seed_demo", stdout=StringIO())
    readme = (settings.BASE_DIR / "README.md").read_text()
    emails = sorted(set(re.findall(r"`([a-z.]+@[a-z.]+\.example)`", readme)))
    assert len(emails) == 13  # 11 at the two schools, 2 at their board
    for email in emails:
        response = client.post(
            reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        home = client.get(response.url, follow=True)
        assert home.status_code == 200
        assert (
            "Jouw startpunten" in home.content.decode()
            or "Kies een school" in home.content.decode()
            or "Stichting Golfslag" in home.content.decode()
        )
        client.post(reverse("accounts:logout"))


def test_seed_demo_refuses_with_debug_off_and_says_why(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password") as refused:
        call_command("seed_demo", stdout=StringIO())
    assert "--allow-production" in str(refused.value)
    assert not get_user_model().objects.exists()


def test_seed_demo_with_debug_off_runs_when_asked_explicitly(settings, db):
    settings.DEBUG = False
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    assert School.objects.count() == 2


def test_the_demo_team_agenda_shows_one_check_in_in_full_and_hides_the_others(db):
    # A demo where every check-in is suppressed shows an empty trend: one past check-in has
    # every count at 5 or more, the others a count below 5 (only the number that answered).
    from checklists.selectors import check_in_trend

    call_command("seed_demo", stdout=StringIO())
    trend = check_in_trend(School.objects.get(slug="de-kiezel"))
    averages = [row["result"].average for row in trend]
    assert sum(value is not None for value in averages) == 1
    assert sum(value is None for value in averages) == 2
