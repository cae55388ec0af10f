"""The role log: every role given or taken away is recorded (who, whom, which role, when),
readable by the school's beheerders; each member sees their own history."""

import pytest
from django.urls import reverse

from tests.factories import make_member
from welbevinden.schools.models import Membership, Role, RoleChange, RoleChangeVia
from welbevinden.schools.services import accept_invitation, invite_member


def _url(name, cast, *args):
    return reverse(f"schools:{name}", args=[cast.school.slug, *args])


def _edit_roles(client, cast, membership, roles, groups=()):
    return client.post(
        _url("member_edit", cast, membership.code),
        {"roles": roles, "groups": [g.pk for g in groups]},
    )


def test_changing_roles_on_the_beheer_page_is_logged(login, cast):
    client = login(cast.beheerder)
    _edit_roles(client, cast, cast.leraar, ["leraar", "ib"], [cast.group])
    _edit_roles(client, cast, cast.leraar, ["ib"])
    log = list(RoleChange.objects.order_by("pk").values_list("role", "granted", "changed_by"))
    assert log == [
        (Role.IB, True, cast.beheerder.user.pk),
        (Role.LERAAR, False, cast.beheerder.user.pk),
    ]
    assert all(change.via == RoleChangeVia.BEHEER for change in RoleChange.objects.all())


def test_saving_without_a_change_logs_nothing(login, cast):
    _edit_roles(login(cast.beheerder), cast, cast.leraar, ["leraar"], [cast.group])
    assert not RoleChange.objects.exists()


def test_a_refused_change_logs_nothing(login, cast):
    # The last beheerder keeps the role, and the log keeps quiet about it.
    _edit_roles(login(cast.beheerder), cast, cast.beheerder, ["ib"])
    assert not RoleChange.objects.exists()


def test_accepting_an_invitation_logs_the_roles_it_gives(cast):
    newcomer = make_member(cast.school, Role.LERAAR, groups=[cast.group])
    invite_member(
        school=cast.school,
        email=newcomer.user.email,
        full_name="",
        roles=[Role.LERAAR, Role.KERNTEAM],
        groups=[],
        invited_by=cast.beheerder.user,
        build_url=lambda token: token,
    )
    accept_invitation(invitation=cast.school.invitations.get(), user=newcomer.user)
    change = RoleChange.objects.get()
    assert (change.role, change.granted, change.changed_by, change.via) == (
        Role.KERNTEAM,
        True,
        cast.beheerder.user,
        RoleChangeVia.INVITATION,
    )


def test_the_role_log_page_shows_who_changed_what_for_whom(
    login, cast, django_assert_max_num_queries
):
    client = login(cast.beheerder)
    _edit_roles(client, cast, cast.leraar, ["leraar", "ib"], [cast.group])
    # A beheerder who gives themselves a role is marked as such.
    _edit_roles(client, cast, cast.beheerder, ["beheerder", "ib"])
    for number in range(30):
        member = make_member(cast.school, Role.LERAAR, full_name=f"Collega {number}")
        _edit_roles(client, cast, member, ["leraar", "kernteam"])
    with django_assert_max_num_queries(10):
        response = client.get(_url("role_log", cast))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lars Leraar" in page and "Bea Beheer" in page
    assert "Intern begeleider / zorgcoördinator" in page
    assert "aan zichzelf" in page


def test_the_role_log_is_for_beheerders_only(login, cast):
    for member in (cast.ib, cast.directie, cast.kernteam, cast.leraar):
        assert login(member).get(_url("role_log", cast)).status_code == 403


def test_an_outsider_gets_404_for_the_role_log_and_the_account_page(login, cast, other):
    client = login(other.beheerder)
    assert client.get(_url("role_log", cast)).status_code == 404
    assert client.get(_url("my_account", cast)).status_code == 404


def test_a_member_sees_their_own_role_history_on_their_account_page(
    login, cast, django_assert_max_num_queries
):
    _edit_roles(login(cast.beheerder), cast, cast.leraar, ["leraar", "kernteam"], [cast.group])
    _edit_roles(login(cast.beheerder), cast, cast.ib, ["ib", "directie"])
    client = login(cast.leraar)
    with django_assert_max_num_queries(10):
        response = client.get(_url("my_account", cast))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kernteam" in page and "Bea Beheer" in page
    assert "Directie" not in page  # someone else's change
    assert cast.leraar.user.email in page
    assert cast.group.name in page


@pytest.mark.parametrize("role", ["ib", "directie", "kernteam", "leraar", "beheerder"])
def test_every_member_has_an_account_page(login, cast, role):
    membership: Membership = getattr(cast, role)
    assert login(membership).get(_url("my_account", cast)).status_code == 200


def test_role_changes_by_staff_in_the_django_admin_are_logged(client, cast):
    staff = make_member(cast.school).user
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    membership = cast.directie
    response = client.post(
        reverse("admin:schools_membership_change", args=[membership.pk]),
        {
            "user": membership.user.pk,
            "school": cast.school.pk,
            "is_active": "on",
            "is_directie": "on",
            "is_ib": "on",
        },
    )
    assert response.status_code == 302
    change = RoleChange.objects.get()
    assert (change.role, change.granted, change.changed_by, change.via) == (
        Role.IB,
        True,
        staff,
        RoleChangeVia.ADMIN,
    )
