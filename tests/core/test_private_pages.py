"""Pages with personal or pupil data are never kept by a browser or proxy cache."""

import pytest
from django.urls import reverse

from circles.models import Handvat
from circles.services import load_handreiking, start_round


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


@pytest.fixture
def personal_round(cast):
    load_handreiking()
    return start_round(
        handvat=Handvat.objects.get(key="eigen-instrument"),
        school=cast.school,
        user=cast.leraar.user,
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("dashboard:home", []),
        ("circles:mine", []),
        ("circles:round", ["round"]),
        ("schools:group_detail", ["group"]),
    ],
)
def test_a_members_pages_are_sent_no_store_and_private(login, cast, personal_round, name, args):
    objects = {"round": personal_round.code, "group": cast.group.code}
    url = reverse(name, args=[cast.school.slug, *(objects[a] for a in args)])
    response = login(cast.leraar).get(url)
    assert response.status_code == 200
    assert {"no-store", "private"} <= _cache_control(response)


def test_the_beheer_pages_with_pupil_names_are_sent_no_store(login, cast):
    response = login(cast.beheerder).get(reverse("schools:pupil_list", args=[cast.school.slug]))
    assert {"no-store", "private"} <= _cache_control(response)


def test_an_autosave_answer_is_not_cached_either(login, cast, personal_round):
    response = login(cast.leraar).post(
        reverse("circles:autosave", args=[cast.school.slug, personal_round.code]),
        {"version": 0},
        HTTP_HX_REQUEST="true",
    )
    assert {"no-store", "private"} <= _cache_control(response)
