"""No link in the app leads to a page that does not exist (no "coming soon")."""

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from welbevinden.core.demo import seed
from welbevinden.schools.models import Membership

HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')


@pytest.mark.parametrize(
    "email",
    [
        "beheer@kiezel.example",
        "joris@kiezel.example",
        "noor.hendriks@bestuur.example",
        "directie@rimpeling.example",
    ],
)
def test_every_internal_link_answers(client, db, email):
    seed()
    membership = Membership.objects.filter(user__email=email).first()
    client.force_login(membership.user)
    to_visit = [reverse("dashboard:home", args=[membership.school.slug])]
    seen = set()
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), f"{url} answered {response.status_code}"
        if response.status_code == 302:
            to_visit.append(response.url)
            continue
        page = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert "<" not in title and title.strip(), f"{url} has a broken <title>: {title[:80]!r}"
        for href in HREF.findall(page):
            # Relative links (?status=…, ?pagina=…) lead to pages of their own.
            target = urljoin(url, html.unescape(href))
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("/static/"):
                continue
            if "uitloggen" in parts.path:
                continue
            to_visit.append(target)
    assert len(seen) >= 3
    if email == "beheer@kiezel.example":
        assert any("status=gearchiveerd" in url for url in seen)
