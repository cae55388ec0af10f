"""The pyramid page and its forms, without JavaScript; roles; bad input; conflicts."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from pyramid.models import Change, Item, LayerNote, Pyramid
from pyramid.services import save_notes, update_item
from tests.factories import make_member
from welbevinden.schools.models import Role


def _url(name, cast, *args):
    return reverse(f"pyramid:{name}", args=[cast.school.slug, *args])


def _item_post(**overrides):
    data = {
        "layer": "basis",
        "name": "Kanjertraining",
        "description": "",
        "target_group": "alle groepen",
        "reach_kind": "all",
        "reach_value": "",
        "frequency": "wekelijks",
        "owner": "",
        "evidence": "erkend",
        "evidence_url": "",
        "status": "loopt",
        "notes": "",
    }
    data.update(overrides)
    return data


# Who may do what ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["kernteam", "ib", "directie", "beheerder", "leraar"])
def test_every_member_reads_the_pyramid(login, cast, pyramid, make_item, role):
    make_item("Dagstart")
    page = login(getattr(cast, role)).get(_url("page", cast))
    assert page.status_code == 200
    assert "Dagstart" in page.content.decode()


@pytest.mark.parametrize("role", ["kernteam", "ib"])
def test_kernteam_and_ib_see_the_edit_buttons(login, cast, pyramid, role):
    page = login(getattr(cast, role)).get(_url("page", cast)).content.decode()
    assert "Aanbod toevoegen" in page


@pytest.mark.parametrize("role", ["directie", "beheerder", "leraar"])
def test_readers_get_403_on_every_edit(login, cast, pyramid, make_item, role):
    item = make_item()
    client = login(getattr(cast, role))
    assert "Aanbod toevoegen" not in client.get(_url("page", cast)).content.decode()
    for url in (
        _url("item_add", cast, pyramid.code),
        _url("item_edit", cast, item.code),
        _url("notes", cast, pyramid.code, "basis"),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, _item_post()).status_code == 403
    for url in (
        _url("item_delete", cast, item.code),
        _url("item_move", cast, item.code),
        _url("start", cast),
    ):
        assert client.post(url).status_code == 403
    assert Item.objects.get(pk=item.pk).name == "Kanjertraining"


def test_an_outsider_gets_404_everywhere(client, cast, other, pyramid, make_item):
    item = make_item()
    client.force_login(other.beheerder.user)
    for url in (
        _url("page", cast),
        _url("history", cast, pyramid.code),
        _url("pdf", cast, pyramid.code),
        _url("live", cast, pyramid.code),
        _url("item_edit", cast, item.code),
    ):
        assert client.get(url).status_code == 404
    assert client.post(_url("item_delete", cast, item.code)).status_code == 404
    assert Item.objects.filter(pk=item.pk).exists()


def test_an_item_of_another_school_is_404_inside_ones_own(login, cast, other, pyramid):
    from pyramid.services import add_item, start_pyramid

    theirs = start_pyramid(school=other.school, year=other.school.current_year(), user=None)
    item = add_item(pyramid=theirs, data={"name": "Geheim", "layer": "basis"}, user=None)
    client = login(cast.kernteam)
    assert client.get(_url("item_edit", cast, item.code)).status_code == 404
    assert client.post(_url("item_move", cast, item.code), {"step": "1"}).status_code == 404
    assert client.get(_url("history", cast, theirs.code)).status_code == 404


# Starting ------------------------------------------------------------------------


def test_without_a_pyramid_the_kernteam_can_start_one_and_readers_are_told(login, cast):
    page = login(cast.directie).get(_url("page", cast)).content.decode()
    assert "nog niet ingevuld" in page
    client = login(cast.kernteam)
    assert "Begin de piramide" in client.get(_url("page", cast)).content.decode()
    response = client.post(_url("start", cast))
    assert response.status_code == 302
    assert Pyramid.objects.filter(school=cast.school).count() == 1
    client.post(_url("start", cast))
    assert Pyramid.objects.filter(school=cast.school).count() == 1


def test_the_start_page_quotes_the_handvatten(login, cast):
    page = login(cast.kernteam).get(_url("page", cast)).content.decode()
    assert "Teken de ondersteuningspiramide op een groot vel" in page
    assert '<q class="hr">' in page


# The page ------------------------------------------------------------------------


def test_the_page_quotes_the_layers_and_the_guiding_questions(login, cast, pyramid):
    page = login(cast.kernteam).get(_url("page", cast)).content.decode()
    for question in (
        "Is er een compleet schoolteam?",
        "Is er sprake van een helder mentoraat?",
        "Is er een duidelijk, haalbaar en afwisselend lesprogramma?",
        "Hoe ziet onze samenwerking met externe partners eruit?",
        "Wat kunnen wij als school wel en niet?",
    ):
        assert f'<q class="hr">{question}</q>' in page
    assert "Intensieve ondersteuning voor enkelen (1-5%)." in page
    # Our own question is plain, not in quotation marks.
    assert "Wat doen jullie in het fundament op jullie school?" in page
    assert '<q class="hr">Wat doen jullie in het fundament' not in page


def test_the_picture_has_a_text_alternative(login, cast, pyramid, make_item):
    make_item("Kanjertraining")
    make_item("Schoolmaatschappelijk werk", layer="intensief")
    page = login(cast.leraar).get(_url("page", cast)).content.decode()
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert "Sterke basis (80-90%): 1 aanbod." in page
    assert "De piramide als tekst" in page


# The same budget for 3 and for 30 items (pyramid/README.md, Figures).
QUERIES = 5


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_takes_the_same_queries_for_3_and_30_items(
    login, cast, pyramid, make_item, count, django_assert_num_queries
):
    partner = cast.school.partners.create(name="Wijkteam Oost", kind="wijkteam")
    layers = ["fundament", "basis", "extra", "intensief"]
    for n in range(count):
        owner = {"owner_partner": partner} if n % 2 else {"owner_member": cast.ib}
        make_item(f"Aanbod {n}", layer=layers[n % 4], **owner)
    save_notes(pyramid=pyramid, layer="basis", answers={"mentoraat": "Ja"}, version=0, user=None)
    client = login(cast.kernteam)
    client.get(_url("page", cast))  # as on a server that has been up a while (editions held)
    caches["pages"].clear()  # what rendering the page costs, not serving it again
    with django_assert_num_queries(QUERIES):
        page = client.get(_url("page", cast))
    assert page.status_code == 200
    assert f"Aanbod {count - 1}" in page.content.decode()


# Aanbod, without JavaScript --------------------------------------------------------


def test_the_kernteam_adds_an_item_with_a_plain_form(login, cast, pyramid):
    partner = cast.school.partners.create(name="GGD", kind="ggd")
    client = login(cast.kernteam)
    assert client.get(_url("item_add", cast, pyramid.code) + "?laag=extra").status_code == 200
    response = client.post(
        _url("item_add", cast, pyramid.code),
        _item_post(layer="extra", owner=f"p:{partner.code}", circles=["2", "3"]),
    )
    assert response.status_code == 302
    item = Item.objects.get(pyramid=pyramid)
    assert (item.layer, item.owner_partner, item.circles) == ("extra", partner, [2, 3])
    assert Change.objects.filter(pyramid=pyramid, action="added", user=cast.kernteam.user).exists()


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(login, cast, pyramid):
    client = login(cast.kernteam)
    response = client.post(
        _url("item_add", cast, pyramid.code),
        _item_post(name="Faalangsttraining", reach_kind="percent", reach_value="140"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Een percentage ligt tussen 0 en 100." in page
    assert 'value="Faalangsttraining"' in page
    response = client.post(
        _url("item_add", cast, pyramid.code), _item_post(reach_kind="number", reach_value="")
    )
    assert "Vul het aantal of het percentage in." in response.content.decode()
    response = client.post(_url("item_add", cast, pyramid.code), _item_post(owner="p:onzin"))
    assert response.status_code == 400
    assert not Item.objects.exists()


def test_an_owner_from_another_school_cannot_be_chosen(login, cast, other, pyramid):
    client = login(cast.kernteam)
    response = client.post(
        _url("item_add", cast, pyramid.code), _item_post(owner=f"m:{other.leraar.code}")
    )
    assert response.status_code == 400
    assert not Item.objects.exists()


def test_editing_saves_and_bumps_the_version(login, cast, pyramid, make_item):
    item = make_item()
    client = login(cast.ib)
    response = client.post(
        _url("item_edit", cast, item.code), _item_post(name="Kanjertraining 2.0", version="0")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.name, item.version, item.updated_by) == ("Kanjertraining 2.0", 1, cast.ib.user)


def test_a_stale_edit_is_a_conflict_that_shows_both_versions_and_keeps_the_input(
    login, cast, pyramid, make_item
):
    item = make_item(description="Wekelijks in alle groepen")
    # A colleague saves first.
    update_item(
        item=item,
        data={**_data(item), "description": "Twee keer per week"},
        version=0,
        user=cast.ib.user,
    )
    client = login(cast.kernteam)
    response = client.post(
        _url("item_edit", cast, item.code),
        _item_post(description="Elke maandag, mijn tekst", version="0"),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Elke maandag, mijn tekst" in page  # my input, kept in the form
    assert "Twee keer per week" in page  # their version beside it
    assert "Ilse Intern" in page
    item.refresh_from_db()
    assert item.description == "Twee keer per week"
    # Saving again is a deliberate choice for my version.
    response = client.post(
        _url("item_edit", cast, item.code),
        _item_post(description="Elke maandag, mijn tekst", version="1"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.description == "Elke maandag, mijn tekst"


def _data(item):
    from pyramid.services import ITEM_FIELDS

    return {name: getattr(item, name) for name in ITEM_FIELDS}


def test_moving_between_layers_and_reordering_works_with_plain_posts(
    login, cast, pyramid, make_item
):
    first, _second, third = make_item("Een"), make_item("Twee"), make_item("Drie")
    client = login(cast.kernteam)
    client.post(_url("item_move", cast, third.code), {"step": "-1", "layer": "basis"})
    names = list(
        Item.objects.filter(layer="basis").order_by("position").values_list("name", flat=True)
    )
    assert names == ["Een", "Drie", "Twee"]
    response = client.post(_url("item_move", cast, first.code), {"layer": "extra"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.layer == "extra"
    assert first.version == 1
    assert Change.objects.filter(action="moved", layer="extra").exists()


def test_moving_with_htmx_answers_the_board(login, cast, pyramid, make_item):
    item = make_item("Een")
    make_item("Twee")
    response = login(cast.kernteam).post(
        _url("item_move", cast, item.code), {"step": "1", "layer": "basis"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="piramide-bord"' in page and "<html" not in page
    assert page.index("Twee") < page.index("Een")


def test_deleting_an_item_keeps_it_in_the_history(login, cast, pyramid, make_item):
    item = make_item("Weg ermee")
    client = login(cast.kernteam)
    assert client.post(_url("item_delete", cast, item.code)).status_code == 302
    assert not Item.objects.filter(pk=item.pk).exists()
    history = client.get(_url("history", cast, pyramid.code)).content.decode()
    assert "Weg ermee" in history and "verwijderd" in history and "Karin Kern" in history


# Layer notes -------------------------------------------------------------------------


def test_the_layer_answers_are_saved_under_the_question_keys(login, cast, pyramid):
    client = login(cast.kernteam)
    form = client.get(_url("notes", cast, pyramid.code, "fundament")).content.decode()
    assert '<q class="hr">Is er een compleet schoolteam?</q>' in form
    response = client.post(
        _url("notes", cast, pyramid.code, "fundament"),
        {"version": "0", "compleet-team": "Ja, sinds de zomer", "visie": ""},
    )
    assert response.status_code == 302
    note = LayerNote.objects.get(pyramid=pyramid, layer="fundament")
    assert note.answers == {"compleet-team": "Ja, sinds de zomer"}
    assert "Ja, sinds de zomer" in client.get(_url("page", cast)).content.decode()


def test_a_stale_layer_answer_is_a_conflict_that_keeps_the_input(login, cast, pyramid):
    save_notes(
        pyramid=pyramid,
        layer="basis",
        answers={"mentoraat": "Hun antwoord"},
        version=0,
        user=cast.ib.user,
    )
    response = login(cast.kernteam).post(
        _url("notes", cast, pyramid.code, "basis"), {"version": "0", "mentoraat": "Mijn antwoord"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mijn antwoord" in page and "Hun antwoord" in page
    assert LayerNote.objects.get(pyramid=pyramid, layer="basis").answers == {
        "mentoraat": "Hun antwoord"
    }


def test_an_unknown_layer_is_404(login, cast, pyramid):
    assert login(cast.kernteam).get(_url("notes", cast, pyramid.code, "dak")).status_code == 404


# Live refresh ----------------------------------------------------------------------------


def test_the_poll_answers_204_until_someone_changes_something(login, cast, pyramid, make_item):
    make_item("Een")
    client = login(cast.leraar)
    page = client.get(_url("page", cast)).content.decode()
    stamp = Change.objects.filter(pyramid=pyramid).latest("pk").pk
    assert f"?sinds={stamp}" in page
    live = _url("live", cast, pyramid.code)
    assert client.get(f"{live}?sinds={stamp}", HTTP_HX_REQUEST="true").status_code == 204
    make_item("Nieuw van een collega")
    response = client.get(f"{live}?sinds={stamp}", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Nieuw van een collega" in response.content.decode()
    assert client.get(f"{live}?sinds=onzin").status_code == 200


# The year's pyramids -------------------------------------------------------------------


def test_another_school_years_pyramid_is_shown_by_its_code(login, cast, pyramid, make_item):
    from welbevinden.schools.models import SchoolYear

    make_item("Dit jaar")
    old = SchoolYear.objects.create(school=cast.school, start_year=2025)
    client = login(cast.kernteam)
    page = client.get(_url("page", cast) + f"?jaar={old.code}").content.decode()
    assert "Begin de piramide van 2025-2026" in page
    assert "Dit jaar" not in page
    assert client.get(_url("page", cast) + "?jaar=onzin").status_code == 404


def test_a_second_kernteam_member_edits_the_same_pyramid(login, cast, pyramid, make_item):
    colleague = make_member(cast.school, Role.KERNTEAM, full_name="Kees Kern")
    item = make_item()
    response = login(colleague).post(
        _url("item_edit", cast, item.code), _item_post(name="Samen", version="0")
    )
    assert response.status_code == 302
