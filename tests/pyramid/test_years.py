"""Copying a pyramid to the next school year, and comparing two years."""

import pytest
from django.urls import reverse

from pyramid.compare import Entry, compare
from pyramid.models import Change, Item, LayerNote, Pyramid
from pyramid.services import ITEM_FIELDS, move_item, save_notes, update_item
from welbevinden.schools.models import SchoolYear


def _url(name, cast, *args):
    return reverse(f"pyramid:{name}", args=[cast.school.slug, *args])


@pytest.fixture
def next_year(cast):
    return SchoolYear.objects.create(school=cast.school, start_year=2027)


def test_the_kernteam_copies_the_pyramid_to_the_next_year_without_stopped_aanbod(
    login, cast, pyramid, make_item, next_year
):
    make_item("Kanjertraining")
    make_item("Oude training", layer="extra", status="gestopt")
    save_notes(pyramid=pyramid, layer="basis", answers={"mentoraat": "Ja"}, version=0, user=None)
    client = login(cast.kernteam)
    assert (
        "Neem deze piramide als begin van schooljaar"
        in client.get(_url("page", cast)).content.decode()
    )
    response = client.post(_url("copy", cast, pyramid.code), {"jaar": str(next_year.code)})
    assert response.status_code == 302
    copy = Pyramid.objects.get(school_year=next_year)
    assert copy.copied_from == pyramid
    assert list(copy.items.values_list("name", flat=True)) == ["Kanjertraining"]
    assert copy.items.get().copied_from.pyramid == pyramid
    assert LayerNote.objects.get(pyramid=copy).answers == {"mentoraat": "Ja"}
    assert Change.objects.filter(pyramid=copy, action="copied").exists()
    # The year before is untouched.
    assert pyramid.items.count() == 2


def test_copying_refuses_an_earlier_year_or_one_that_has_a_pyramid(
    login, cast, pyramid, make_item, next_year
):
    earlier = SchoolYear.objects.create(school=cast.school, start_year=2025)
    client = login(cast.kernteam)
    client.post(_url("copy", cast, pyramid.code), {"jaar": str(earlier.code)})
    client.post(_url("copy", cast, pyramid.code), {"jaar": "onzin"})
    assert Pyramid.objects.count() == 1
    Pyramid.objects.create(school=cast.school, school_year=next_year)
    response = client.post(
        _url("copy", cast, pyramid.code), {"jaar": str(next_year.code)}, follow=True
    )
    assert "heeft al een piramide" in response.content.decode()
    assert Pyramid.objects.count() == 2


def test_readers_cannot_copy(login, cast, pyramid, next_year):
    response = login(cast.directie).post(
        _url("copy", cast, pyramid.code), {"jaar": str(next_year.code)}
    )
    assert response.status_code == 403


def test_the_comparison_shows_added_stopped_dropped_and_moved(
    login, cast, pyramid, make_item, next_year
):
    make_item("Blijft")
    make_item("Gaat omlaag", layer="intensief")
    make_item("Stopt", layer="extra")
    make_item("Valt weg", layer="extra")
    client = login(cast.kernteam)
    client.post(_url("copy", cast, pyramid.code), {"jaar": str(next_year.code)})
    copy = Pyramid.objects.get(school_year=next_year)
    items = {i.name: i for i in copy.items.all()}
    move_item(item=items["Gaat omlaag"], layer="basis", user=None)
    stop = items["Stopt"]
    data = {field: getattr(stop, field) for field in ITEM_FIELDS}
    update_item(item=stop, data={**data, "status": "gestopt"}, version=0, user=None)
    items["Valt weg"].delete()
    Item.objects.create(pyramid=copy, name="Nieuw dit jaar", layer="basis")

    page = login(cast.leraar).get(_url("compare", cast, copy.code)).content.decode()
    added = page[page.index("Nieuw <span") :][:400]
    assert "Nieuw dit jaar" in added
    assert "Stopt" in page[page.index("Gestopt <span") :][:300]
    assert "Valt weg" in page[page.index("Niet meer in de piramide") :][:300]
    assert "Gaat omlaag: Intensieve ondersteuning → Sterke basis" in page


def test_compare_without_another_year_goes_back_with_a_message(login, cast, pyramid):
    response = login(cast.kernteam).get(_url("compare", cast, pyramid.code), follow=True)
    assert "nog geen piramide van een ander schooljaar" in response.content.decode()


def test_compare_with_a_year_without_pyramid_is_404(login, cast, pyramid, next_year):
    url = _url("compare", cast, pyramid.code) + f"?met={next_year.code}"
    assert login(cast.kernteam).get(url).status_code == 404


def test_matching_falls_back_on_the_name():
    earlier = [Entry(1, "Kanjertraining", "basis"), Entry(2, "Time-out", "intensief")]
    later = [Entry(10, " kanjertraining ", "extra"), Entry(11, "Nieuw", "basis")]
    result = compare(earlier, later)
    assert [(a.id, b.id) for a, b in result.moved] == [(1, 10)]
    assert [e.id for e in result.added] == [11]
    assert [e.id for e in result.dropped] == [2]
