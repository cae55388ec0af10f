import re

from django.core import mail
from django.urls import reverse

from tests.factories import make_member
from welbevinden.schools.models import Invitation, Role


def _url(name, cast, *args):
    return reverse(f"schools:{name}", args=[cast.school.slug, *args])


def test_the_member_list_is_bounded(login, cast, django_assert_max_num_queries):
    for index in range(15):
        make_member(cast.school, Role.LERAAR, groups=[cast.group], full_name=f"Extra {index}")
    client = login(cast.beheerder)
    with django_assert_max_num_queries(9):
        response = client.get(_url("member_list", cast))
    content = response.content.decode()
    assert "Extra 14" in content
    assert "Lars Leraar" in content


def test_inviting_mails_a_link_and_lists_the_invitation(login, cast):
    client = login(cast.beheerder)
    response = client.post(
        _url("member_invite", cast),
        {
            "email": "Nieuwe.Collega@Anker.example",
            "full_name": "Nina Nieuw",
            "roles": ["leraar", "kernteam"],
            "groups": [cast.group.pk],
        },
    )
    assert response.url == _url("member_list", cast)
    invitation = Invitation.objects.get(school=cast.school)
    assert invitation.email == "nieuwe.collega@anker.example"
    assert set(invitation.roles) == {Role.LERAAR, Role.KERNTEAM}
    assert list(invitation.groups.all()) == [cast.group]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuwe.collega@anker.example"]
    assert "Basisschool Het Anker" in mail.outbox[0].subject
    assert re.search(r"http://testserver/uitnodiging/\S+/", mail.outbox[0].body)
    assert "7 dagen geldig" in mail.outbox[0].body
    listed = client.get(_url("member_list", cast)).content.decode()
    assert "nieuwe.collega@anker.example" in listed


def test_an_invitation_needs_a_role_and_keeps_what_was_typed(login, cast):
    response = login(cast.beheerder).post(
        _url("member_invite", cast), {"email": "iemand@anker.example", "full_name": "Iemand"}
    )
    content = response.content.decode()
    assert "Kies minstens één rol." in content
    assert 'value="iemand@anker.example"' in content
    assert mail.outbox == []


def test_groups_only_go_with_the_leraar_role(login, cast):
    response = login(cast.beheerder).post(
        _url("member_invite", cast),
        {"email": "iemand@anker.example", "roles": ["ib"], "groups": [cast.group.pk]},
    )
    assert "Koppel groepen alleen aan iemand met de rol leraar." in response.content.decode()


def test_an_existing_member_is_not_invited_again(login, cast):
    response = login(cast.beheerder).post(
        _url("member_invite", cast), {"email": cast.leraar.user.email, "roles": ["leraar"]}
    )
    assert "al lid van de school" in response.content.decode()


def test_a_new_invitation_replaces_an_open_one(login, cast):
    client = login(cast.beheerder)
    for _ in range(2):
        client.post(_url("member_invite", cast), {"email": "a@anker.example", "roles": ["ib"]})
    assert Invitation.objects.pending().count() == 1
    assert Invitation.objects.count() == 2


def test_revoking_and_resending_an_invitation(login, cast):
    client = login(cast.beheerder)
    client.post(_url("member_invite", cast), {"email": "a@anker.example", "roles": ["ib"]})
    invitation = Invitation.objects.get()
    client.post(_url("invitation_resend", cast, invitation.code))
    assert len(mail.outbox) == 2
    fresh = Invitation.objects.pending().get()
    assert fresh != invitation
    assert fresh.roles == [Role.IB]
    client.post(_url("invitation_revoke", cast, fresh.code))
    assert not Invitation.objects.pending().exists()


