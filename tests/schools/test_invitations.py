from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_user
from welbevinden.accounts.models import User
from welbevinden.schools import services
from welbevinden.schools.models import Membership, Role
from welbevinden.schools.services import invite_member


@pytest.fixture
def invite(cast):
    """Invite someone to the cast's school; returns the link's path."""

    def _invite(email="nina@anker.example", roles=(Role.LERAAR,), groups=()):
        tokens = []
        invite_member(
            school=cast.school,
            email=email,
            full_name="Nina Nieuw",
            roles=list(roles),
            groups=list(groups),
            invited_by=cast.beheerder.user,
            build_url=tokens.append,
        )
        return reverse("schools:invitation_accept", args=[tokens[0]])

    return _invite


def test_a_new_person_sets_a_password_and_becomes_a_member(client, cast, invite):
    link = invite(groups=[cast.group])
    page = client.get(link).content.decode()
    assert "Welkom bij Basisschool Het Anker" in page
    assert 'value="Nina Nieuw"' in page

    response = client.post(
        link,
        {
            "full_name": "Nina Nieuw",
            "password1": "een-goed-wachtwoord",
            "password2": "een-goed-wachtwoord",
        },
    )
    assert response.url == reverse("dashboard:home", args=[cast.school.slug])
    membership = Membership.objects.get(user__email="nina@anker.example")
    assert membership.roles == [Role.LERAAR]
    assert list(membership.taught_groups.all()) == [cast.group]
    assert membership.user.check_password("een-goed-wachtwoord")
    assert client.get(response.url).status_code == 200


def test_a_used_link_does_not_work_twice(client, cast, invite):
    link = invite()
    data = {
        "full_name": "Nina",
        "password1": "een-goed-wachtwoord",
        "password2": "een-goed-wachtwoord",
    }
    client.post(link, data)
    client.logout()
    response = client.get(link)
    assert response.status_code == 404
    assert "al gebruikt" in response.content.decode()


def test_mismatched_or_weak_passwords_keep_the_name(client, cast, invite):
    link = invite()
    response = client.post(
        link, {"full_name": "Nina N.", "password1": "een-goed-wachtwoord", "password2": "anders"}
    )
    content = response.content.decode()
    assert "De twee wachtwoorden zijn niet gelijk." in content
    assert 'value="Nina N."' in content
    response = client.post(link, {"full_name": "Nina N.", "password1": "kort", "password2": "kort"})
    assert "te kort" in response.content.decode()
    assert not Membership.objects.filter(user__email="nina@anker.example").exists()


def test_an_expired_link_says_to_ask_for_a_new_one(client, cast, invite):
    link = invite()
    cast.school.invitations.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 404
    assert "verlopen" in response.content.decode()


def test_the_link_is_valid_for_seven_days(client, cast, invite):
    invite()
    invitation = cast.school.invitations.get()
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )


def test_a_revoked_or_unknown_link_is_404(client, cast, invite):
    link = invite()
    cast.school.invitations.update(revoked_at=timezone.now())
    assert client.get(link).status_code == 404
    assert client.get(reverse("schools:invitation_accept", args=["verzonnen"])).status_code == 404


def test_someone_with_an_account_logs_in_and_accepts(client, cast, other, invite):
    link = invite(email=other.leraar.user.email, roles=(Role.IB,))
    page = client.get(link).content.decode()
    assert "Log in om de uitnodiging te accepteren" in page

    client.force_login(other.leraar.user)
    assert "Uitnodiging accepteren" in client.get(link).content.decode()
    response = client.post(link)
    assert response.url == reverse("dashboard:home", args=[cast.school.slug])
    membership = Membership.objects.get(user=other.leraar.user, school=cast.school)
    assert membership.roles == [Role.IB]
    # The existing password and the other school are untouched.
    other.leraar.user.refresh_from_db()
    assert other.leraar.user.check_password(PASSWORD)
    assert other.leraar.user.memberships.count() == 2


def test_logged_in_as_someone_else_the_page_says_so(client, cast, invite):
    link = invite()
    client.force_login(cast.ib.user)
    response = client.get(link)
    assert "Je bent ingelogd als iemand anders" in response.content.decode()
    assert client.post(link).status_code == 200
    assert not Membership.objects.filter(user__email="nina@anker.example").exists()


