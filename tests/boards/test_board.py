"""The board's view and PDF: who may open them, what they show (aggregates only,
suppressed across schools), and a number of queries that does not grow with
the number of schools."""

import datetime
import itertools
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from circles.climate.models import Entry
from sociogram.models import Sociogram, State
from tests.factories import in_school, make_group, make_member, make_school, make_user
from welbevinden.core import pagecache
from welbevinden.schools.models import (
    Board,
    BoardMembership,
    BoardRole,
    Group,
    Pupil,
    Role,
    School,
)
from welbevinden.suppression import suppress_groups_across

KEYS = ["negatief", "moeizaam", "positief", "versterkend"]


# Suppression across schools ---------------------------------------------------------


def _levels(unit, levels):
    return {(unit, index): level for index, level in enumerate(levels)}


def test_one_hidden_school_leaves_the_board_only_its_total():
    # A school of two groups is hidden (fewer than 3), and one of three on one
    # level: the board's counts minus the others' would give them away.
    schools = {
        "a": _levels("a", ["negatief", "moeizaam"]),
        "b": _levels("b", ["positief", "positief", "positief"]),
        "c": _levels("c", ["moeizaam", "positief", "versterkend", "negatief"]),
    }
    shown, whole = suppress_groups_across(schools, KEYS, 3)
    assert shown["a"].any_hidden and shown["b"].any_hidden
    assert not shown["c"].any_hidden
    assert whole.cells == dict.fromkeys(KEYS) and whole.total == 9
    assert shown["b"].total == 3  # the totals stay, as on the school's own dashboard


def test_the_board_shows_its_counts_when_every_school_does():
    schools = {
        "a": _levels("a", ["negatief", "moeizaam", "positief"]),
        "b": _levels("b", ["positief", "versterkend", "positief"]),
        "c": _levels("c", [None, None]),  # no notes yet: nothing to hide
    }
    shown, whole = suppress_groups_across(schools, KEYS, 3)
    assert not shown["a"].any_hidden and not shown["b"].any_hidden
    assert whole.cells == {"negatief": 1, "moeizaam": 1, "positief": 3, "versterkend": 1}


def _page(schools, keys):
    shown, whole = suppress_groups_across(schools, keys, 3)
    return (
        tuple((unit, tuple(c.cells.values()), c.total) for unit, c in shown.items()),
        (tuple(whole.cells.values()), whole.total),
    ), shown


@pytest.mark.parametrize("n_schools", [2, 3])
def test_a_hidden_schools_counts_never_follow_from_the_page(n_schools):
    # Someone who knows this rule and sees all a board's page shows (each
    # school's counts or total, the board's counts or total) must never be able
    # to tell a hidden school's counts: every page a hidden school appears
    # hidden on comes from at least two of its possible counts. Every board of
    # two or three schools of up to four groups on three levels.
    keys = KEYS[:3]
    vectors = [v for v in itertools.product(range(5), repeat=len(keys)) if sum(v) <= 4]

    def levels_of(unit, vector):
        levels = [key for key, n in zip(keys, vector, strict=True) for _ in range(n)]
        return _levels(unit, levels)

    seen: dict = {}
    for board in itertools.product(vectors, repeat=n_schools):
        schools = {unit: levels_of(unit, vector) for unit, vector in enumerate(board)}
        page, shown = _page(schools, keys)
        for unit, counts in shown.items():
            if counts.total and counts.any_hidden:
                seen.setdefault((page, unit), set()).add(board[unit])
    assert seen
    determined = [key for key, possible in seen.items() if len(possible) < 2]
    assert not determined, determined[:3]


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


