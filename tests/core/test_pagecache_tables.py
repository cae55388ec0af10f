"""The page cache (welbevinden/core/pagecache.py) makes a page stale only when a table
it read is written to, for its school or for every school (issue 24)."""

import pytest
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.models import Handvat, Round
from circles.services import start_round
from pyramid.models import Pyramid
from tests.factories import in_school
from welbevinden.core import pagecache
from welbevinden.schools.models import Group, School

# The session: what a page served from the cache costs (the user and memberships
# are kept between pages, pagecache.remembered).
ACCESS = 1


def _client(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    client.get(reverse("dashboard:home", args=[membership.school.slug]))
    return client


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def _kept(client, path) -> None:
    """Open ``path`` until it is kept: served again with only the access queries."""
    client.get(path)
    assert _queries(client, path) == ACCESS, path


def _url(name, membership, *args):
    return reverse(name, args=[membership.school.slug, *args])


def _personal_round(membership):
    handvat = Handvat.objects.get(key="eigen-instrument")
    return start_round(handvat=handvat, school=membership.school, user=membership.user, group=None)


def test_a_write_to_a_table_a_page_did_not_read_keeps_it(cast):
    client = _client(cast.leraar)
    pyramid = _url("pyramid:page", cast.leraar)
    _personal_round(cast.leraar)
    _kept(client, pyramid)
    # The pyramid page reads no rounds.
    in_school(cast.school.slug, lambda: Round.objects.filter(school=cast.school).update(number=7))
    assert _queries(client, pyramid) == ACCESS


def test_a_write_to_a_table_a_page_read_makes_it_stale(cast):
    client = _client(cast.leraar)
    pyramid = _url("pyramid:page", cast.leraar)
    _kept(client, pyramid)
    Pyramid.objects.filter(school=cast.school).update(copied_from=None)
    assert _queries(client, pyramid) > ACCESS
    assert _queries(client, pyramid) == ACCESS


def test_a_write_in_another_school_leaves_this_schools_pages(cast, other):
    round = _personal_round(other.leraar)
    mine, theirs = _client(cast.leraar), _client(other.leraar)
    circle = _url("circles:circle", cast.leraar, 3)
    _kept(mine, circle)
    # The other school's teacher autosaves a round of their own: the same
    # table, another school.
    response = theirs.post(
        _url("circles:autosave", other.leraar, round.code),
        {"version": 0, "goede-voorbeeld": "In de kring."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert Round.objects.get(pk=round.pk).version == 1
    assert _queries(mine, circle) == ACCESS
    # Their own page that reads rounds is stale.
    other_circle = _url("circles:circle", other.leraar, 3)
    theirs.get(other_circle)
    in_school(other.school.slug, lambda: Round.objects.filter(pk=round.pk).update(number=2))
    assert _queries(theirs, other_circle) > ACCESS
    assert _queries(mine, circle) == ACCESS


def test_a_write_outside_a_request_makes_every_schools_pages_stale(cast, other):
    # As a management command, a shell or the admin writes: rare, so every page
    # of every school goes stale, and a page reads one generation a table.
    mine, theirs = _client(cast.leraar), _client(other.leraar)
    circle, other_circle = (
        _url("circles:circle", cast.leraar, 3),
        _url("circles:circle", other.leraar, 3),
    )
    pyramid = _url("pyramid:page", cast.leraar)
    round = _personal_round(cast.leraar)
    for client, path in ((mine, circle), (theirs, other_circle), (mine, pyramid)):
        _kept(client, path)
    Round.objects.filter(pk=round.pk).update(number=3)
    assert _queries(mine, circle) > ACCESS
    assert _queries(theirs, other_circle) > ACCESS
    assert _queries(mine, pyramid) > ACCESS
    assert _queries(mine, pyramid) == ACCESS


def test_a_page_reads_one_generation_a_table_and_two_for_its_school_and_all(cast):
    keys = pagecache._dependencies(cast.school.slug, {"circles_round", "pyramid_item"})
    assert keys == [
        pagecache._generation_key(pagecache.ALL),
        pagecache._generation_key(cast.school.slug),
        pagecache._generation_key(cast.school.slug, "circles_round"),
        pagecache._generation_key(cast.school.slug, "pyramid_item"),
    ]


def test_a_colleague_autosaving_leaves_my_pyramid_page_served_from_the_cache(cast):
    # Issue 24: member X types in their own round, autosaved once a second,
    # while member Y reloads the pyramid page.
    round = _personal_round(cast.leraar)
    x, y = _client(cast.leraar), _client(cast.other_leraar)
    pyramid = _url("pyramid:page", cast.other_leraar)
    log = _url("climate:group_log", cast.other_leraar, cast.other_group.code)
    mine = _url("circles:mine", cast.other_leraar)
    for path in (pyramid, log, mine):
        _kept(y, path)
    own = _url("circles:round", cast.leraar, round.code)
    _kept(x, own)
    for version in range(3):
        response = x.post(
            _url("circles:autosave", cast.leraar, round.code),
            {"version": version, "goede-voorbeeld": "In de kring" + "." * version},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert _queries(y, pyramid) == ACCESS
        assert _queries(y, log) == ACCESS
        # The round page shows the answers: rendered anew after each save.
        assert _queries(x, own) > ACCESS
    assert Round.objects.get(pk=round.pk).version == 3
    # Mijn handvatten lists rounds without their typed columns: kept too.
    assert _queries(y, mine) == ACCESS


def test_a_write_to_a_shared_table_in_a_school_request_reaches_every_school(cast, other):
    # The school switcher and the greeting are on every school's pages.
    theirs = _client(other.leraar)
    pyramid = _url("pyramid:page", other.leraar)
    _kept(theirs, pyramid)
    in_school(cast.school.slug, lambda: School.objects.filter(pk=cast.school.pk).update(name="X"))
    assert _queries(theirs, pyramid) > ACCESS


def test_logging_in_leaves_pages_served_from_the_cache(cast):
    client = _client(cast.leraar)
    pyramid = _url("pyramid:page", cast.leraar)
    _kept(client, pyramid)
    update_last_login(None, cast.other_leraar.user)
    assert _queries(client, pyramid) == ACCESS
    cast.other_leraar.user.full_name = "Olga Anders"
    cast.other_leraar.user.save()
    assert _queries(client, pyramid) > ACCESS


def _fake_request(cast, path="/fake/"):
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.session.create()
    request.user = cast.leraar.user
    request.htmx = False
    return request


def _counting_view(rendered, read):
    """A cached page that runs ``read`` and notes each time it is rendered."""

    @pagecache.cached_page
    def view(request, access):
        read(access)
        rendered.append(1)
        return HttpResponse("<p>page</p>", content_type="text/html")

    return view


class _Access:
    def __init__(self, membership):
        self.school, self.membership = membership.school, membership


def test_a_page_that_read_a_table_not_read_before_is_not_kept_that_time(cast):
    rendered = []
    tables = [Pyramid]

    view = _counting_view(
        rendered, lambda access: [list(model.objects.all()[:1]) for model in tables]
    )

    request, access = _fake_request(cast), _Access(cast.leraar)
    view(request, access)
    view(request, access)
    assert len(rendered) == 1
    # It read pyramids only: a round written leaves it, a pyramid does not.
    pagecache.bump(cast.school.slug, Round)
    view(request, access)
    assert len(rendered) == 1
    pagecache.bump(cast.school.slug, Pyramid)
    # Now it reads rounds too, whose generation was not read before it rendered.
    tables.append(Round)
    view(request, access)
    view(request, access)
    assert len(rendered) == 3
    view(request, access)
    assert len(rendered) == 3
    pagecache.bump(cast.school.slug, Round)
    view(request, access)
    assert len(rendered) == 4


def test_a_page_that_says_what_it_showed_depends_on_it(cast):
    # For rows kept in memory or another cache: no SELECT tells what the page showed.
    rendered = []

    view = _counting_view(rendered, lambda access: pagecache.reads(Group))

    request, access = _fake_request(cast), _Access(cast.leraar)
    view(request, access)
    view(request, access)
    assert len(rendered) == 1
    Group.objects.filter(pk=cast.group.pk).update(name="Groep 6q")
    view(request, access)
    assert len(rendered) == 2


def test_a_stamp_changes_with_a_write_to_its_tables(cast):
    rendered = []

    view = _counting_view(rendered, lambda access: pagecache.stamp(access.school.slug, Group))

    request, access = _fake_request(cast), _Access(cast.leraar)
    pagecache.flush()  # what setting the test up wrote
    before = pagecache.stamp(cast.school.slug, Group)
    view(request, access)
    view(request, access)
    assert len(rendered) == 1
    assert pagecache.stamp(cast.school.slug, Group) == before
    pagecache.bump(cast.school.slug, Group)
    assert pagecache.stamp(cast.school.slug, Group) != before
    view(request, access)
    assert len(rendered) == 2


def test_an_update_of_only_a_rounds_typed_columns_leaves_pages_that_did_not_read_them(cast):
    # Issue 24: an autosave sets a round's answers, version, updated_by and
    # updated_at; a page listing rounds without those columns stays kept.
    round = _personal_round(cast.leraar)
    listed, typed = [], []
    list_view = _counting_view(
        listed, lambda access: list(Round.objects.defer(*Round.TYPED_FIELDS))
    )
    round_view = _counting_view(typed, lambda access: list(Round.objects.all()))
    access = _Access(cast.leraar)
    list_request, round_request = _fake_request(cast, "/lijst/"), _fake_request(cast, "/ronde/")
    for view, request in ((list_view, list_request), (round_view, round_request)):
        view(request, access)
        view(request, access)
    assert (len(listed), len(typed)) == (1, 1)
    round.answers = {"goede-voorbeeld": "In de kring"}
    round.version += 1
    round.updated_by = cast.other_leraar.user
    in_school(
        cast.school.slug,
        lambda: round.save(update_fields=["answers", "version", "updated_by", "updated_at"]),
    )
    pagecache.flush()
    list_view(list_request, access)
    round_view(round_request, access)
    assert (len(listed), len(typed)) == (1, 2)
    # Any other column, or a new round, makes both stale.
    in_school(
        cast.school.slug,
        lambda: Round.objects.filter(pk=round.pk).update(completed_at=round.updated_at),
    )
    pagecache.flush()
    list_view(list_request, access)
    round_view(round_request, access)
    assert (len(listed), len(typed)) == (2, 3)


def test_a_page_that_names_a_typed_column_in_any_clause_or_alias_depends_on_it():
    def reads(sql):
        return pagecache._typed_reads(sql, pagecache._READ.findall(sql))

    assert reads('SELECT U0."id" FROM "circles_round" U0 WHERE U0."updated_at" > %s') == {
        "circles_round#typed"
    }
    assert reads('SELECT COUNT(*) FROM "circles_round" WHERE "circles_round"."number" = 1') == set()
    assert reads("SELECT * FROM circles_round") == {"circles_round#typed"}
    assert reads('SELECT "circles_round".* FROM "circles_round"') == {"circles_round#typed"}
    # Another table's column of the same name counts too: more stale, never less.
    assert reads(
        'SELECT "pyramid_item"."updated_at" FROM "pyramid_item" JOIN "circles_round" ON 1=1'
    )


def test_a_write_of_typed_columns_with_ignored_ones_or_others_is_read_right():
    written = pagecache._written_table
    assert (
        written(
            'UPDATE "circles_round" SET "answers" = %s, "version" = %s WHERE id = 1',
            "circles_round",
        )
        == "circles_round#typed"
    )
    assert (
        written(
            'UPDATE "circles_round" SET "answers" = %s, "completed_at" = %s WHERE 1',
            "circles_round",
        )
        == "circles_round"
    )
    assert (
        written('INSERT INTO "circles_round" ("answers") VALUES (%s)', "circles_round")
        == "circles_round"
    )
    assert written('DELETE FROM "circles_round" WHERE 1', "circles_round") == "circles_round"
    assert written('UPDATE "accounts_user" SET "last_login" = %s WHERE 1', "accounts_user") is None
    # A bump of the table by hand reaches the pages that read its typed columns too.
    assert pagecache._with_typed({"circles_round"}) == {"circles_round", "circles_round#typed"}


def test_an_update_whose_set_we_may_misread_counts_for_the_whole_table():
    written = pagecache._written_table
    sql = (
        'UPDATE "circles_round" SET "answers" = (SELECT U0."answers" FROM "circles_round" U0 '
        'WHERE U0."id" = 1), "completed_at" = NULL WHERE "circles_round"."id" = 2'
    )
    assert written(sql, "circles_round") == "circles_round"
    row = 'UPDATE "circles_round" SET ("answers", "completed_at") = (%s, %s) WHERE 1'
    assert written(row, "circles_round") == "circles_round"


def test_a_flush_the_shared_cache_refuses_is_kept_for_the_next(monkeypatch):
    pagecache.flush()
    pagecache._dirty.add(("school-x", "circles_round"))

    def away(*args, **kwargs):
        raise ConnectionError("cache away")

    monkeypatch.setattr(pagecache._shared(), "set_many", away)
    with pytest.raises(ConnectionError):
        pagecache.flush()
    assert ("school-x", "circles_round") in pagecache._dirty
    monkeypatch.undo()
    pagecache.flush()
    assert not pagecache._dirty


def test_stamps_give_up_rather_than_spin_when_the_cache_refuses(monkeypatch):
    monkeypatch.setattr(pagecache._shared(), "get_many", lambda keys: {})
    monkeypatch.setattr(pagecache._shared(), "add", lambda *args, **kwargs: False)
    first = pagecache.stamps("school-x", {"circles_round"})
    second = pagecache.stamps("school-x", {"circles_round"})
    assert first != second  # nothing kept under them matches


def test_a_request_that_wrote_reads_its_generations_anew():
    key = pagecache._generation_key("school-x", "pyramid_item")
    token = pagecache._snapshot.set(pagecache.Snapshot([key]))
    try:
        before = pagecache.stamps("school-x", {"pyramid_item"})
        pagecache.bump("school-x", "pyramid_item")
        assert pagecache.stamps("school-x", {"pyramid_item"}) != before
    finally:
        pagecache._snapshot.reset(token)
