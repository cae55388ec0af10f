"""The board's view and PDF: who may open them, what they show (aggregates only,
suppressed across schools), and a number of queries that does not grow with
the number of schools."""

import datetime
import itertools
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.climate.models import Entry
from sociogram.models import Sociogram, State
from tests.factories import make_group, make_member, make_school, make_user
from welbevinden.schools.models import (
    Board,
    BoardMembership,
    BoardRole,
    Group,
    Pupil,
    Role,
    School,
)
from welbevinden.suppression import suppress_groups, suppress_groups_across

KEYS = ["negatief", "moeizaam", "positief", "versterkend"]


# Suppression across schools ---------------------------------------------------------


def _levels(unit, levels):
    return {(unit, index): level for index, level in enumerate(levels)}


def test_one_hidden_school_makes_a_second_one_hidden():
    # A school of two groups is hidden (fewer than 3); the board's counts minus
    # the other school's would give its two groups' levels: that one goes too.
    schools = {
        "a": _levels("a", ["negatief", "moeizaam"]),
        "b": _levels("b", ["positief", "versterkend", "positief"]),
        "c": _levels("c", ["moeizaam", "positief", "versterkend", "negatief"]),
    }
    shown, whole = suppress_groups_across(schools, KEYS, 3)
    assert shown["a"].any_hidden
    assert not whole.any_hidden
    # The smallest school still shown is hidden as well.
    assert shown["b"].any_hidden
    assert not shown["c"].any_hidden
    assert shown["b"].total == 3  # the totals stay, as on the school's own dashboard


def test_nothing_more_is_hidden_when_every_school_may_be_shown():
    schools = {
        "a": _levels("a", ["negatief", "moeizaam", "positief"]),
        "b": _levels("b", ["positief", "versterkend", "positief"]),
    }
    shown, whole = suppress_groups_across(schools, KEYS, 3)
    assert not any(s.any_hidden for s in shown.values())
    assert whole.cells == {"negatief": 1, "moeizaam": 1, "positief": 3, "versterkend": 1}


def test_nothing_hidden_can_be_worked_out_from_the_board_and_the_schools():
    # Someone who sees the board's counts and every school's shown counts can
    # work out exactly the hidden schools' counts together: they must always be
    # counts the rule itself would show (or none at all).
    rng = random.Random(7)
    levels = [*KEYS, None]
    for _ in range(3000):
        schools = {
            unit: _levels(unit, [rng.choice(levels) for _ in range(rng.randint(0, 5))])
            for unit in range(rng.randint(1, 4))
        }
        shown, whole = suppress_groups_across(schools, KEYS, 3)
        if whole.any_hidden:
            continue
        for unit, counts in shown.items():
            assert counts.total == suppress_groups(schools[unit], KEYS, 3).total
        hidden = {g: lv for u, s in shown.items() if s.any_hidden for g, lv in schools[u].items()}
        left = suppress_groups(hidden, KEYS, 3)
        assert not left.total or not left.any_hidden, schools


# The page -------------------------------------------------------------------------------


@pytest.fixture
def demo(db, handreiking):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    return Board.objects.get(slug="golfslag")


def _login(client, email):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email=email))


@pytest.mark.parametrize("email", ["bestuurder@golfslag.example", "staf@golfslag.example"])
def test_a_board_member_sees_both_schools_and_no_group_or_pupil(client, demo, email):
    _login(client, email)
    response = client.get(reverse("boards:board", args=[demo.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Basisschool De Kiezel" in html and "Scholengemeenschap De Rimpeling" in html
    assert "Het hele bestuur" in html
    for group in Group.objects.all():
        assert f">{group.name}<" not in html and f"{group.name}:" not in html
    for pupil in Pupil.objects.all()[:40]:
        assert pupil.display_name not in html
    # Every note stays with its school: not one of their texts is on the page.
    for entry in Entry.objects.exclude(worries="")[:20]:
        assert entry.worries[:40] not in html
    for entry in Entry.objects.exclude(went_well="")[:20]:
        assert entry.went_well[:40] not in html


def test_the_board_pdf_downloads(client, demo):
    _login(client, "bestuurder@golfslag.example")
    response = client.get(reverse("boards:report", args=[demo.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "bestuursrapport-golfslag" in response["Content-Disposition"]


def test_a_board_only_member_lands_on_the_board(client, demo):
    _login(client, "staf@golfslag.example")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url == reverse("boards:board", args=[demo.slug])


def test_a_bad_year_says_so_and_shows_the_current_one(client, demo):
    _login(client, "bestuurder@golfslag.example")
    response = client.get(reverse("boards:board", args=[demo.slug]), {"jaar": "1999"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Dat schooljaar staat niet bij dit bestuur." in html
    assert "Basisschool De Kiezel" in html
    response = client.get(reverse("boards:report", args=[demo.slug]), {"jaar": "abc"})
    assert response.status_code == 422
    assert "Kies een schooljaar van dit bestuur." in response.content.decode()


@pytest.mark.parametrize("name", ["boards:board", "boards:report"])
def test_outsiders_get_404(client, demo, name):
    url = reverse(name, args=[demo.slug])
    # A school's directie and IB'er are no board members.
    for email in ("directie@kiezel.example", "noor.hendriks@bestuur.example"):
        _login(client, email)
        assert client.get(url).status_code == 404, email
    # Nor is someone of another board, or a board member made inactive.
    other = Board.objects.create(name="Ander bestuur")
    stranger = make_user()
    BoardMembership.objects.create(user=stranger, board=other, role=BoardRole.STAF)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    BoardMembership.objects.filter(board=demo, user__email="staf@golfslag.example").update(
        is_active=False
    )
    _login(client, "staf@golfslag.example")
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_board_member_cannot_post(client, demo):
    _login(client, "bestuurder@golfslag.example")
    assert client.post(reverse("boards:board", args=[demo.slug])).status_code == 405


# Queries ----------------------------------------------------------------------------------


def _board_of(n_schools, handreiking):
    board = Board.objects.create(name=f"Bestuur van {n_schools}")
    day = datetime.date(2026, 10, 5)
    levels = itertools.cycle(KEYS)
    for i in range(n_schools):
        school = make_school(name=f"School {n_schools}-{i}")
        school.board = board
        school.save()
        teacher = make_member(school, Role.LERAAR)
        for g in range(4):
            group = make_group(school, name=f"Groep {g + 1}")
            Entry.objects.create(
                school=school, group=group, author=teacher.user, day=day, level=next(levels)
            )
            Sociogram.objects.create(
                school=school,
                group=group,
                title="Najaar",
                state=State.CLOSED,
                closed_at=datetime.datetime(2026, 10, 6, 12, tzinfo=datetime.UTC),
            )
    member = make_user()
    BoardMembership.objects.create(user=member, board=board, role=BoardRole.BESTUURDER)
    return board, member


def _queries(client, board, member):
    client.force_login(member)
    url = reverse("boards:board", args=[board.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_the_number_of_schools(client, db, handreiking, settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    small = _queries(client, *_board_of(2, handreiking))
    large = _queries(client, *_board_of(7, handreiking))
    assert small == large
    assert School.objects.filter(board__name="Bestuur van 7").count() == 7
    # The session, the user, the board membership, the years, the schools and
    # each module's two.
    assert large <= 14
