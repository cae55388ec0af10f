import re

from django.urls import reverse


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get(reverse("accounts:login"))
    policy = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "script-src 'self'" in policy
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_load_no_third_party_assets(client, cast):
    client.force_login(cast.leraar.user)
    content = client.get(reverse("dashboard:home", args=[cast.school.slug])).content.decode()
    # Every asset the page loads is our own: no script, style sheet, image or
    # frame from another host (links to the Trimbos-instituut are links).
    # Not a search for "cdn" in the page: its random CSRF token may hold it.
    assert not re.search(
        r"""<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=["']?(?:https?:)?//""", content
    )
    assert '<script src="/static/vendor/htmx/htmx.min.js"' in content


def test_error_pages_are_in_dutch(client, cast):
    client.force_login(cast.leraar.user)
    assert "Deze pagina bestaat niet" in client.get("/bestaat-niet/").content.decode()
    response = client.get(reverse("schools:overview", args=[cast.school.slug]))
    assert response.status_code == 403
    assert "niet voor jouw rol" in response.content.decode()
