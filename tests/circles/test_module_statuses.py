"""A module's status on a circle page is kept while nothing it read changed (circles/modules.py)."""

import dataclasses

import pytest
from django.core.cache import caches
from django.urls import reverse

from checklists import services as checklists
from circles import modules
from tests.factories import in_school


@pytest.fixture(autouse=True)
def _no_kept_statuses(client, cast):
    modules.forget_statuses()
    yield
    modules.forget_statuses()
    # The page cache learns per process which tables a view's pages read; a
    # circle page it saw for one circle only is not kept the first time it
    # renders another (tests/core/test_pagecache.py renders cirkel 3 first).
    for member in (cast.leraar, cast.kernteam):
        client.force_login(member.user)
        for number in range(1, 7):
            client.get(reverse("circles:circle", args=[cast.school.slug, number]))


@pytest.fixture
def teamagenda_calls(monkeypatch):
    """How often the teamagenda module was asked for its status."""
    calls = []
    module = modules._modules["teamagenda"]

    def status(membership, groups):
        calls.append(membership.pk)
        return module.status(membership, groups)

    monkeypatch.setitem(modules._modules, "teamagenda", dataclasses.replace(module, status=status))
    return calls


def _circle_four(client, cast) -> str:
    # Rendered anew each time: only the status may come from memory.
    caches["pages"].clear()
    return client.get(reverse("circles:circle", args=[cast.school.slug, 4])).content.decode()


def test_the_status_is_asked_once_while_nothing_it_read_changed(client, cast, teamagenda_calls):
    client.force_login(cast.kernteam.user)
    for _ in range(4):
        assert "Teamagenda: 0 doelen" in _circle_four(client, cast)
    # Once to learn what it reads, once to keep it.
    assert len(teamagenda_calls) == 2


def test_a_new_goal_shows_on_the_circle_page_at_once(client, cast, teamagenda_calls):
    client.force_login(cast.kernteam.user)
    for _ in range(3):
        _circle_four(client, cast)
    checklists.create_goal(
        school=cast.school, year=cast.school.current_year(), data={"title": "Doel"}, user=None
    )
    assert "Teamagenda: 1 doel" in _circle_four(client, cast)
    assert "Teamagenda: 1 doel" in _circle_four(client, cast)
    assert len(teamagenda_calls) == 3


def test_a_round_saved_elsewhere_leaves_the_status_kept(client, cast, teamagenda_calls):
    from circles.models import Handvat
    from circles.services import start_round

    client.force_login(cast.kernteam.user)
    for _ in range(3):
        _circle_four(client, cast)

    # As a request of the school's pages writes (outside one, every page goes stale).
    in_school(
        cast.school.slug,
        lambda: start_round(
            handvat=Handvat.objects.get(key="eigen-instrument"),
            school=cast.school,
            user=cast.leraar.user,
        ),
    )
    assert "Teamagenda: 0 doelen" in _circle_four(client, cast)
    assert len(teamagenda_calls) == 2


def test_each_member_has_their_own_status(client, cast):
    client.force_login(cast.kernteam.user)
    _circle_four(client, cast)
    _circle_four(client, cast)
    client.force_login(cast.leraar.user)
    _circle_four(client, cast)
    assert {key[1] for key in modules._statuses} == {cast.kernteam.pk, cast.leraar.pk}
