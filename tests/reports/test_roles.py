"""Who may make which report: outsider 404, wrong role 403, as on the pages."""

import datetime

import pytest
from django.urls import reverse

# The session, user and membership, the groups asked for, the year and the groups allowed,
# the teachers, rounds, plans, shared entries, sociograms (with their respondents and
# nominations when one was measured) and the reminder setting, and the session's save:
# the same for one group or many (tests/reports/test_teambespreking.py).
TEAMBESPREKING_QUERIES = 15


def teambespreking_url(school, *groups, start=None, end=None, appendix=False):
    # A year either side of today: the longest period a Teambespreking covers is two years.
    today = datetime.date.today()
    start = start or (today - datetime.timedelta(days=365)).isoformat()
    end = end or (today + datetime.timedelta(days=365)).isoformat()
    codes = "&".join(f"groepen={group.code}" for group in groups)
    url = reverse("reports:teambespreking", args=[school.slug])
    return f"{url}?{codes}&van={start}&tot={end}" + ("&bijlage=on" if appendix else "")


def test_an_outsider_gets_404_for_every_report(cast, other, login):
    client = login(other.leraar)
    assert client.get(teambespreking_url(cast.school, cast.group)).status_code == 404
    assert client.get(reverse("reports:teambespreking", args=[cast.school.slug])).status_code == 404
    assert client.get(reverse("reports:schoolwerk", args=[cast.school.slug])).status_code == 404
    assert client.get(reverse("reports:mijn_reflectie", args=[cast.school.slug])).status_code == 404


def test_a_group_of_another_school_is_404_even_for_an_ib(cast, other, login):
    client = login(cast.ib)
    assert client.get(teambespreking_url(cast.school, other.group)).status_code == 404


@pytest.mark.parametrize("role", ["beheerder", "kernteam", "directie"])
def test_roles_without_groups_get_403_for_the_teambespreking(cast, login, role):
    client = login(getattr(cast, role))
    assert client.get(teambespreking_url(cast.school, cast.group)).status_code == 403
    assert client.get(reverse("reports:teambespreking", args=[cast.school.slug])).status_code == 403


def test_a_leraar_cannot_print_a_group_they_do_not_teach(cast, login):
    client = login(cast.leraar)
    assert client.get(teambespreking_url(cast.school, cast.other_group)).status_code == 403
    both = teambespreking_url(cast.school, cast.group, cast.other_group)
    assert client.get(both).status_code == 403


def test_a_leraar_prints_their_own_group_and_an_ib_any_group(cast, login):
    response = login(cast.leraar).get(teambespreking_url(cast.school, cast.group))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    response = login(cast.ib).get(teambespreking_url(cast.school, cast.group, cast.other_group))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["beheerder", "ib", "leraar"])
def test_schoolwerk_is_for_kernteam_and_directie_only(cast, login, role):
    response = login(getattr(cast, role)).get(
        reverse("reports:schoolwerk", args=[cast.school.slug])
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["kernteam", "directie"])
def test_kernteam_and_directie_download_the_schoolwerk(cast, login, role):
    response = login(getattr(cast, role)).get(
        reverse("reports:schoolwerk", args=[cast.school.slug])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="schoolwerk-')


def test_every_member_makes_their_own_reflection(cast, login):
    for member in (cast.beheerder, cast.directie, cast.leraar):
        response = login(member).get(reverse("reports:mijn_reflectie", args=[cast.school.slug]))
        assert response.status_code == 200