def test_a_deactivated_member_invited_again_logs_in_and_gets_access_back(client, cast, invite):
    client.force_login(cast.beheerder.user)
    client.post(reverse("schools:member_deactivate", args=[cast.school.slug, cast.ib.code]))
    client.logout()
    link = invite(email=cast.ib.user.email, roles=(Role.LERAAR,))
    assert "Log in om de uitnodiging te accepteren" in client.get(link).content.decode()
    cast.ib.user.refresh_from_db()  # the deactivation ended its sessions
    client.force_login(cast.ib.user)
    response = client.post(link)
    assert response.url == reverse("dashboard:home", args=[cast.school.slug])
    cast.ib.refresh_from_db()
    assert cast.ib.is_active
    assert set(cast.ib.roles) == {Role.IB, Role.LERAAR}


@pytest.mark.parametrize("logged_in", [False, True])
def test_a_blocked_account_cannot_accept_and_is_told_so(client, cast, invite, logged_in):
    user = make_user("oud@anker.example", full_name="Oud Collega")
    user.is_active = False
    user.save()
    link = invite(email="oud@anker.example")
    if logged_in:
        # A session from before the block; Django ignores it for an inactive user.
        client.force_login(user)
    page = client.get(link)
    assert page.status_code == 403
    assert "Je account is geblokkeerd" in page.content.decode()
    assert "Neem contact op met de beheerder van Basisschool Het Anker" in page.content.decode()
    response = client.post(
        link,
        {
            "full_name": "Oud Collega",
            "password1": "een-goed-wachtwoord",
            "password2": "een-goed-wachtwoord",
        },
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert not user.memberships.exists()
    assert cast.school.invitations.get().accepted_at is None


def test_the_service_never_lifts_a_block(cast, invite):
    user = make_user("oud@anker.example")
    user.is_active = False
    user.save()
    invite(email="oud@anker.example")
    with pytest.raises(services.InvitationUnusable):
        services.accept_invitation(invitation=cast.school.invitations.get(), user=user)
    user.refresh_from_db()
    assert not user.is_active
    assert not user.memberships.exists()


def test_an_invitation_used_meanwhile_is_not_accepted_twice(cast, other, invite):
    # The view read the invitation as pending; by the time it writes, another
    # request has used it. The check inside the transaction catches that.
    invite(email=other.leraar.user.email)
    stale = cast.school.invitations.get()
    cast.school.invitations.update(accepted_at=timezone.now())
    with pytest.raises(services.InvitationUnusable):
        services.accept_invitation(invitation=stale, user=other.leraar.user)
    assert not Membership.objects.filter(user=other.leraar.user, school=cast.school).exists()


def test_a_double_submit_of_the_new_account_form_gives_no_error(client, cast, invite):
    link = invite()
    data = {
        "full_name": "Nina Nieuw",
        "password1": "een-goed-wachtwoord",
        "password2": "een-goed-wachtwoord",
    }
    first = client.post(link, data)
    assert first.url == reverse("dashboard:home", args=[cast.school.slug])
    second = client.post(link, data)
    # Still logged in from the first submit: straight to the school.
    assert second.status_code == 302
    assert second.url == first.url
    assert Membership.objects.filter(user__email="nina@anker.example").count() == 1


def test_an_account_created_by_a_racing_submit_gives_no_error(client, cast, invite, monkeypatch):
    # The second of two simultaneous submits finds no account when it looks,
    # but the first creates it just before the second inserts.
    link = invite()
    create_user = User.objects.create_user

    def racing_create_user(email, password, **fields):
        create_user(email, password, **fields)
        raise IntegrityError("UNIQUE constraint failed: accounts_user.email")

    monkeypatch.setattr(User.objects, "create_user", racing_create_user)
    response = client.post(
        link,
        {
            "full_name": "Nina Nieuw",
            "password1": "een-goed-wachtwoord",
            "password2": "een-goed-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert response.url == link
    assert cast.school.invitations.get().accepted_at is None
