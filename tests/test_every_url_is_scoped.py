"""Walks every URL pattern of the project as someone from another school.

A new view that forgets the access layer makes this test fail: every URL that
names a school must answer 404 to a member of a different school (and to a
member of this school who asks for another school's object), for GET and for
POST alike. URLs that are not about one school are listed in UNSCOPED, each
with its reason.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import UUIDConverter

from checklists import services as checklists
from circles.climate.models import Entry
from circles.models import Handvat, Partner, Plan
from circles.services import load_handreiking, save_answers, start_round
from pyramid.services import add_item, start_pyramid
from sociogram.services import create_sociogram
from tests.factories import make_user
from welbevinden.schools.models import (
    Board,
    BoardMembership,
    BoardRole,
    Invitation,
    Membership,
    Pupil,
    PupilImport,
    SchoolYear,
)
from welbevinden.schools.services import invite_member

# URL name -> why it does not name a school.
UNSCOPED = {
    "core:home": "sends the user to their own school",
    "accounts:login": "before anyone is a member",
    "accounts:logout": "ends the user's own session",
    "accounts:keepalive": "keeps the user's own session open",
    "accounts:password_change": "the user's own password",
    "accounts:password_change_done": "the user's own password",
    "accounts:password_reset": "by e-mail, before logging in",
    "accounts:password_reset_done": "by e-mail, before logging in",
    "accounts:password_reset_confirm": "by a signed token, before logging in",
    "accounts:password_reset_complete": "by e-mail, before logging in",
    "schools:invitation_accept": "by a secret token; tested in test_invitations",
    "accounts:csrf": "hands the browser a fresh CSRF token, nothing of a school",
    "circles:about": "the handreiking's public introduction",
    "sociogram:pupil_start": "a pupil's one-time code, no account; tested in tests/sociogram",
    "sociogram:pupil_question": "a pupil's one-time code, no account; tested in tests/sociogram",
    "sociogram:pupil_done": "a pupil's one-time code, no account; tested in tests/sociogram",
    "boards:board": "names a board, not a school; its access is tested in tests/boards",
    "boards:report": "names a board, not a school; its access is tested in tests/boards",
    "boards:report_start": "names a board, not a school; its access is tested in tests/boards",
    "boards:job": "names a board, not a school; its access is tested in tests/boards",
    "boards:job_download": "names a board, not a school; its access is tested in tests/boards",
}
# Values for URL parts that name content rather than a school's object.
CONTENT_KWARGS = {
    "number": 1,
    "key": "eigen-instrument",
    "size": "a4",
    "layer": "basis",
    "short": "ABCDE",
}
# Django's admin is for staff accounts only and answers everyone else with
# its own login page.
SKIPPED_NAMESPACES = {"admin"}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            converters = entry.pattern.converters
            CONVERTERS[name] = converters
            yield name, prefix + str(entry.pattern), list(converters)


CONVERTERS = {}
ALL_URLS = sorted(_walk(get_resolver().url_patterns))
SCOPED_URLS = [url for url in ALL_URLS if url[0] not in UNSCOPED]
OBJECT_URLS = [
    url
    for url in SCOPED_URLS
    if any(isinstance(c, UUIDConverter) for c in CONVERTERS[url[0]].values())
]


def test_every_url_is_either_scoped_to_a_school_or_listed_as_unscoped():
    unnamed = [route for name, route, _ in ALL_URLS if name is None]
    assert not unnamed, f"Give these URL patterns a name: {unnamed}"
    loose = [name for name, _, kwargs in SCOPED_URLS if "school" not in kwargs]
    assert not loose, (
        f"{loose} do not name a school. Put them under s/<slug:school>/ and load objects "
        "through welbevinden.access, or add them to UNSCOPED with a reason."
    )


@pytest.fixture
def other_school_objects(other, rf):
    """Codes of one object of every school-scoped kind in the other school."""
    invitation = invite_member(
        school=other.school,
        email="nieuw@vaarwater.example",
        full_name="",
        roles=["leraar"],
        groups=[],
        invited_by=other.beheerder.user,
        build_url=lambda token: f"http://testserver/uitnodiging/{token}/",
    )
    load_handreiking()
    personal = start_round(
        handvat=Handvat.objects.get(key="ruimte-voor-ontspanning"),
        school=other.school,
        user=other.leraar.user,
    )
    group = start_round(
        handvat=Handvat.objects.get(key="groepsklimaat"),
        school=other.school,
        user=other.leraar.user,
        group=other.group,
    )
    school = start_round(
        handvat=Handvat.objects.get(key="checklist"), school=other.school, user=other.beheerder.user
    )
    save_answers(
        round=personal, answers={"plan": {"wat": "Wandelen"}}, version=0, user=other.leraar.user
    )
    partner = Partner.objects.create(school=other.school, name="Wijkteam", kind="wijkteam")
    entry = Entry.objects.create(
        school=other.school,
        group=other.group,
        author=other.leraar.user,
        day=datetime.date(2026, 10, 1),
        level="moeizaam",
    )
    pyramid = start_pyramid(
        school=other.school, year=other.school.current_year(), user=other.beheerder.user
    )
    item = add_item(pyramid=pyramid, data={"name": "Kanjertraining", "layer": "basis"}, user=None)
    sociogram = create_sociogram(
        group=other.group, user=other.leraar.user, title="Najaar", questions=[], max_choices=None
    )
    year = other.school.current_year()
    checklist = checklists.round_of(school=other.school, year=year, key="beginsituatie")
    goal = checklists.create_goal(school=other.school, year=year, data={"title": "Doel"}, user=None)
    action = checklists.add_action(goal=goal, what="Actie", who=None, due=None)
    check_in = checklists.start_check_in(
        school=other.school, meeting="Team", prompt="emoji", user=None
    )
    return [
        sociogram.code,
        checklist.code,
        goal.code,
        action.code,
        check_in.code,
        pyramid.code,
        item.code,
        personal.code,
        group.code,
        school.code,
        Plan.objects.get(round=personal).code,
        partner.code,
        SchoolYear.objects.get(school=other.school).code,
        other.group.code,
        Pupil.objects.get(school=other.school).code,
        other.leraar.code,
        Membership.objects.filter(school=other.school).first().code,
        Invitation.objects.get(pk=invitation.pk).code,
        entry.code,
        PupilImport.objects.create(
            school=other.school,
            kind="csv",
            start_year=2026,
            data={"kind": "csv", "pupils": [], "groups": {}, "warnings": [], "school_year": ""},
        ).code,
    ]


def _urls_for(name, kwargs, school_slug, codes):
    converters = CONVERTERS[name]
    fixed = {"school": school_slug}
    object_kwargs = []
    for kwarg in kwargs:
        if kwarg == "school":
            continue
        if isinstance(converters[kwarg], UUIDConverter):
            object_kwargs.append(kwarg)
        else:
            assert kwarg in CONTENT_KWARGS, f"{name}: give the URL part {kwarg!r} a test value"
            fixed[kwarg] = CONTENT_KWARGS[kwarg]
    if not object_kwargs:
        yield reverse(name, kwargs=fixed)
        return
    for code in codes:
        yield reverse(name, kwargs={**fixed, **dict.fromkeys(object_kwargs, code)})


@pytest.mark.parametrize(("name", "route", "kwargs"), SCOPED_URLS, ids=[u[0] for u in SCOPED_URLS])
def test_a_member_of_another_school_gets_404(
    client, cast, other, other_school_objects, name, route, kwargs
):
    client.force_login(cast.beheerder.user)
    for url in _urls_for(name, kwargs, other.school.slug, other_school_objects):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, f"{method.__name__.upper()} {url}"


@pytest.mark.parametrize(("name", "route", "kwargs"), OBJECT_URLS, ids=[u[0] for u in OBJECT_URLS])
def test_another_schools_object_is_404_inside_ones_own_school(
    client, cast, other, other_school_objects, name, route, kwargs
):
    client.force_login(cast.beheerder.user)
    for url in _urls_for(name, kwargs, cast.school.slug, other_school_objects):
        # Inside one's own school the method is checked first (405 says
        # nothing about the object), so ask with the method the view takes.
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        assert response.status_code == 404, url


@pytest.mark.parametrize(("name", "route", "kwargs"), SCOPED_URLS, ids=[u[0] for u in SCOPED_URLS])
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client, other, other_school_objects, name, route, kwargs
):
    login_url = reverse("accounts:login")
    for url in _urls_for(name, kwargs, other.school.slug, other_school_objects[:1]):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(login_url)


@pytest.mark.parametrize(("name", "route", "kwargs"), SCOPED_URLS, ids=[u[0] for u in SCOPED_URLS])
def test_a_member_of_the_schools_board_gets_404(
    client, other, other_school_objects, name, route, kwargs
):
    # The board sees the schools' figures on its own page, never a school's page.
    board = Board.objects.create(name="Stichting Testbestuur")
    other.school.board = board
    other.school.save()
    member = make_user()
    BoardMembership.objects.create(user=member, board=board, role=BoardRole.BESTUURDER)
    client.force_login(member)
    for url in _urls_for(name, kwargs, other.school.slug, other_school_objects):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, f"{method.__name__.upper()} {url}"


def test_a_deactivated_member_is_an_outsider(client, cast):
    cast.leraar.is_active = False
    cast.leraar.save()
    client.force_login(cast.leraar.user)
    response = client.get(reverse("dashboard:home", args=[cast.school.slug]))
    assert response.status_code == 404
