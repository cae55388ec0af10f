"""The dashboard's sections kept in the shared cache (welbevinden/dashboard/sections.py):
each builder reads only the tables it is kept under, a write to any of them
shows on the next dashboard, and members who see differently never share a section."""

import contextlib
from io import StringIO

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checklists.models import Agreement, Answer, CheckInTally, Goal
from circles.climate.models import Entry, FeelingDay
from circles.models import Round
from pyramid.models import Item, Layer
from sociogram.models import Nomination, Sociogram, State
from welbevinden.access import SchoolAccess
from welbevinden.core import pagecache
from welbevinden.dashboard import sections
from welbevinden.dashboard.large_school import build_large_school
from welbevinden.dashboard.sections import Span
from welbevinden.schools.models import Group, Membership, SchoolYear

IB = "noor.hendriks@bestuur.example"
TEACHER = "joris@kiezel.example"  # leraar of Groep 5 and in the kernteam
DIRECTIE = "directie@kiezel.example"


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    return SchoolYear.objects.get(school__slug="de-kiezel", is_current=True).school


def _member(email, slug="de-kiezel"):
    return Membership.objects.select_related("school", "user").get(
        user__email=email, school__slug=slug
    )


def _section(page: str, key: str) -> str:
    return page.split(f'id="{key}"')[1].split("</section>")[0]


def _sections(page: str) -> dict[str, str]:
    keys = ["circles", "climate", "sociogram", "thermometer", "pyramid", "checklists"]
    keys += ["agenda", "checkin"]
    return {key: _section(page, key) for key in keys if f'id="{key}"' in page}


def _page(client, school, **params) -> str:
    url = reverse("dashboard:school", args=[school.slug])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    caches["pages"].clear()  # the page rendered anew: its sections from the shared cache
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _fresh(client, school, **params) -> str:
    """The page as it is built with no section kept."""
    cache.clear()
    return _page(client, school, **params)


# What each builder reads -------------------------------------------------------


def _tables_read(builder, viewer, span) -> set[str]:
    """What the page cache would note of the builder's queries: tables and typed columns."""
    read = set()
    with CaptureQueriesContext(connection) as captured:
        builder(viewer, span)
    for query in captured.captured_queries:
        tables = pagecache._READ.findall(query["sql"])
        read |= set(tables) | pagecache._typed_reads(query["sql"], tables)
    return read & pagecache.our_tables()


def _assert_reads_within(memberships):
    for membership in memberships:
        for year in SchoolYear.objects.filter(school=membership.school):
            viewer = sections.viewer_for(SchoolAccess(membership), year, timezone.localdate())
            for period in (None, *Span(year).periods):
                for builder in sections.builders():
                    read = _tables_read(builder, viewer, Span(year, period))
                    assert read <= sections.reads_of(builder), sections.builder_name(builder)


def test_every_builder_reads_only_the_tables_its_section_is_kept_under(demo):
    _assert_reads_within(
        _member(email, slug)
        for slug, emails in {
            "de-kiezel": (IB, TEACHER, DIRECTIE),
            "de-rimpeling": (IB, "directie@rimpeling.example"),
        }.items()
        for email in emails
    )


def test_every_builder_reads_only_its_tables_on_a_large_school_too(db):
    large = build_large_school(pupils=120, groups=6, members=12, rounds=2, slug="groot")
    ib = Membership.objects.filter(school=large.school, is_ib=True).select_related("school")[0]
    _assert_reads_within([ib, large.teacher])


# A write shows on the next dashboard --------------------------------------------


CHANGES = {
    "circles": lambda school: Round.objects.filter(
        school=school, completed_at__isnull=False
    ).delete(),
    "climate": lambda school: Entry.objects.filter(school=school).update(
        level="negatief-veel-gedoe"
    ),
    "sociogram": lambda school: Sociogram.objects.filter(
        group__school=school, state=State.CLOSED
    ).update(state=State.OPEN, closed_at=None),
    "thermometer": lambda school: FeelingDay.objects.filter(school=school).update(
        heel_goed=F("heel_goed") + 40
    ),
    "pyramid": lambda school: Item.objects.filter(pyramid__school=school).update(
        layer=Layer.INTENSIEF
    ),
    "checklists": lambda school: Agreement.objects.filter(round__school=school).update(
        answer=Answer.WEET_NIET
    ),
    "agenda": lambda school: Goal.objects.filter(school=school).update(
        title=Concat(F("title"), Value(" (bijgesteld)"))
    ),
    "checkin": lambda school: CheckInTally.objects.filter(check_in__school=school).update(
        count=F("count") + 9
    ),
}


@pytest.mark.parametrize("email", [IB, TEACHER])
@pytest.mark.parametrize("key", list(CHANGES))
def test_a_write_to_a_sections_tables_shows_on_the_next_dashboard(demo, client, key, email):
    client.force_login(_member(email).user)
    _page(client, demo)  # every section kept
    before = _page(client, demo)
    CHANGES[key](demo)
    after = _page(client, demo)
    assert _section(after, key) != _section(before, key)
    assert _sections(after) == _sections(_fresh(client, demo))


def test_the_nominations_show_to_the_ib(demo, client):
    # Who was chosen shows only as the IB'er's attention counts.
    client.force_login(_member(IB).user)
    _page(client, demo)
    before = _page(client, demo)
    Nomination.objects.filter(sociogram__group__school=demo).delete()
    after = _page(client, demo)
    assert _section(after, "sociogram") != _section(before, "sociogram")
    assert _sections(after) == _sections(_fresh(client, demo))


@contextlib.contextmanager
def _in_a_request_of(school):
    """Writes as a member's request makes them: for the school's pages only (a
    write outside one is for every school, and makes every page stale)."""
    pagecache.writes_to(school.slug)
    try:
        yield
    finally:
        pagecache.writes_to(pagecache.ALL)


