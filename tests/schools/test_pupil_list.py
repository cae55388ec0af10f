"""The pupil list of a large school: filters, search, pages, bulk actions."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_group, make_pupil
from welbevinden.schools.models import Placement, Pupil, SchoolYear


def _list(cast, **params):
    url = reverse("schools:pupil_list", args=[cast.school.slug])
    return url, params


def _names(response):
    return [p.display_name for p in response.context["page"].object_list]


def test_filter_by_group_status_and_search(login, cast):
    make_pupil(cast.group, "Kofi O.", lvs_number="#P-1")
    make_pupil(cast.other_group, "Noor K.", lvs_number="004711")
    gone = make_pupil(cast.group, "Pim L.", lvs_number="004799")
    gone.archived_at = "2026-09-01T10:00:00Z"
    gone.save()
    client = login(cast.beheerder)
    url, _ = _list(cast)
    assert _names(client.get(url, {"groep": str(cast.other_group.code)})) == ["Finn D.", "Noor K."]
    assert _names(client.get(url, {"status": "voorlopig"})) == ["Kofi O."]
    assert _names(client.get(url, {"status": "gearchiveerd"})) == ["Pim L."]
    assert "Noor K." not in _names(client.get(url, {"status": "zonder-nummer"}))
    assert _names(client.get(url, {"q": "0047"})) == ["Noor K."]  # number, from its start
    assert _names(client.get(url, {"q": "yara"})) == ["Yara T."]
    # A filter combined with search; an unknown status or group shows everyone active.
    assert _names(client.get(url, {"q": "o", "groep": str(cast.group.code)})) == ["Kofi O."]
    assert len(_names(client.get(url, {"status": "x", "groep": "nee"}))) == 6


def test_pupils_without_a_group_this_year(login, cast):
    next_year = SchoolYear.objects.create(school=cast.school, start_year=2027)
    later = make_group(cast.school, "Groep 7b", next_year)
    Placement.objects.create(
        pupil=Pupil.objects.get(display_name="Mees K."), group=later, school_year=next_year
    )
    client = login(cast.beheerder)
    url, _ = _list(cast)
    response = client.get(url, {"jaar": str(next_year.code), "groep": "geen"})
    assert _names(response) == ["Finn D.", "Sanne B.", "Yara T."]


def test_pages_keep_the_filters(login, cast, settings, monkeypatch):
    monkeypatch.setattr("welbevinden.schools.views.pupils.PUPILS_PER_PAGE", 2)
    client = login(cast.beheerder)
    url, _ = _list(cast)
    response = client.get(url, {"groep": str(cast.group.code)})
    html = response.content.decode()
    assert _names(response) == ["Mees K.", "Sanne B."]
    assert f"?pagina=2&amp;status=actief&amp;groep={cast.group.code}" in html
    second = client.get(url, {"groep": str(cast.group.code), "pagina": 2})
    assert _names(second) == ["Yara T."]


def _bulk(client, cast, pupils, **data):
    return client.post(
        reverse("schools:pupil_bulk", args=[cast.school.slug]),
        {"leerling": [str(p.code) for p in pupils], "next": "/terug/?q=a", **data},
    )


def test_bulk_move_archive_and_restore(login, cast):
    client = login(cast.beheerder)
    pupils = list(Pupil.objects.filter(placements__group=cast.group))
    response = _bulk(
        client, cast, pupils[:2], actie="verplaatsen", groep=str(cast.other_group.code)
    )
    assert response.url == "/terug/?q=a"
    assert Placement.objects.filter(group=cast.other_group).count() == 3
    _bulk(client, cast, pupils, actie="archiveren")
    assert (
        Pupil.objects.filter(pk__in=[p.pk for p in pupils], archived_at__isnull=False).count() == 3
    )
    _bulk(client, cast, pupils[:1], actie="terugzetten")
    assert not Pupil.objects.get(pk=pupils[0].pk).is_archived


def test_bulk_move_into_next_year_places_without_touching_this_year(login, cast):
    next_year = SchoolYear.objects.create(school=cast.school, start_year=2027)
    later = make_group(cast.school, "Groep 7b", next_year)
    pupils = list(Pupil.objects.filter(placements__group=cast.group))
    _bulk(login(cast.beheerder), cast, pupils, actie="verplaatsen", groep=str(later.code))
    assert Placement.objects.filter(group=later).count() == 3
    assert Placement.objects.filter(group=cast.group).count() == 3


def test_bulk_without_selection_or_group_says_so_and_changes_nothing(login, cast, other):
    client = login(cast.beheerder)
    response = _bulk(client, cast, [], actie="archiveren")
    assert response.url == "/terug/?q=a"
    pupils = list(Pupil.objects.filter(placements__group=cast.group))
    response = client.get(_bulk(client, cast, pupils, actie="verplaatsen", groep="").url)
    assert not Placement.objects.filter(group=cast.other_group, pupil__in=pupils).exists()
    # Another school's pupils and groups are not found, so nothing moves.
    _bulk(client, cast, list(Pupil.objects.filter(school=other.school)), actie="archiveren")
    assert not Pupil.objects.filter(school=other.school, archived_at__isnull=False).exists()
    _bulk(client, cast, pupils, actie="verplaatsen", groep=str(other.group.code))
    assert not Placement.objects.filter(group=other.group, pupil__in=pupils).exists()


def test_bulk_is_for_the_beheerder(login, cast, client):
    pupils = list(Pupil.objects.filter(school=cast.school))
    url = reverse("schools:pupil_bulk", args=[cast.school.slug])
    assert client.post(url).status_code == 302
    assert (
        login(cast.ib)
        .post(url, {"leerling": [str(pupils[0].code)], "actie": "archiveren"})
        .status_code
        == 403
    )
    assert not Pupil.objects.filter(archived_at__isnull=False).exists()


def _queries(client, url, params) -> int:
    client.get(url, params)
    # What rendering costs, not serving it again from the page cache.
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def _bulk_queries(client, cast, pupils, group) -> int:
    with CaptureQueriesContext(connection) as captured:
        _bulk(client, cast, pupils, actie="verplaatsen", groep=str(group.code))
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "Leerling 1"}, {"status": "voorlopig"}, {"groep": "GROUP"}, {"groep": "geen"}],
)
def test_query_count_does_not_grow_with_the_pupils(login, cast, params):
    client = login(cast.beheerder)
    url, _ = _list(cast)
    params = {k: (str(cast.group.code) if v == "GROUP" else v) for k, v in params.items()}
    for n in range(4):
        make_pupil(cast.group if n % 2 else cast.other_group, f"Leerling {n}.", f"#{n}")
    small = _queries(client, url, params)
    for n in range(4, 250):
        make_pupil(cast.group if n % 2 else cast.other_group, f"Leerling {n}.", f"#{n}")
    assert _queries(client, url, params) == small
    assert 1 < small <= 9  # rendered, not served again from the page cache (1)


def test_bulk_query_count_does_not_grow_with_the_selection(login, cast):
    client = login(cast.beheerder)
    few = list(Pupil.objects.filter(placements__group=cast.group))
    small = _bulk_queries(client, cast, few, cast.other_group)
    many = [make_pupil(cast.group, f"Leerling {n}.") for n in range(60)]
    assert _bulk_queries(client, cast, many, cast.other_group) == small
