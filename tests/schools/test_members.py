import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_member
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


def test_inviting_a_deactivated_member_points_to_giving_access_again(login, cast):
    client = login(cast.beheerder)
    client.post(_url("member_deactivate", cast, cast.leraar.code))
    response = client.post(
        _url("member_invite", cast), {"email": cast.leraar.user.email, "roles": ["leraar"]}
    )
    content = response.content.decode()
    assert "Deze persoon is gedeactiveerd. Geef weer toegang bij Leden, onder Gedeactiveerd." in (
        content
    )
    assert "al lid van de school" not in content
    assert mail.outbox == []


def test_another_schools_group_cannot_be_given_in_an_invitation(login, cast, other):
    response = login(cast.beheerder).post(
        _url("member_invite", cast),
        {"email": "iemand@anker.example", "roles": ["leraar"], "groups": [other.group.pk]},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_invite_page_tells_how_long_the_link_works(login, cast, settings):
    settings.INVITATION_VALID_DAYS = 3
    client = login(cast.beheerder)
    assert "De link is 3 dagen geldig." in client.get(_url("member_invite", cast)).content.decode()
    assert "link die 3 dagen geldig is" in client.get(_url("member_list", cast)).content.decode()


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


def test_used_or_revoked_invitations_cannot_be_resent_or_revoked(login, cast):
    client = login(cast.beheerder)
    client.post(_url("member_invite", cast), {"email": "a@anker.example", "roles": ["ib"]})
    invitation = Invitation.objects.get()
    Invitation.objects.update(accepted_at=timezone.now())
    assert client.post(_url("invitation_resend", cast, invitation.code)).status_code == 404
    assert client.post(_url("invitation_revoke", cast, invitation.code)).status_code == 404
    assert len(mail.outbox) == 1
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


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


def test_another_schools_group_cannot_be_linked_to_a_member(login, cast, other):
    response = login(cast.beheerder).post(
        _url("member_edit", cast, cast.leraar.code),
        {"roles": ["leraar"], "groups": [cast.group.pk, other.group.pk]},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert list(cast.leraar.taught_groups.all()) == [cast.group]
    assert not other.group.teachers.filter(pk=cast.leraar.pk).exists()


def test_a_vo_school_says_klassen_on_the_member_form(login, other):
    url = reverse("schools:member_edit", args=[other.school.slug, other.leraar.code])
    content = login(other.beheerder).get(url).content.decode()
    assert "Klassen waaraan deze persoon lesgeeft" in content
    assert "Groepen waaraan" not in content


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
    teacher = Client()
    teacher.force_login(cast.leraar.user)
    home = reverse("dashboard:home", args=[cast.school.slug])
    assert teacher.get(home).status_code == 200

    login(cast.beheerder).post(_url("member_deactivate", cast, cast.leraar.code))

    cast.leraar.refresh_from_db()
    cast.leraar.user.refresh_from_db()
    assert not cast.leraar.is_active
    # A school never blocks the account itself: that is platform-wide.
    assert cast.leraar.user.is_active
    response = teacher.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_deactivation_also_ends_the_session_in_another_school(login, cast, other):
    # Sessions belong to the user, not to a school.
    make_member(other.school, Role.IB, user=cast.ib.user)
    ib = Client()
    ib.force_login(cast.ib.user)
    elsewhere = reverse("dashboard:home", args=[other.school.slug])
    assert ib.get(elsewhere).status_code == 200

    login(cast.beheerder).post(_url("member_deactivate", cast, cast.ib.code))

    response = ib.get(elsewhere)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_deactivation_in_one_school_leaves_the_other_school(login, cast, other):
    both = make_member(other.school, Role.IB, user=cast.ib.user)
    login(cast.beheerder).post(_url("member_deactivate", cast, cast.ib.code))

    cast.ib.refresh_from_db()
    both.refresh_from_db()
    both.user.refresh_from_db()
    assert not cast.ib.is_active
    assert both.is_active
    assert both.user.is_active
    ib = Client()
    response = ib.post(
        reverse("accounts:login"), {"username": both.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert ib.get(reverse("dashboard:home", args=[cast.school.slug])).status_code == 404
    assert ib.get(reverse("dashboard:home", args=[other.school.slug])).status_code == 200


def test_the_last_beheerder_rule_locks_the_beheerder_rows(login, cast):
    # Two beheerders stepping down at once must not both succeed; on a
    # database with row locks the check runs under SELECT … FOR UPDATE.
    if not connection.features.has_select_for_update:
        pytest.skip("this database has no row locks (SQLite locks the whole file)")
    second = make_member(cast.school, Role.BEHEERDER)
    client = login(cast.beheerder)
    with CaptureQueriesContext(connection) as deactivating:
        client.post(_url("member_deactivate", cast, second.code))
    with CaptureQueriesContext(connection) as editing:
        client.post(_url("member_edit", cast, cast.kernteam.code), {"roles": ["ib"]})
    for captured in (deactivating, editing):
        assert any("FOR UPDATE" in query["sql"] for query in captured.captured_queries)


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
    assert cast.leraar.is_active
    teacher = Client()
    teacher.force_login(cast.leraar.user)
    assert teacher.get(reverse("dashboard:home", args=[cast.school.slug])).status_code == 200


def test_a_blocked_account_is_listed_as_active_with_a_badge(login, cast):
    user = cast.leraar.user
    user.is_active = False
    user.save()
    content = login(cast.beheerder).get(_url("member_list", cast)).content.decode()
    active_part, _, _ = content.partition("Openstaande uitnodigingen")
    assert "Lars Leraar" in active_part
    assert "Account geblokkeerd" in active_part
    assert "Weer toegang geven" not in content


def test_reactivating_in_a_school_does_not_lift_a_block(login, cast):
    client = login(cast.beheerder)
    client.post(_url("member_deactivate", cast, cast.leraar.code))
    user = cast.leraar.user
    user.refresh_from_db()
    user.is_active = False
    user.save()
    client.post(_url("member_reactivate", cast, cast.leraar.code))
    cast.leraar.refresh_from_db()
    user.refresh_from_db()
    assert cast.leraar.is_active
    assert not user.is_active


def test_deactivation_asks_first_and_changes_nothing_on_get(login, cast):
    response = login(cast.beheerder).get(_url("member_deactivate", cast, cast.leraar.code))
    assert "Lars Leraar deactiveren?" in response.content.decode()
    cast.leraar.refresh_from_db()
    assert cast.leraar.is_active


def test_the_member_list_searches_filters_by_role_and_pages(login, cast, monkeypatch):
    monkeypatch.setattr("welbevinden.schools.views.members.MEMBERS_PER_PAGE", 3)
    client = login(cast.beheerder)
    url = _url("member_list", cast)

    def names(response):
        return [m.user.full_name for m in response.context["active"]]

    assert names(client.get(url, {"q": "ilse"})) == ["Ilse Intern"]
    assert names(client.get(url, {"q": "@school.example", "rol": "leraar"})) == [
        "Lars Leraar",
        "Olga Ander",
    ]
    assert names(client.get(url, {"rol": "kernteam"})) == ["Karin Kern"]
    first = client.get(url)
    assert names(first) == ["Bea Beheer", "Dirk Directie", "Ilse Intern"]
    assert "Pagina 1 van 2" in first.content.decode()
    assert names(client.get(url, {"pagina": 2})) == ["Karin Kern", "Lars Leraar", "Olga Ander"]
    # An unknown role filters nothing.
    assert len(names(client.get(url, {"rol": "x"}))) == 3


def test_the_member_list_queries_do_not_grow_with_the_members(login, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.beheerder)
    url = _url("member_list", cast)

    def count():
        client.get(url, {"q": "e"})
        with CaptureQueriesContext(connection) as captured:
            client.get(url, {"q": "e"})
        return len(captured.captured_queries)

    small = count()
    for index in range(40):
        make_member(cast.school, Role.LERAAR, groups=[cast.group], full_name=f"Extra {index}")
    assert count() == small


def test_a_group_id_past_64_bits_is_refused_with_a_message(login, cast):
    # SQLite raised OverflowError on the lookup: a server error (issue 19, found by the fuzzer).
    response = login(cast.beheerder).post(
        _url("member_edit", cast, cast.leraar.code),
        {"roles": ["leraar"], "groups": [str(2**70)]},
    )
    assert response.status_code == 200
    assert "geldige keuze" in response.content.decode()
