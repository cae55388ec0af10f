"""The page cache (welbevinden/core/pagecache.py) serves a main page again only while
nothing it shows has changed, and only to the browser session it was rendered for."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from circles.models import Handvat
from circles.services import start_round
from tests.factories import make_member, make_pupil
from welbevinden.core import pagecache
from welbevinden.core.pagecache import is_cached
from welbevinden.schools.models import Group, Membership, Pupil, Role


def _home(membership):
    return reverse("dashboard:home", args=[membership.school.slug])


# What a page served from the cache costs: the session (tests keep the cache
# in memory; the user and memberships are kept between pages).
ACCESS = 1


def _queries(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_a_repeated_page_is_served_from_the_cache_with_only_the_access_queries(login, cast):
    client = login(cast.leraar)
    path = reverse("circles:circle", args=[cast.school.slug, 3])
    rendered, first = _queries(client, path)
    cached, second = _queries(client, path)
    # The session: the access layer runs on every request, with the user and
    # memberships kept between pages (pagecache.remembered).
    assert cached == ACCESS < rendered
    assert second == first


def test_a_write_through_a_form_shows_on_the_next_page(login, cast):
    client = login(cast.beheerder)
    path = reverse("schools:group_detail", args=[cast.school.slug, cast.group.code])
    assert "Groep 6z" not in client.get(path).content.decode()
    response = client.post(
        reverse("schools:group_edit", args=[cast.school.slug, cast.group.code]),
        {"name": "Groep 6z"},
    )
    assert response.status_code == 302, response.content.decode()
    assert "Groep 6z" in client.get(path).content.decode()


def test_a_bulk_update_outside_a_request_shows_on_the_next_page(login, cast):
    client = login(cast.beheerder)
    path = reverse("schools:group_detail", args=[cast.school.slug, cast.group.code])
    client.get(path)
    # No model signal is sent for this; the database connection sees it.
    Group.objects.filter(pk=cast.group.pk).update(name="Groep 6y")
    assert "Groep 6y" in client.get(path).content.decode()


def test_another_member_never_gets_my_page(login, cast):
    path = _home(cast.leraar)
    mine = login(cast.leraar).get(path).content.decode()
    assert f", {cast.leraar.user.get_short_name()}</h1>" in mine
    theirs = login(cast.kernteam).get(path).content.decode()
    assert f", {cast.leraar.user.get_short_name()}</h1>" not in theirs
    assert f", {cast.kernteam.user.get_short_name()}</h1>" in theirs


def test_a_new_session_of_the_same_member_renders_its_own_page(login, cast):
    client = login(cast.leraar)
    path = reverse("circles:circle", args=[cast.school.slug, 3])
    client.get(path)
    assert _queries(client, path)[0] == ACCESS
    client.logout()
    client = login(cast.leraar)
    # A new session (and its new CSRF secret): its page is rendered, not reused.
    rendered, _ = _queries(client, path)
    assert rendered > 3


def test_access_is_checked_before_the_cache(login, cast):
    client = login(cast.leraar)
    path = _home(cast.leraar)
    client.get(path)
    Membership.objects.filter(pk=cast.leraar.pk).update(is_active=False)
    assert client.get(path).status_code == 404


def test_a_wrong_role_gets_403_even_when_a_page_is_kept(login, cast):
    client = login(cast.beheerder)
    path = reverse("schools:overview", args=[cast.school.slug])
    assert client.get(path).status_code == 200
    client.get(path)
    cast.beheerder.set_roles([Role.LERAAR])
    cast.beheerder.save()
    assert client.get(path).status_code == 403


def test_a_write_in_one_school_leaves_another_schools_pages(login, cast, other):
    theirs = Client()
    theirs.force_login(other.leraar.user)
    path = _home(other.leraar)
    theirs.get(path)
    assert _queries(theirs, path)[0] == ACCESS
    mine = login(cast.beheerder)
    group = reverse("schools:group_detail", args=[cast.school.slug, cast.group.code])
    mine.get(group)
    response = mine.post(
        reverse("schools:group_edit", args=[cast.school.slug, cast.group.code]),
        {"name": "Groep 6x"},
    )
    assert response.status_code == 302
    # Their home page reads groups too, of their own school.
    assert _queries(theirs, path)[0] == ACCESS
    assert "Groep 6x" in mine.get(group).content.decode()


def test_a_message_is_shown_once_and_its_page_is_not_kept(login, cast):
    client = login(cast.beheerder)
    response = client.post(
        reverse("schools:group_edit", args=[cast.school.slug, cast.group.code]),
        {"name": "Groep 6w"},
        follow=True,
    )
    landed = response.redirect_chain[-1][0]
    message = "Groep 6w"
    with_message = response.content.decode()
    assert 'class="alert' in with_message
    again = client.get(landed).content.decode()
    assert 'class="alert' not in again
    assert message in again


def test_htmx_requests_are_never_served_from_the_cache(login, cast):
    client = login(cast.leraar)
    path = _home(cast.leraar)
    client.get(path)
    client.get(path)
    rendered, _ = _queries_htmx(client, path)
    assert rendered > 3


def _queries_htmx(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers={"HX-Request": "true"})
    return len(captured.captured_queries), response


def test_the_next_day_renders_anew(login, cast, monkeypatch):
    client = login(cast.leraar)
    path = _home(cast.leraar)
    client.get(path)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(pagecache.timezone, "localdate", lambda: tomorrow)
    rendered, _ = _queries(client, path)
    assert rendered > 3


def test_session_writes_do_not_make_pages_stale(login, cast):
    client = login(cast.leraar)
    path = _home(cast.leraar)
    client.get(path)
    session = client.session
    session["something"] = "else"
    session.save()
    cached, _ = _queries(client, path)
    assert cached == ACCESS


def test_an_ignored_model_does_not_make_pages_stale(login, cast, monkeypatch):
    monkeypatch.setattr(pagecache, "_ignored_models", {Pupil})
    client = login(cast.leraar)
    path = _home(cast.leraar)
    client.get(path)
    Pupil.objects.filter(school=cast.school).update(display_name="Iemand A.")
    cached, _ = _queries(client, path)
    assert cached == ACCESS
    Group.objects.filter(pk=cast.group.pk).update(name="Groep 6v")
    rendered, _ = _queries(client, path)
    assert rendered > 3


def test_off_when_page_cache_seconds_is_zero(login, cast, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = login(cast.leraar)
    path = _home(cast.leraar)
    client.get(path)
    rendered, _ = _queries(client, path)
    assert rendered > 3


def test_a_round_saved_in_another_process_shows_after_its_commit(login, cast):
    # Another worker's write: its commit bumps the shared generation, which is
    # all this process sees of it.
    client = login(cast.leraar)
    path = reverse("circles:mine", args=[cast.school.slug])
    client.get(path)
    pagecache.bump(cast.school.slug)
    rendered, _ = _queries(client, path)
    assert rendered > 3


MAIN_PAGES = [
    ("dashboard:home", ()),
    ("circles:circle", (1,)),
    ("circles:handvat", ("eigen-instrument",)),
    ("circles:round", (uuid.uuid4(),)),
    ("circles:mine", ()),
    ("pyramid:page", ()),
    ("schools:group_detail", (uuid.uuid4(),)),
    ("climate:group_log", (uuid.uuid4(),)),
    ("climate:overview", ()),
    ("schools:overview", ()),
    ("schools:pupil_list", ()),
]


@pytest.mark.parametrize(("name", "args"), MAIN_PAGES)
def test_every_main_page_is_cached(name, args):
    view = resolve(reverse(name, args=["x", *args])).func
    while view is not None and not is_cached(view):
        view = getattr(view, "__wrapped__", None)
    assert view is not None, f"{name} is not decorated with @cached_page"


def test_a_pupil_added_shows_on_the_pupil_list(login, cast):
    client = login(cast.beheerder)
    path = reverse("schools:pupil_list", args=[cast.school.slug])
    client.get(path)
    make_pupil(cast.group, display_name="Zefanja Q.")
    assert "Zefanja Q." in client.get(path).content.decode()


def test_a_member_added_shows_on_the_overview(login, cast):
    client = login(cast.beheerder)
    path = reverse("schools:overview", args=[cast.school.slug])
    before = client.get(path).content.decode()
    make_member(cast.school, Role.LERAAR, full_name="Quirijn Nieuw")
    assert client.get(path).content.decode() != before


def _token(html: str) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def _autosave(client, cast, round, token):
    return client.post(
        reverse("circles:autosave", args=[cast.school.slug, round.code]),
        {"version": round.version, "goede-voorbeeld": f"In de kring {round.version}."},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )


def _personal_round(cast):
    handvat = Handvat.objects.get(key="eigen-instrument")
    return start_round(handvat=handvat, school=cast.school, user=cast.leraar.user, group=None)


def test_a_browser_without_a_csrf_cookie_is_served_and_given_the_pages_secret(cast):
    # Issue 24: the page's token is for the secret it was rendered with; a
    # browser of the same session that holds none is given that secret.
    round = _personal_round(cast)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.leraar.user)
    path = reverse("circles:circle", args=[cast.school.slug, 3])
    first = client.get(path).content.decode()
    secret = client.cookies["csrftoken"].value
    del client.cookies["csrftoken"]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert len(captured.captured_queries) == ACCESS
    assert response.content.decode() == first
    assert response.cookies["csrftoken"].value == secret
    # The kept page's token works: a real POST with it is accepted.
    assert _autosave(client, cast, round, _token(first)).status_code == 200
    round.refresh_from_db()
    assert round.version == 1


def test_a_browser_holding_another_csrf_secret_gets_a_page_for_its_own(cast):
    round = _personal_round(cast)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.leraar.user)
    path = reverse("circles:circle", args=[cast.school.slug, 3])
    kept = client.get(path).content.decode()
    client.get(path)
    # Another tab's secret, as after a log-in elsewhere rotated it.
    client.cookies["csrftoken"] = "b" * 32
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert len(captured.captured_queries) > 3
    token = _token(response.content.decode())
    assert token != _token(kept)
    assert _autosave(client, cast, round, _token(kept)).status_code == 403
    assert _autosave(client, cast, round, token).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_on_the_database_cache_a_new_row_is_kept_and_shows_at_once(settings, login, cast):
    # Without Redis the shared cache is a table in the same database, and writes
    # outside a transaction commit at once (no ATOMIC_REQUESTS). Marking pages
    # stale must not touch the database while the INSERT … RETURNING is running.
    from welbevinden import settings as project_settings

    settings.CACHES = {**settings.CACHES, "default": project_settings.CACHES["default"]}
    client = login(cast.beheerder)
    groups = reverse("schools:group_list", args=[cast.school.slug])
    client.get(groups)
    response = client.post(
        reverse("schools:group_create", args=[cast.school.slug]), {"name": "Groep 8q"}
    )
    assert response.status_code == 302, response.content.decode()
    assert Group.objects.filter(school=cast.school, name="Groep 8q").exists()
    overview = reverse("schools:overview", args=[cast.school.slug])
    count = Group.objects.filter(school_year=cast.group.school_year).count()
    assert f'<div class="stat">{count}</div>' in client.get(overview).content.decode()
    client.get(overview)
    Group.objects.create(school=cast.school, school_year=cast.group.school_year, name="Groep 8r")
    assert Group.objects.filter(name="Groep 8r").exists()
    assert f'<div class="stat">{count + 1}</div>' in client.get(overview).content.decode()
