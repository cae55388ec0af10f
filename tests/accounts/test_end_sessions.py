from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


def _home(cast):
    return reverse("dashboard:home", args=[cast.school.slug])


def _logged_in(user, cast):
    browser = Client()
    browser.force_login(user)
    assert browser.get(_home(cast)).status_code == 200
    return browser


def test_ending_sessions_logs_the_user_out_everywhere_but_keeps_the_account(cast):
    user = cast.leraar.user
    laptop, phone = _logged_in(user, cast), _logged_in(user, cast)
    user.end_sessions()
    for browser in (laptop, phone):
        response = browser.get(_home(cast))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    user.refresh_from_db()
    assert user.is_active
    assert user.session_epoch == 1
    assert user.check_password(PASSWORD)


def test_a_new_login_after_ending_sessions_works(cast):
    user = cast.leraar.user
    user.end_sessions()
    browser = Client()
    response = browser.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert browser.get(_home(cast)).status_code == 200


def test_ending_sessions_counts_up_from_the_database_value(cast):
    user = cast.leraar.user
    stale = type(user).objects.get(pk=user.pk)
    user.end_sessions()
    stale.end_sessions()
    assert stale.session_epoch == 2


def test_a_password_change_still_ends_the_other_sessions(cast):
    user = cast.leraar.user
    other_browser = _logged_in(user, cast)
    browser = _logged_in(user, cast)
    new = "een-heel-nieuw-wachtwoord"
    browser.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert browser.get(_home(cast)).status_code == 200
    assert other_browser.get(_home(cast)).status_code == 302
