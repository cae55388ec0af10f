"""The main path of the checklists: four kernteam members fill in the Beginsituatie on their
own, see the consensus, agree, and turn a priority into a goal with an action on the agenda."""

import pytest
from playwright.sync_api import expect

from welbevinden.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# Per member: their answer (radio index: 0 goed, 1 aandacht, 2 prioriteit) to two items.
ANSWERS = {
    "directie@kiezel.example": {"beleid": 0, "warm": 0},
    "noor.hendriks@bestuur.example": {"beleid": 2, "warm": 0},
    "joris@kiezel.example": {"beleid": 2, "warm": 0},
    "kim@kiezel.example": {"beleid": 1, "warm": 1},
}


@pytest.fixture
def fourth_member(demo):
    from circles.services import load_handreiking
    from welbevinden.accounts.models import User
    from welbevinden.schools.models import Membership, Role, School

    load_handreiking()  # transactional tests start from an empty database
    user = User.objects.create_user("kim@kiezel.example", DEMO_PASSWORD, full_name="Kim de Wit")
    membership = Membership.objects.create(user=user, school=School.objects.get(slug="de-kiezel"))
    membership.set_roles([Role.KERNTEAM, Role.LERAAR])
    membership.save()


def test_four_members_agree_and_a_priority_becomes_a_goal_on_the_agenda(
    session, live_server, fourth_member
):
    checklist = f"{live_server.url}/s/de-kiezel/checklists/beginsituatie/"
    for email, answers in ANSWERS.items():
        page = session(email)
        page.goto(checklist)
        page.get_by_role("link", name="Zelf invullen").click()
        for item, index in answers.items():
            page.check(f"#id_{item}-answer_{index}")
        page.fill("#id_beleid-note", f"Notitie van {email.split('@')[0]}")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Je antwoorden zijn opgeslagen")).to_be_visible()

    # The last one sees the team's answers: counts, disagreement, notes without names.
    row = page.locator("#item-beleid")
    expect(row).to_contain_text("niet over eens")
    expect(row).to_contain_text("Notitie van noor.hendriks")
    expect(page.locator("#item-warm")).not_to_contain_text("niet over eens")
    expect(page.get_by_text("4 kernteamleden vulden de checklist in")).to_be_visible()

    row.get_by_role("link", name="Afspraak vastleggen").click()
    page.get_by_label("Afgesproken antwoord").select_option("prioriteit")
    page.get_by_label("Toelichting").fill("Het pestprotocol is verouderd")
    page.get_by_role("button", name="Vastleggen").click()

    page.locator("#item-beleid").get_by_role("link", name="Maak er een doel van").click()
    expect(page.get_by_label("Doel (zo concreet mogelijk)")).to_have_value(
        "Het pestprotocol is verouderd"
    )
    page.get_by_label("Doel (zo concreet mogelijk)").fill("Iedereen kent het nieuwe pestprotocol")
    page.get_by_label("Wanneer evalueren jullie dit doel?").fill("2027-06-15")
    page.get_by_role("button", name="Zet op de teamagenda").click()

    page.get_by_label("Wat gaat er gebeuren?").fill("Protocol bespreken in de leerlingenraad")
    page.get_by_label("Wie doet het?").select_option(label="Kim de Wit")
    page.get_by_label("Wanneer?").fill("2027-01-20")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Actie toegevoegd")).to_be_visible()

    page.goto(f"{live_server.url}/s/de-kiezel/teamagenda/")
    expect(page.locator("#doelen")).to_contain_text("Iedereen kent het nieuwe pestprotocol")
    expect(page.locator("#acties")).to_contain_text("Protocol bespreken in de leerlingenraad")
    expect(page.get_by_text("15 juni 2027: Iedereen kent het nieuwe pestprotocol")).to_be_visible()
