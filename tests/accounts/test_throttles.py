"""Throttles on the account flows: guessing the current password, reset and invitation
mails, and one password sprayed over many addresses from one IP address."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from welbevinden.schools.models import Invitation

LOGIN = reverse("accounts:login")
CHANGE = reverse("accounts:password_change")
RESET = reverse("accounts:password_reset")


def _change(client, old, ip="10.0.0.1"):
    new = "een-heel-nieuw-wachtwoord"
    return client.post(
        CHANGE,
        {"old_password": old, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=ip,
    )


class TestPasswordChange:
    def test_guessing_the_current_password_is_stopped_per_user(self, client, cast, settings):
        client.force_login(cast.leraar.user)
        for _ in range(settings.PASSWORD_CHANGE_FAILURE_LIMIT):
            assert "niet juist" in _change(client, "een-gok").content.decode()
        response = _change(client, PASSWORD, ip="10.0.0.2")
        assert response.status_code == 429
        assert "te vaak een verkeerd huidig wachtwoord" in response.content.decode()
        cast.leraar.user.refresh_from_db()
        assert cast.leraar.user.check_password(PASSWORD)

    def test_guessing_from_one_ip_address_is_stopped_over_several_accounts(
        self, client, cast, settings
    ):
        settings.PASSWORD_CHANGE_FAILURE_LIMIT = 100
        settings.PASSWORD_CHANGE_IP_FAILURE_LIMIT = 3
        for member in (cast.leraar, cast.ib, cast.kernteam):
            client.force_login(member.user)
            _change(client, "een-gok")
        client.force_login(cast.directie.user)
        assert _change(client, PASSWORD).status_code == 429
        assert _change(client, PASSWORD, ip="10.0.0.9").status_code == 302

    def test_the_right_password_below_the_limit_still_works(self, client, cast):
        client.force_login(cast.leraar.user)
        _change(client, "een-gok")
        assert _change(client, PASSWORD).status_code == 302


class TestPasswordReset:
    def test_reset_mails_to_one_address_are_limited(self, client, cast, settings):
        email = cast.leraar.user.email
        for _ in range(settings.MAILS_PER_ADDRESS_LIMIT):
            client.post(RESET, {"email": email}, REMOTE_ADDR="10.0.0.1")
        sent = len(mail.outbox)
        response = client.post(RESET, {"email": email.upper()}, REMOTE_ADDR="10.0.0.2")
        assert response.status_code == 429
        content = response.content.decode()
        assert "al een paar keer een nieuw wachtwoord aangevraagd" in content
        assert email.upper() in content  # what was typed stays
        assert len(mail.outbox) == sent == settings.MAILS_PER_ADDRESS_LIMIT

    def test_reset_requests_from_one_ip_address_are_limited(self, client, cast, settings):
        settings.PASSWORD_RESET_IP_LIMIT = 3
        for number in range(3):
            client.post(RESET, {"email": f"iemand{number}@anker.example"})
        response = client.post(RESET, {"email": cast.leraar.user.email})
        assert response.status_code == 429
        assert mail.outbox == []
        other_ip = client.post(RESET, {"email": cast.leraar.user.email}, REMOTE_ADDR="10.0.0.7")
        assert other_ip.status_code == 302
        assert len(mail.outbox) == 1


class TestInvitations:
    def _invite(self, client, cast, email):
        return client.post(
            reverse("schools:member_invite", args=[cast.school.slug]),
            {"email": email, "roles": ["leraar"]},
        )

    def test_a_beheerder_can_send_only_so_many_invitations(self, login, cast, settings):
        settings.INVITATION_LIMIT = 3
        client = login(cast.beheerder)
        for number in range(3):
            assert self._invite(client, cast, f"collega{number}@anker.example").status_code == 302
        response = self._invite(client, cast, "collega9@anker.example")
        assert response.status_code == 429
        assert "veel uitnodigingen verstuurd" in response.content.decode()
        assert 'value="collega9@anker.example"' in response.content.decode()
        assert len(mail.outbox) == 3

    def test_one_address_gets_only_so_many_invitation_mails(self, login, cast, settings):
        client = login(cast.beheerder)
        for _ in range(settings.MAILS_PER_ADDRESS_LIMIT):
            self._invite(client, cast, "nina@anker.example")
        invitation = Invitation.objects.pending().get()
        response = client.post(
            reverse("schools:invitation_resend", args=[cast.school.slug, invitation.code]),
            follow=True,
        )
        assert "al een paar keer een mail" in response.content.decode()
        assert len(mail.outbox) == settings.MAILS_PER_ADDRESS_LIMIT
        assert self._invite(client, cast, "nina@anker.example").status_code == 429


class TestLoginFromOneAddress:
    def _post(self, client, email, password, ip="10.0.0.1"):
        return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)

    def test_one_password_sprayed_over_many_addresses_locks_the_ip_address(
        self, client, cast, settings
    ):
        for number in range(settings.LOGIN_IP_FAILURE_LIMIT):
            self._post(client, f"collega{number}@anker.example", "Welkom2026!")
        response = self._post(client, cast.leraar.user.email, PASSWORD)
        assert response.status_code == 429
        assert "vanaf dit netwerk" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert (
            self._post(client, cast.leraar.user.email, PASSWORD, ip="10.0.0.2").status_code == 302
        )

    def test_the_ip_lock_is_higher_than_the_per_address_lock(self, settings):
        assert settings.LOGIN_IP_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT

    @pytest.mark.parametrize("failures", [1, 4])
    def test_a_few_failures_from_a_staff_room_lock_nobody_else_out(self, client, cast, failures):
        for _ in range(failures):
            self._post(client, make_user().email, "verkeerd")
        assert self._post(client, cast.leraar.user.email, PASSWORD).status_code == 302