def _count_builds(monkeypatch) -> list[str]:
    """The names of the builders that run from now on."""
    built = []
    real = sections.builders()

    def counting(builder):
        def wrapper(viewer, span):
            built.append(sections.builder_name(builder))
            return builder(viewer, span)

        wrapper.__module__, wrapper.__name__ = builder.__module__, builder.__name__
        return wrapper

    monkeypatch.setattr(sections, "builders", lambda: [counting(b) for b in real])
    return built


def test_other_sections_stay_kept_after_a_write_to_one_sections_tables(demo, client, monkeypatch):
    client.force_login(_member(IB).user)
    _page(client, demo)
    built = _count_builds(monkeypatch)
    with _in_a_request_of(demo):
        CHANGES["checkin"](demo)  # only the check-in section reads its tallies
    _page(client, demo)
    assert built == ["checklists.selectors.check_in_section"]


def test_an_autosave_leaves_the_dashboard_as_it_is(demo, client, monkeypatch):
    # A round's typed columns (pagecache.TYPED_COLUMNS) are on no section.
    client.force_login(_member(IB).user)
    url = reverse("dashboard:school", args=[demo.slug])
    client.get(url)
    client.get(url)  # kept by the page cache too (a browser with a CSRF cookie)
    built = _count_builds(monkeypatch)
    with _in_a_request_of(demo):
        Round.objects.filter(school=demo, completed_at=None).update(version=F("version") + 1)
    with CaptureQueriesContext(connection) as served:
        assert client.get(url).status_code == 200
    assert len(served) == 1  # served again: only the session (user, memberships kept)
    _page(client, demo)
    assert built == []
    with _in_a_request_of(demo):
        CHANGES["circles"](demo)  # finished rounds gone: the section shows them
    _page(client, demo)
    assert "circles.selectors.dashboard_section" in built


def test_a_renamed_group_shows_under_its_new_name(demo, client):
    client.force_login(_member(IB).user)
    _page(client, demo)
    Group.objects.filter(school=demo).update(name=Concat(F("name"), Value(" nieuw")))
    after = _page(client, demo)
    assert _sections(after) == _sections(_fresh(client, demo))


def test_a_write_in_a_request_of_the_school_shows_too(demo, client):
    # A write inside a request bumps the generations of its school, not ALL.
    client.force_login(_member(IB).user)
    before = _page(client, demo)
    with _in_a_request_of(demo):
        CHANGES["checkin"](demo)
    after = _page(client, demo)
    assert _section(after, "checkin") != _section(before, "checkin")


def test_each_period_and_year_has_its_own_sections(demo, client):
    client.force_login(_member(IB).user)
    for number in ("", 1, 2, 3, 4):
        kept = _sections(_page(client, demo, periode=number))
        assert kept == _sections(_fresh(client, demo, periode=number))


# Members who see differently ----------------------------------------------------


def test_members_who_see_differently_never_get_each_others_sections(demo, client):
    pages = {}
    for email in (IB, TEACHER, DIRECTIE):
        client.force_login(_member(email).user)
        pages[email] = _sections(_page(client, demo))
    # Each built again with every section of the others kept in the cache.
    for email in (DIRECTIE, TEACHER, IB):
        client.force_login(_member(email).user)
        assert _sections(_page(client, demo)) == pages[email]
    assert pages[IB]["climate"] != pages[TEACHER]["climate"]


def test_a_teacher_given_another_group_gets_sections_for_their_groups(demo, client):
    teacher = _member(TEACHER)
    client.force_login(teacher.user)
    _page(client, demo)
    year = demo.current_year()
    other = Group.objects.filter(school_year=year).exclude(teachers=teacher).first()
    other.teachers.add(teacher)
    viewer = sections.viewer_for(SchoolAccess(teacher), year, timezone.localdate())
    assert other.pk in viewer.own_group_ids
    after = _page(client, demo)
    assert _sections(after) == _sections(_fresh(client, demo))


def test_without_a_page_cache_nothing_is_kept(demo, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(_member(IB).user)
    _page(client, demo)
    assert not any(
        key.startswith(":1:dashboard:sections:")
        for key in cache._cache  # locmem in the tests
    )


def test_a_section_kept_by_the_kernteamrapport_shows_on_the_page_as_built_anew(demo, client):
    # The report keeps a section without its page fragment; the page adds it.
    client.force_login(_member(IB).user)
    response = client.get(reverse("reports:kernteamrapport", args=[demo.slug]))
    assert response.status_code == 200
    kept = _page(client, demo)
    assert _sections(_page(client, demo)) == _sections(kept) == _sections(_fresh(client, demo))


def _report_html(client, school, monkeypatch) -> str:
    from welbevinden.reports import service

    captured = []
    monkeypatch.setattr(service, "render_pdf", lambda **kw: captured.append(kw["html"]) or b"%PDF")
    caches[service.CACHE_ALIAS].clear()
    client.get(reverse("reports:kernteamrapport", args=[school.slug]))
    return captured[0]


def test_the_kernteamrapport_prints_its_kept_sections_as_built_anew(demo, client, monkeypatch):
    client.force_login(_member(IB).user)
    _page(client, demo)  # kept with the page's fragments, not yet the print's
    kept = _report_html(client, demo, monkeypatch)
    assert _report_html(client, demo, monkeypatch) == kept
    cache.clear()
    assert _report_html(client, demo, monkeypatch) == kept
    CHANGES["agenda"](demo)
    changed = _report_html(client, demo, monkeypatch)
    assert changed != kept and "(bijgesteld)" in changed
    cache.clear()
    assert _report_html(client, demo, monkeypatch) == changed