def test_editing_roles_and_groups(login, cast):
    client = login(cast.beheerder)
    response = client.post(
        _url("member_edit", cast, cast.kernteam.code),
        {"roles": ["kernteam", "leraar"], "groups": [cast.other_group.pk]},
    )
    assert response.url == _url("member_list", cast)
    cast.kernteam.refresh_from_db()
    assert set(cast.kernteam.roles) == {Role.KERNTEAM, Role.LERAAR}
    assert list(cast.kernteam.taught_groups.all()) == [cast.other_group]


def test_the_edit_form_shows_the_current_roles_and_groups(login, cast):
    content = login(cast.beheerder).get(_url("member_edit", cast, cast.leraar.code))
    checked = re.findall(r'<input[^>]*value="([^"]+)"[^>]*checked', content.content.decode())
    assert checked == ["leraar", str(cast.group.pk)]


def test_the_last_beheerder_keeps_the_role(login, cast):
    response = login(cast.beheerder).post(
        _url("member_edit", cast, cast.beheerder.code), {"roles": ["kernteam"]}
    )
    assert "altijd minstens één beheerder" in response.content.decode()
    cast.beheerder.refresh_from_db()
    assert cast.beheerder.is_beheerder


def test_a_beheerder_can_hand_over_when_there_is_another(login, cast):
    make_member(cast.school, Role.BEHEERDER)
    login(cast.beheerder).post(_url("member_edit", cast, cast.beheerder.code), {"roles": ["ib"]})
    cast.beheerder.refresh_from_db()
    assert cast.beheerder.roles == [Role.IB]


def test_deactivating_ends_the_members_open_session_at_once(client, login, cast):
    from django.test import Client

    teacher = Client()
    teacher.force_login(cast.leraar.user)
    home = reverse("core:school_home", args=[cast.school.slug])
    assert teacher.get(home).status_code == 200

    login(cast.beheerder).post(_url("member_deactivate", cast, cast.leraar.code))

    cast.leraar.refresh_from_db()
    cast.leraar.user.refresh_from_db()
    assert not cast.leraar.is_active
    assert not cast.leraar.user.is_active
    response = teacher.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_deactivation_in_one_school_leaves_the_other_school(login, cast, other):
    from django.test import Client

    both = make_member(other.school, Role.IB, user=cast.ib.user)
    login(cast.beheerder).post(_url("member_deactivate", cast, cast.ib.code))
    ib = Client()
    ib.force_login(cast.ib.user)
    assert ib.get(reverse("core:school_home", args=[cast.school.slug])).status_code == 404
    assert ib.get(reverse("core:school_home", args=[other.school.slug])).status_code == 200
    assert both.user.is_active


def test_a_beheerder_cannot_deactivate_themselves(login, cast):
    client = login(cast.beheerder)
    response = client.post(_url("member_deactivate", cast, cast.beheerder.code), follow=True)
    assert "Je kunt jezelf niet deactiveren." in response.content.decode()
    cast.beheerder.refresh_from_db()
    assert cast.beheerder.is_active


def test_a_beheerder_can_deactivate_another_beheerder(login, cast):
    second = make_member(cast.school, Role.BEHEERDER)
    login(cast.beheerder).post(_url("member_deactivate", cast, second.code))
    second.refresh_from_db()
    assert not second.is_active


def test_reactivating_gives_access_again(login, cast):
    client = login(cast.beheerder)
    client.post(_url("member_deactivate", cast, cast.leraar.code))
    listed = client.get(_url("member_list", cast)).content.decode()
    assert "Gedeactiveerd" in listed
    client.post(_url("member_reactivate", cast, cast.leraar.code))
    cast.leraar.refresh_from_db()
    cast.leraar.user.refresh_from_db()
    assert cast.leraar.is_active and cast.leraar.user.is_active


def test_deactivation_asks_first_and_changes_nothing_on_get(login, cast):
    response = login(cast.beheerder).get(_url("member_deactivate", cast, cast.leraar.code))
    assert "Lars Leraar deactiveren?" in response.content.decode()
    cast.leraar.refresh_from_db()
    assert cast.leraar.is_active
