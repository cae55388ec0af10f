"""Every beheer page is for the beheerder alone: other roles of the same school get 403."""

import pytest
from django.urls import get_resolver, reverse

from welbevinden.schools.models import Invitation, Pupil, PupilImport, SchoolYear
from welbevinden.schools.services import invite_member

BEHEER_URLS = sorted(
    name
    for name, patterns in get_resolver().namespace_dict["schools"][1].reverse_dict.items()
    if isinstance(name, str) and "beheer/" in patterns[0][0][0]
)


def test_the_beheer_list_is_complete():
    assert {"overview", "member_list", "pupil_edit", "invitation_revoke"} <= set(BEHEER_URLS)


@pytest.fixture
def objects(cast):
    invitation = invite_member(
        school=cast.school,
        email="nieuw@anker.example",
        full_name="",
        roles=["leraar"],
        groups=[],
        invited_by=cast.beheerder.user,
        build_url=lambda token: token,
    )
    return {
        "year": SchoolYear.objects.get(school=cast.school).code,
        "group": cast.group.code,
        "pupil": Pupil.objects.filter(school=cast.school).first().code,
        "member": cast.leraar.code,
        "invitation": Invitation.objects.get(pk=invitation.pk).code,
        "import": PupilImport.objects.create(
            school=cast.school,
            kind="csv",
            start_year=2026,
            data={"kind": "csv", "pupils": [], "groups": {}, "warnings": [], "school_year": ""},
        ).code,
    }


def _url(name, cast, objects):
    kwargs = {"school": cast.school.slug}
    if name == "year_make_current":
        kwargs["code"] = objects["year"]
    elif name in ("pupil_add", "pupil_paste"):
        kwargs["group_code"] = objects["group"]
    elif name.startswith("group_") and name not in ("group_list", "group_create"):
        kwargs["code"] = objects["group"]
    elif name == "pupil_import_preview":
        kwargs["code"] = objects["import"]
    elif name.startswith("pupil_") and name not in ("pupil_list", "pupil_import", "pupil_bulk"):
        kwargs["code"] = objects["pupil"]
    elif name.startswith("member_") and name not in ("member_list", "member_invite"):
        kwargs["code"] = objects["member"]
    elif name.startswith("invitation_"):
        kwargs["code"] = objects["invitation"]
    return reverse(f"schools:{name}", kwargs=kwargs)


@pytest.mark.parametrize("role", ["kernteam", "ib", "directie", "leraar"])
@pytest.mark.parametrize("name", BEHEER_URLS)
def test_other_roles_get_403_on_beheer_pages(client, cast, objects, role, name):
    client.force_login(getattr(cast, role).user)
    url = _url(name, cast, objects)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    assert response.status_code == 403
    assert "Deze pagina is niet voor jouw rol" in response.content.decode()


@pytest.mark.parametrize("name", BEHEER_URLS)
def test_the_beheerder_reaches_every_beheer_page(client, cast, objects, name):
    client.force_login(cast.beheerder.user)
    url = _url(name, cast, objects)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    assert response.status_code in (200, 302)
