"""Pages every member opens often are kept by the page cache too (issue 24): their
account page, a team agenda goal, and the beheerder's lists. Served again they
cost the session only; a change shows on the next view."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checklists import services as checklists
from tests.factories import in_school, make_group, make_member
from welbevinden.schools.models import Role

# The session: what a page served from the cache costs in the tests.
ACCESS = 1


def _queries(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries), response.content.decode()


def _kept_then_changed(client, path, change, shows):
    client.get(path)
    assert _queries(client, path)[0] == ACCESS
    change()
    queries, html = _queries(client, path)
    assert queries > ACCESS
    assert shows in html


def test_my_account_is_kept_and_shows_a_new_group(login, cast):
    client = login(cast.leraar)
    path = reverse("schools:my_account", args=[cast.school.slug])

    def change():
        in_school(
            cast.school.slug, lambda: make_group(cast.school, "Groep 8z").teachers.add(cast.leraar)
        )

    _kept_then_changed(client, path, change, "Groep 8z")


def test_a_goal_is_kept_and_shows_a_new_action(login, cast):
    year = cast.school.current_year()
    goal = checklists.create_goal(school=cast.school, year=year, data={"title": "Rust"}, user=None)
    client = login(cast.kernteam)
    path = reverse("checklists:goal", args=[cast.school.slug, goal.code])

    def change():
        in_school(
            cast.school.slug,
            lambda: checklists.add_action(
                goal=goal,
                what="Kringgesprek plannen",
                who=cast.kernteam,
                due=timezone.localdate() + datetime.timedelta(days=7),
            ),
        )

    _kept_then_changed(client, path, change, "Kringgesprek plannen")


def test_the_beheerders_lists_are_kept_and_show_changes(login, cast):
    client = login(cast.beheerder)
    slug = cast.school.slug
    _kept_then_changed(
        client,
        reverse("schools:member_list", args=[slug]),
        lambda: in_school(
            slug, lambda: make_member(cast.school, Role.LERAAR, full_name="Nina Nieuw")
        ),
        "Nina Nieuw",
    )
    _kept_then_changed(
        client,
        reverse("schools:group_list", args=[slug]),
        lambda: in_school(slug, lambda: make_group(cast.school, "Groep 3x")),
        "Groep 3x",
    )
    year_list = reverse("schools:year_list", args=[slug])
    client.get(year_list)
    assert _queries(client, year_list)[0] == ACCESS
    # Its form still posts: a POST is never answered from the cache.
    response = client.post(year_list, {})
    assert response.status_code in (200, 302)
