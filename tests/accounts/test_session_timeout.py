from django.urls import reverse

from welbevinden.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY


def _age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = session[key] - ago
    session.save()


def _home(cast):
    return reverse("dashboard:home", args=[cast.school.slug])


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


KEEPALIVE = reverse("accounts:keepalive")


def test_the_keepalive_needs_a_login(client, db):
    response = client.post(KEEPALIVE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_keepalive_answers_204_and_counts_as_activity(client, cast):
    client.force_login(cast.leraar.user)
    client.get(_home(cast))
    _age_session(client, **{LAST_SEEN_KEY: 25 * 60})
    assert client.post(KEEPALIVE).status_code == 204
    # Ten minutes later the user would have been idle for 35 minutes without it.
    _age_session(client, **{LAST_SEEN_KEY: 10 * 60})
    assert client.get(_home(cast)).status_code == 200


def test_the_keepalive_takes_post_only(client, cast):
    client.force_login(cast.leraar.user)
    assert client.get(KEEPALIVE).status_code == 405


def test_the_keepalive_is_csrf_protected(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.leraar.user)
    assert strict.post(KEEPALIVE).status_code == 403


def test_pages_load_the_keepalive_script_and_url(client, cast):
    client.force_login(cast.leraar.user)
    page = client.get(_home(cast)).content.decode()
    assert "js/app.js" in page
    assert f'data-keepalive-url="{KEEPALIVE}"' in page
