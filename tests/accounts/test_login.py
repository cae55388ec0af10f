from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


def _post_login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_the_login_page_is_in_dutch(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert "E-mailadres" in content
    assert "Wachtwoord vergeten?" in content


def test_it_logs_in_with_the_email_address_in_any_case(client, cast):
    email = cast.leraar.user.email.upper()
    response = _post_login(client, email, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.get(reverse("core:home")).url == reverse(
        "dashboard:home", args=[cast.school.slug]
    )


def test_a_wrong_password_gets_a_dutch_message_and_keeps_the_email(client, cast):
    response = _post_login(client, cast.leraar.user.email, "niet-het-wachtwoord")
    assert response.status_code == 200
    content = response.content.decode()
    assert "horen niet bij elkaar" in content
    assert cast.leraar.user.email in content


def test_an_inactive_user_cannot_log_in(client, cast):
    cast.leraar.user.is_active = False
    cast.leraar.user.save()
    response = _post_login(client, cast.leraar.user.email, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logging_out_ends_the_session(client, cast):
    client.force_login(cast.leraar.user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


class TestThrottling:
    def test_five_failures_lock_the_username_and_ip_pair(self, client, cast):
        email = cast.leraar.user.email
        for _ in range(5):
            _post_login(client, email, "fout-wachtwoord")
        response = _post_login(client, email, PASSWORD)
        assert response.status_code == 429
        assert "Even wachten met inloggen" in response.content.decode()

    def test_the_email_counts_whatever_its_case(self, client, cast):
        email = cast.leraar.user.email
        for attempt in range(5):
            _post_login(client, email.upper() if attempt % 2 else email, "fout-wachtwoord")
        assert _post_login(client, email, PASSWORD).status_code == 429

    def test_the_same_user_from_another_ip_can_still_log_in(self, client, cast):
        email = cast.leraar.user.email
        for _ in range(5):
            _post_login(client, email, "fout-wachtwoord", ip="10.0.0.1")
        response = _post_login(client, email, PASSWORD, ip="10.0.0.2")
        assert response.status_code == 302

    def test_another_user_from_the_same_ip_can_still_log_in(self, client, cast):
        for _ in range(5):
            _post_login(client, cast.leraar.user.email, "fout-wachtwoord")
        response = _post_login(client, cast.ib.user.email, PASSWORD)
        assert response.status_code == 302

    @pytest.fixture
    def behind_one_proxy(self, settings):
        # What settings.py sets for PROXY_COUNT=1 (tested in test_settings);
        # axes reads these at request time, so the override reaches it.
        settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
        settings.AXES_IPWARE_PROXY_COUNT = 0

        def through_proxy(client, email, password, forwarded_for):
            return client.post(
                LOGIN,
                {"username": email, "password": password},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded_for,
            )

        return through_proxy

    def test_behind_a_proxy_the_forwarded_address_counts(self, client, cast, behind_one_proxy):
        email = cast.leraar.user.email
        for _ in range(5):
            behind_one_proxy(client, email, "fout-wachtwoord", "203.0.113.5")
        assert behind_one_proxy(client, email, PASSWORD, "203.0.113.5").status_code == 429
        assert behind_one_proxy(client, email, PASSWORD, "203.0.113.9").status_code == 302

    def test_a_forged_forwarded_address_does_not_dodge_the_lock(
        self, client, cast, behind_one_proxy
    ):
        # The proxy appends the real address to whatever the client sent.
        email = cast.leraar.user.email
        for attempt in range(5):
            forged = f"198.51.100.{attempt}, 203.0.113.5"
            behind_one_proxy(client, email, "fout-wachtwoord", forged)
        forged = "198.51.100.99, 203.0.113.5"
        assert behind_one_proxy(client, email, PASSWORD, forged).status_code == 429

    def test_the_lock_lifts_after_fifteen_minutes(self, client, cast):
        email = cast.leraar.user.email
        for _ in range(5):
            _post_login(client, email, "fout-wachtwoord")
        assert _post_login(client, email, PASSWORD).status_code == 429
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
        assert _post_login(client, email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [("kort-ww", "te kort"), ("password123", "te algemeen")],
)
def test_weak_passwords_are_refused(client, cast, password, message):
    client.force_login(cast.leraar.user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_changing_the_password_keeps_the_user_logged_in(client, cast):
    client.force_login(cast.leraar.user)
    new = "een-heel-nieuw-wachtwoord"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.url == reverse("accounts:password_change_done")
    cast.leraar.user.refresh_from_db()
    assert cast.leraar.user.check_password(new)
    assert client.get(reverse("accounts:password_change_done")).status_code == 200
