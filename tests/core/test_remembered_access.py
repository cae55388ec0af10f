"""The access layer's user and memberships are kept between a member's pages
(``pagecache.remembered``), and read afresh after any change to them (issue 24)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from welbevinden.core import pagecache
from welbevinden.schools.models import Role


def _home(membership):
    return reverse("dashboard:home", args=[membership.school.slug])


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, [query["sql"] for query in captured.captured_queries]


def _reads(queries, table):
    return any(f'FROM "{table}"' in sql for sql in queries)


def test_a_members_next_page_reads_neither_user_nor_memberships(login, cast):
    client = login(cast.kernteam)
    response, queries = _queries(client, _home(cast.kernteam))
    assert response.status_code == 200
    assert not _reads(queries, "accounts_user")
    assert not _reads(queries, "schools_membership")
    # Served again from the page cache: the session only (the cache is in memory here).
    assert len(queries) == 1


def test_a_member_whose_membership_ends_is_refused_on_their_next_page(login, cast, client):
    login(cast.leraar)
    assert client.get(_home(cast.leraar)).status_code == 200
    beheer = cast.beheerder
    beheerder = type(client)()
    beheerder.force_login(beheer.user)
    response = beheerder.post(
        reverse("schools:member_deactivate", args=[cast.school.slug, cast.leraar.code])
    )
    assert response.status_code == 302
    cast.leraar.refresh_from_db()
    assert not cast.leraar.is_active
    # Refused: their sessions end with the membership, or the school is not theirs.
    assert client.get(_home(cast.leraar)).status_code in (302, 404)


def test_a_role_taken_away_is_refused_on_the_next_page(login, cast, client):
    login(cast.kernteam)
    route = reverse("checklists:route", args=[cast.school.slug])
    assert client.get(route).status_code == 200
    assert client.get(route).status_code == 200
    cast.kernteam.set_roles([Role.LERAAR])
    cast.kernteam.save()
    assert client.get(route).status_code == 403


def test_a_user_made_inactive_is_logged_out_on_the_next_page(login, cast, client):
    login(cast.leraar)
    cast.leraar.user.is_active = False
    cast.leraar.user.save(update_fields=["is_active"])
    response = client.get(_home(cast.leraar))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_password_changed_elsewhere_ends_this_session(login, cast, client):
    login(cast.leraar)
    cast.leraar.user.set_password("een-heel-nieuw-wachtwoord")
    cast.leraar.user.save()
    response = client.get(_home(cast.leraar))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_what_is_kept_is_read_again_after_a_minute_and_is_a_copy(login, cast, client, monkeypatch):
    login(cast.leraar)
    clock = [1000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock[0])
    pagecache._memo.clear()
    page = reverse("pyramid:page", args=[cast.school.slug])
    client.get(page)
    _, queries = _queries(client, reverse("circles:mine", args=[cast.school.slug]))
    assert not _reads(queries, "schools_membership")
    clock[0] += pagecache.MEMO_SECONDS + 1
    _, queries = _queries(client, reverse("circles:circle", args=[cast.school.slug, 1]))
    assert _reads(queries, "schools_membership")


def test_each_request_gets_a_copy_of_its_own(cast, rf):
    from welbevinden.access import load_access

    request = rf.get("/")
    request.user, request.session = cast.leraar.user, {}
    pagecache._snapshot.set(pagecache.Snapshot([]))
    try:
        first = load_access(request, cast.school.slug)
        first.membership.is_kernteam = True
        again = load_access(request, cast.school.slug)
    finally:
        pagecache._snapshot.set(None)
    assert again.membership is not first.membership
    assert again.membership.is_kernteam is False


def test_outside_a_school_page_nothing_is_kept(cast):
    loads = []
    value = pagecache.remembered("x", 1, lambda: loads.append(1) or "waarde")
    pagecache.remembered("x", 1, lambda: loads.append(1) or "waarde")
    assert value == "waarde" and len(loads) == 2


def test_a_post_reads_user_and_memberships_afresh(login, cast, client):
    login(cast.kernteam)
    with CaptureQueriesContext(connection) as captured:
        client.post(reverse("checklists:goal_new", args=[cast.school.slug]), {})
    sql = [query["sql"] for query in captured.captured_queries]
    assert _reads(sql, "accounts_user")
    assert _reads(sql, "schools_membership")
