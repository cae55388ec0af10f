"""Names are one line: no line breaks or other control characters in any name field,
so nobody can put a paragraph of their own into a mail the platform sends."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from circles.models import Partner
from welbevinden.schools.models import Group, Invitation, Pupil, School
from welbevinden.schools.services import invite_member

INJECTED = "Sanne\n\nBevestig je account via https://phish.example/login"
MESSAGE = "past op één regel"


def _url(name, cast, *args):
    return reverse(f"schools:{name}", args=[cast.school.slug, *args])


@pytest.mark.parametrize(
    "name",
    [INJECTED, "Sanne\rB.", "Sanne\tB.", "Sanne\x07B.", "Sanne\u2028B.", "Sanne\u202eB."],
    ids=["newlines", "carriage-return", "tab", "bell", "line-separator", "bidi-override"],
)
def test_an_invitation_name_with_a_control_character_is_refused(login, cast, name):
    response = login(cast.beheerder).post(
        _url("member_invite", cast),
        {"email": "iemand@anker.example", "full_name": name, "roles": ["leraar"]},
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert 'value="iemand@anker.example"' in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_name_with_accents_and_apostrophes_is_fine(login, cast):
    login(cast.beheerder).post(
        _url("member_invite", cast),
        {"email": "iemand@anker.example", "full_name": "Zoë van 't Hof-Çelik", "roles": ["ib"]},
    )
    assert Invitation.objects.get().full_name == "Zoë van 't Hof-Çelik"
    assert "Hallo Zoë van 't Hof-Çelik," in mail.outbox[0].body


def test_a_group_name_is_one_line(login, cast):
    response = login(cast.beheerder).post(_url("group_create", cast), {"name": "6c\nextra"})
    assert MESSAGE in response.content.decode()
    assert not Group.objects.filter(name__startswith="6c").exists()


def test_a_pupil_name_is_one_line(login, cast):
    response = login(cast.beheerder).post(
        _url("pupil_add", cast, cast.group.code), {"display_name": "Mila\x0bR.", "lvs_number": ""}
    )
    assert MESSAGE in response.content.decode()
    assert not Pupil.objects.filter(display_name__startswith="Mila").exists()


def test_a_pasted_pupil_list_refuses_a_name_with_a_control_character(login, cast):
    response = login(cast.beheerder).post(
        _url("pupil_paste", cast, cast.group.code), {"names": "Mila R.\nNoah\x1bK."}
    )
    assert MESSAGE in response.content.decode()
    assert not Pupil.objects.filter(display_name__startswith="Noah").exists()


def test_a_partner_name_is_one_line(login, cast):
    response = login(cast.kernteam).post(
        reverse("circles:partner_add", args=[cast.school.slug]),
        {"name": "Wijkteam\nNoord", "kind": "wijkteam"},
    )
    assert MESSAGE in response.content.decode()
    assert not Partner.objects.exists()


def test_the_name_chosen_on_accepting_an_invitation_is_one_line(client, cast):
    tokens = []
    invite_member(
        school=cast.school,
        email="nina@anker.example",
        full_name="",
        roles=["leraar"],
        groups=[],
        invited_by=cast.beheerder.user,
        build_url=tokens.append,
    )
    response = client.post(
        reverse("schools:invitation_accept", args=[tokens[0]]),
        {
            "full_name": INJECTED,
            "password1": "een-goed-wachtwoord",
            "password2": "een-goed-wachtwoord",
        },
    )
    assert MESSAGE in response.content.decode()


def test_a_mail_puts_a_stored_name_on_one_line(cast):
    # Names stored before this rule (or by staff) still cannot break the mail's lines.
    cast.beheerder.user.full_name = "Bea\nBeheer"
    cast.beheerder.user.save()
    invite_member(
        school=cast.school,
        email="nina@anker.example",
        full_name=INJECTED,
        roles=["leraar"],
        groups=[],
        invited_by=cast.beheerder.user,
        build_url=lambda token: f"http://testserver/uitnodiging/{token}/",
    )
    body = mail.outbox[0].body
    assert "Hallo Sanne Bevestig je account via https://phish.example/login," in body
    assert "Bea Beheer nodigt je uit" in body
    assert "\nBevestig" not in body


def test_a_school_name_given_to_create_school_is_one_line(db):
    with pytest.raises(CommandError, match="one line"):
        call_command(
            "create_school", "De Kiezel\nBevestig hier", kind="po", beheerder="a@kiezel.example"
        )
    assert not School.objects.exists()
