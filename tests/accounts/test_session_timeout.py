from django.urls import reverse

from welbevinden.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY


def _age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = session[key] - ago
    session.save()


def _home(cast):
    return reverse("core:school_home", args=[cast.school.slug])


def test_an_active_session_stays_open(client, cast):
    client.force_login(cast.leraar.user)
    assert client.get(_home(cast)).status_code == 200
    _age_session(client, **{LAST_SEEN_KEY: 29 * 60})
    assert client.get(_home(cast)).status_code == 200


def test_thirty_minutes_idle_ends_the_session(client, cast):
    client.force_login(cast.leraar.user)
    client.get(_home(cast))
    _age_session(client, **{LAST_SEEN_KEY: 31 * 60})
    response = client.get(_home(cast))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    follow = client.get(response.url)
    assert "Je sessie is verlopen" in follow.content.decode()


def test_twelve_hours_after_login_the_session_ends_even_when_active(client, cast):
    client.force_login(cast.leraar.user)
    client.get(_home(cast))
    _age_session(client, **{STARTED_KEY: 12 * 3600 + 1})
    response = client.get(_home(cast))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_htmx_request_after_expiry_gets_401_so_nothing_is_swapped(client, cast):
    client.force_login(cast.leraar.user)
    client.get(_home(cast))
    _age_session(client, **{LAST_SEEN_KEY: 31 * 60})
    response = client.get(_home(cast), headers={"HX-Request": "true"})
    assert response.status_code == 401
