"""Two kernteam members edit the same pyramid item in two browsers: a conflict, no lost text."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def item(demo):
    from circles.services import load_handreiking
    from pyramid.services import add_item, start_pyramid
    from welbevinden.schools.models import School

    load_handreiking()  # transactional tests start from an empty database
    school = School.objects.get(slug="de-kiezel")
    pyramid = start_pyramid(school=school, year=school.current_year(), user=None)
    return add_item(
        pyramid=pyramid,
        data={"name": "Kanjertraining", "layer": "basis", "description": "Wekelijks"},
        user=None,
    )


def test_two_sessions_editing_one_item_show_the_conflict_and_keep_the_text(
    session, live_server, item
):
    edit = f"{live_server.url}/s/de-kiezel/piramide/aanbod/{item.code}/"
    joris = session("joris@kiezel.example")
    noor = session("noor.hendriks@bestuur.example")
    joris.goto(edit)
    noor.goto(edit)

    noor.get_by_label("Beschrijving").fill("Twee keer per week, door Noor")
    noor.get_by_role("button", name="Opslaan").click()
    expect(noor).to_have_url(re.compile(r"/piramide/\?jaar="))
    expect(noor.get_by_text("Twee keer per week, door Noor")).to_be_visible()

    joris.get_by_label("Beschrijving").fill("Elke maandag, door Joris")
    joris.get_by_role("button", name="Opslaan").click()
    expect(joris.locator("#conflict")).to_contain_text("Noor Hendriks heeft dit aanbod intussen")
    expect(joris.get_by_label("Beschrijving")).to_have_value("Elke maandag, door Joris")
    expect(joris.locator(".conflict-theirs")).to_contain_text("Twee keer per week, door Noor")

    joris.get_by_role("button", name="Mijn versie opslaan").click()
    expect(joris.get_by_text("Elke maandag, door Joris")).to_be_visible()


def test_a_colleagues_new_item_appears_without_a_reload(session, live_server, item):
    from pyramid.models import Pyramid
    from pyramid.services import add_item

    page = session("ahmed@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/piramide/")
    page.wait_for_load_state("load")
    add_item(
        pyramid=Pyramid.objects.get(pk=item.pyramid_id),
        data={"name": "Nieuw: weerbaarheidstraining", "layer": "extra"},
        user=None,
    )
    expect(page.locator("#laag-extra")).to_contain_text(
        "Nieuw: weerbaarheidstraining", timeout=15000
    )


def test_reordering_with_the_keyboard_keeps_the_focus_on_the_moved_item(session, live_server, item):
    from pyramid.models import Pyramid
    from pyramid.services import add_item

    add_item(
        pyramid=Pyramid.objects.get(pk=item.pyramid_id),
        data={"name": "Dagstart", "layer": "basis"},
        user=None,
    )
    page = session("joris@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/piramide/")
    page.wait_for_load_state("load")
    basis = page.locator("#laag-basis .pyramid-item strong")
    expect(basis).to_have_text(["Kanjertraining", "Dagstart"])
    page.get_by_role("button", name="Kanjertraining omlaag in de lijst").focus()
    page.keyboard.press("Enter")
    expect(basis).to_have_text(["Dagstart", "Kanjertraining"])
    # Still on the same page (htmx), and the focus is on the moved item's "omhoog".
    expect(page).to_have_url(re.compile(r"/piramide/$"))
    expect(page.get_by_role("button", name="Kanjertraining omhoog in de lijst")).to_be_focused()
