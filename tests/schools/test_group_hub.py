"""The group page as the group's hub: its climate, sociograms, circle 3 handvatten, open
plans and reports, for those who may see the group's work; the pupil list for all who
may see the group."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from circles.climate.models import ClassAgreements, Entry
from circles.models import Handvat
from circles.services import start_round
from welbevinden.schools.models import Group, Membership


def _page(client, school, group) -> str:
    response = client.get(reverse("schools:group_detail", args=[school.slug, group.code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kiezel(db):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    group = Group.objects.get(
        school__slug="de-kiezel", name="Groep 5", school_year__is_current=True
    )
    return group


def _member(email):
    return Membership.objects.get(user__email=email, school__slug="de-kiezel")


@pytest.mark.parametrize("email", ["joris@kiezel.example", "noor.hendriks@bestuur.example"])
def test_the_demo_group_page_leads_to_all_of_the_groups_work(kiezel, client, email):
    client.force_login(_member(email).user)
    page = _page(client, kiezel.school, kiezel)
    slug, code = kiezel.school.slug, kiezel.code
    # Climate: the latest shared entry's level and day, and the log.
    latest = Entry.objects.shared().filter(group=kiezel).order_by("-day", "-created_at").first()
    assert "Laatste gedeelde notitie" in page
    assert f'level-{latest.level_value}"' in page
    assert reverse("climate:group_log", args=[slug, code]) in page
    # Sociograms: when last measured, and the page.
    assert "Laatst gemeten:" in page
    assert reverse("sociogram:group", args=[slug, code]) in page
    # Circle 3's handvatten, each with its status, and the open plans.
    assert "Cirkel 3: Groepsdynamiek in de klas" in page
    assert "Nog niet gedaan" in page or "Bezig" in page
    assert "Elke ochtend bij de deur elk kind bij naam begroeten" in page
    # Reports: a Teambespreking of this group, the klassenafspraken poster.
    assert reverse("reports:teambespreking", args=[slug]) + f"?groepen={code}" in page
    assert f'name="groepen" value="{code}"' in page
    assert reverse("reports:klassenafspraken", args=[slug, code, "a4"]) in page
    # The pupils stay.
    assert "25 leerlingen" in page


def test_a_handvat_started_shows_its_status_on_the_group_page(cast, login):
    client = login(cast.leraar)
    assert "Bezig" not in _page(client, cast.school, cast.group)
    start_round(
        handvat=Handvat.objects.get(key="rol-leraar"),
        school=cast.school,
        user=cast.leraar.user,
        group=cast.group,
    )
    page = _page(client, cast.school, cast.group)
    assert "Bezig" in page


def test_an_empty_group_says_what_each_part_is_for(cast, login):
    page = _page(login(cast.leraar), cast.school, cast.group)
    assert "Nog geen gedeelde klimaatnotitie voor Groep 6b" in page
    assert "Nog geen sociogram voor Groep 6b" in page
    assert "Geen open plannen" in page
    # No klassenafspraken, so no poster to print.
    assert "klassenafspraken/" not in page


def test_a_private_climate_note_is_not_the_latest_shared_one(cast, login):
    Entry.objects.create(
        school=cast.school,
        group=cast.group,
        author=cast.leraar.user,
        day=datetime.date.today(),
        level="negatief",
        visibility="private",
    )
    page = _page(login(cast.ib), cast.school, cast.group)
    assert "Nog geen gedeelde klimaatnotitie" in page
    ClassAgreements.objects.create(school=cast.school, group=cast.group, text="We luisteren.")
    page = _page(login(cast.ib), cast.school, cast.group)
    assert (
        reverse("reports:klassenafspraken", args=[cast.school.slug, cast.group.code, "a3"]) in page
    )


def test_the_beheerder_sees_the_pupils_but_not_the_groups_work(cast, login):
    page = _page(login(cast.beheerder), cast.school, cast.group)
    assert "Sanne B." in page
    assert "Klimaatlogboek" not in page
    assert "Teambespreking" not in page
    assert "Open plannen" not in page


def test_the_group_page_is_403_for_a_leraar_of_another_group_and_404_for_an_outsider(
    cast, other, login
):
    url = reverse("schools:group_detail", args=[cast.school.slug, cast.group.code])
    assert login(cast.other_leraar).get(url).status_code == 403
    assert login(cast.directie).get(url).status_code == 403
    assert login(other.leraar).get(url).status_code == 404
