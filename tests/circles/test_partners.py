"""Cirkel 6: the school's surroundings and partners."""

import pytest
from django.urls import reverse

from circles.models import Partner, SchoolContext


def _url(name, cast, *args):
    return reverse(f"circles:{name}", args=[cast.school.slug, *args])


def test_cirkel_6_says_the_handreiking_does_not_work_it_out(login, cast):
    page = login(cast.leraar).get(_url("circle", cast, 6)).content.decode()
    assert "Niet verder uitgewerkt in de handreiking" in page
    assert "En de vijver?" in page
    assert "Nog geen partners" in page


@pytest.mark.parametrize("role", ["kernteam", "beheerder"])
def test_the_kernteam_and_beheerder_record_partners(login, cast, role):
    client = login(getattr(cast, role))
    response = client.post(
        _url("partner_add", cast),
        {"name": "Wijkteam Oost", "kind": "wijkteam", "contact_role": "jeugdverpleegkundige"},
    )
    assert response.url == _url("circle", cast, 6)
    partner = Partner.objects.get(school=cast.school)
    page = client.get(_url("circle", cast, 6)).content.decode()
    assert "Wijkteam Oost" in page and "jeugdverpleegkundige" in page
    client.post(
        _url("partner_edit", cast, partner.code), {"name": "Wijkteam West", "kind": "wijkteam"}
    )
    partner.refresh_from_db()
    assert partner.name == "Wijkteam West"
    client.post(_url("partner_delete", cast, partner.code))
    assert not Partner.objects.exists()


def test_a_partner_needs_a_name_and_keeps_the_input(login, cast):
    response = login(cast.kernteam).post(
        _url("partner_add", cast), {"name": "", "kind": "ggd", "notes": "Belt op dinsdag."}
    )
    assert response.status_code == 200
    assert "Belt op dinsdag." in response.content.decode()
    assert not Partner.objects.exists()


@pytest.mark.parametrize("role", ["leraar", "ib", "directie"])
def test_other_roles_read_but_do_not_edit(login, cast, role):
    partner = Partner.objects.create(school=cast.school, name="GGD", kind="ggd")
    client = login(getattr(cast, role))
    assert "GGD" in client.get(_url("circle", cast, 6)).content.decode()
    assert client.get(_url("partner_add", cast)).status_code == 403
    assert client.get(_url("partner_edit", cast, partner.code)).status_code == 403
    assert client.post(_url("partner_delete", cast, partner.code)).status_code == 403
    assert client.get(_url("context_edit", cast)).status_code == 403


def test_the_school_describes_its_surroundings(login, cast):
    client = login(cast.kernteam)
    client.post(_url("context_edit", cast), {"description": "Een dorp met één sportclub."})
    assert (
        SchoolContext.objects.get(school=cast.school).description == "Een dorp met één sportclub."
    )
    assert (
        "Een dorp met één sportclub."
        in login(cast.leraar).get(_url("circle", cast, 6)).content.decode()
    )
