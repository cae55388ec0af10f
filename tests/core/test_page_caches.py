"""What pages keep between requests (issue 8) never changes what they show.

Fragments of the home page, the menu and the circle pages are rendered once
per process and shared by every member of a school: a page served from those
caches must be byte for byte the page rendered without them, for every member
of every school, and a new edition of the handreiking must show at once.
"""

import copy
import re

import pytest
from django.urls import reverse

from circles import content as content_files
from circles import editions
from circles.services import load_handreiking
from tests.factories import make_member
from welbevinden.core.templatetags import fragments
from welbevinden.schools.models import Role

PAGES = [("dashboard:home", ())] + [("circles:circle", (n,)) for n in range(1, 7)]


def _normalise(html: str) -> str:
    # A CSRF token is masked anew for every request.
    html = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", html)
    html = re.sub(r'("X-CSRFToken": ")[^"]+', r"\1", html)
    # The greeting follows the clock.
    return re.sub(r"Goede(morgen|middag|navond)", "Goede…", html)


def _page(client, membership, name, args) -> str:
    client.force_login(membership.user)
    response = client.get(reverse(name, args=[membership.school.slug, *args]))
    assert response.status_code == 200
    return _normalise(response.content.decode())


def _forget_everything():
    fragments.clear()
    editions.forget()


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_page_from_the_caches_is_the_page_without_them_for_every_member(
    client, cast, other, name, args
):
    # Warm the caches as the kernteam member of one school …
    _forget_everything()
    _page(client, cast.kernteam, name, args)
    readers = [cast.leraar, cast.beheerder, other.leraar]
    warm = [_page(client, member, name, args) for member in readers]
    # … then each other member's page, rendered from nothing, is the same.
    for member, from_caches in zip(readers, warm, strict=True):
        _forget_everything()
        assert _page(client, member, name, args) == from_caches


def test_the_menu_of_one_school_never_links_to_another(client, cast, other):
    _page(client, cast.leraar, "dashboard:home", ())
    html = _page(client, other.leraar, "dashboard:home", ())
    assert cast.school.slug not in html
    assert f"/s/{other.school.slug}/cirkels/1/" in html


def test_a_new_edition_shows_at_once(client, cast):
    before = _page(client, cast.leraar, "circles:circle", (2,))
    content = copy.deepcopy(content_files.load_files())
    circle = content["circles"][1]
    circle["kernboodschap"] = ["Een nieuwe kernboodschap uit een nieuwe editie."]
    circle["onderbouwing"] = [{"p": "Een nieuwe onderbouwing uit een nieuwe editie."}]
    load_handreiking(content, checksum="een-nieuwe-editie")
    after = _page(client, cast.leraar, "circles:circle", (2,))
    assert "Een nieuwe kernboodschap" not in before
    assert "Een nieuwe kernboodschap uit een nieuwe editie." in after
    assert "Een nieuwe onderbouwing uit een nieuwe editie." in after


def test_roles_outside_the_shared_fragments_still_differ(client, cast):
    # The beheer link is per member, not part of a shared fragment.
    member = make_member(cast.school, Role.LERAAR, groups=[cast.group])
    _page(client, cast.beheerder, "dashboard:home", ())
    html = _page(client, member, "dashboard:home", ())
    assert reverse("schools:overview", args=[cast.school.slug]) not in html


def test_templates_are_compiled_once_per_process():
    from django.template import engines
    from django.template.loaders.cached import Loader

    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1
    assert isinstance(loaders[0], Loader)