def _queries(client, board, member, *, built=False):
    """The queries of a second view of the board; ``built``: with the kept overview gone."""
    client.force_login(member)
    url = reverse("boards:board", args=[board.slug])
    client.get(url)
    if built:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_the_number_of_schools(client, db, handreiking, settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    boards = {n: _board_of(n, handreiking) for n in (2, 7)}
    assert School.objects.filter(board__name="Bestuur van 7").count() == 7
    built = {n: _queries(client, *boards[n], built=True) for n in boards}
    kept = {n: _queries(client, *boards[n]) for n in boards}
    assert built[2] == built[7]
    assert kept[2] == kept[7]
    # Built: the session, the user, the board membership, the years, the
    # schools and each module's two.
    assert built[7] <= 14
    # Kept: the same without the modules' six (and one read of their stamps).
    assert kept[7] <= built[7] - 6


# The kept overview ------------------------------------------------------------------------


def test_building_the_overview_reads_only_the_tables_it_is_kept_under(demo):
    from welbevinden.boards.overview import build_overview, read_tables, years_of

    years, current = years_of(demo)
    schools = list(School.objects.filter(board=demo))
    with pagecache.reading() as read:
        years_of(demo)
        build_overview(demo, schools, current, years, timezone.localdate())
    assert read, "the overview reads tables"
    assert read <= read_tables() | pagecache.shared_tables(), read - read_tables()


def _totals(response):
    """Per school of the board's view: its groups with a shared note, and its groups."""
    return {
        row.school.name: (row.climate.total, row.groups)
        for row in response.context["overview"].rows
    }


def test_a_write_in_one_school_shows_on_the_next_board_view(client, db, handreiking, settings):
    from welbevinden.boards import overview

    settings.TIME_ZONE = "Europe/Amsterdam"
    board, member = _board_of(3, handreiking)
    other = make_school(name="Elders")
    client.force_login(member)
    url = reverse("boards:board", args=[board.slug])
    builds = []
    real = overview.build_overview

    def counting(*args, **kwargs):
        builds.append(args)
        return real(*args, **kwargs)

    with mock.patch.object(overview, "build_overview", counting):
        first = _totals(client.get(url))
        assert first["School 3-1"][1] == 4
        assert _totals(client.get(url)) == first
        assert len(builds) == 1, "the second view is the kept overview"
        # One school makes a fifth group: the board's view counts it at once.
        school = School.objects.get(name="School 3-1")
        teacher = school.memberships.first()
        group = in_school(school.slug, lambda: make_group(school, name="Groep 5"))
        second = _totals(client.get(url))
        assert len(builds) == 2
        assert second["School 3-1"] == (first["School 3-1"][0], 5)
        assert {k: v for k, v in second.items() if k != "School 3-1"} == {
            k: v for k, v in first.items() if k != "School 3-1"
        }
        # A shared note in it: built anew too.
        in_school(
            school.slug,
            lambda: Entry.objects.create(
                school=school,
                group=group,
                author=teacher.user,
                day=datetime.date(2026, 10, 5),
                level="negatief",
            ),
        )
        second = _totals(client.get(url))
        assert len(builds) == 3
        # A write in a school of another board leaves this board's view as it was.
        in_school(other.slug, lambda: make_group(other, name="Groep 1"))
        assert _totals(client.get(url)) == second
        assert len(builds) == 3


def test_without_a_page_cache_the_overview_is_built_every_time(client, db, handreiking, settings):
    from welbevinden.boards import overview

    settings.TIME_ZONE = "Europe/Amsterdam"
    settings.PAGE_CACHE_SECONDS = 0
    board, member = _board_of(2, handreiking)
    client.force_login(member)
    url = reverse("boards:board", args=[board.slug])
    with mock.patch.object(overview, "build_overview", wraps=overview.build_overview) as build:
        client.get(url)
        client.get(url)
    assert build.call_count == 2


def test_a_board_member_who_teaches_at_one_of_its_schools_gets_403(client, demo):
    # Joris teaches Groep 5 at De Kiezel: he knows its level, which the board's
    # counts do not take out.
    joris = get_user_model().objects.get(email="joris@kiezel.example")
    BoardMembership.objects.create(user=joris, board=demo, role=BoardRole.STAF)
    client.force_login(joris)
    for name in ("boards:board", "boards:report"):
        response = client.get(reverse(name, args=[demo.slug]))
        assert response.status_code == 403
        assert "zelf lesgeeft" in response.content.decode()
    # A board member at a school without a group of their own (an IB'er) is not.
    noor = get_user_model().objects.get(email="noor.hendriks@bestuur.example")
    BoardMembership.objects.create(user=noor, board=demo, role=BoardRole.STAF)
    client.force_login(noor)
    assert client.get(reverse("boards:board", args=[demo.slug])).status_code == 200


def test_a_board_without_schools_says_so(client, db):
    board = Board.objects.create(name="Leeg bestuur")
    member = make_user()
    BoardMembership.objects.create(user=member, board=board, role=BoardRole.BESTUURDER)
    client.force_login(member)
    response = client.get(reverse("boards:board", args=[board.slug]))
    assert response.status_code == 200
    assert "Er staan nog geen scholen bij dit bestuur." in response.content.decode()
    response = client.get(reverse("boards:report", args=[board.slug]))
    assert response.status_code == 422
