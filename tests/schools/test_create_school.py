from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from welbevinden.schools.models import Invitation, Role, School


def test_create_school_makes_the_school_and_invites_its_beheerder(db):
    out = StringIO()
    call_command(
        "create_school",
        "Basisschool De Voorbeeld",
        kind="po",
        beheerder="Beheer@Voorbeeld.example",
        base_url="https://welbevinden.example/",
        stdout=out,
    )
    school = School.objects.get(name="Basisschool De Voorbeeld")
    assert school.slug == "basisschool-de-voorbeeld"
    assert school.current_year() is not None
    invitation = Invitation.objects.get(school=school)
    assert invitation.email == "beheer@voorbeeld.example"
    assert invitation.roles == [Role.BEHEERDER]
    assert "https://welbevinden.example/uitnodiging/" in out.getvalue()
    assert "Je bent uitgenodigd als beheerder" in mail.outbox[0].body


def test_a_second_school_with_the_same_name_gets_its_own_slug(db):
    for _ in range(2):
        call_command(
            "create_school", "De Es", kind="vo", beheerder="a@es.example", stdout=StringIO()
        )
    assert sorted(School.objects.values_list("slug", flat=True)) == ["de-es", "de-es-2"]


def test_a_bad_address_is_refused(db):
    with pytest.raises(CommandError, match="not an e-mail address"):
        call_command("create_school", "X", kind="po", beheerder="geen-adres", stdout=StringIO())
    assert not School.objects.exists()
