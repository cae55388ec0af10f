import re

import pytest
from django.urls import reverse

from tests.factories import make_member, make_user
from welbevinden.core.pond import CIRCLES
from welbevinden.schools.models import Role


def _home(school):
    return reverse("dashboard:home", args=[school.slug])


def test_the_front_door_sends_a_member_to_their_school(client, cast):
    client.force_login(cast.leraar.user)
    assert client.get(reverse("core:home")).url == _home(cast.school)


def test_a_member_of_two_schools_chooses_and_is_remembered(client, cast, other):
    make_member(other.school, Role.IB, user=cast.ib.user)
    client.force_login(cast.ib.user)
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    assert "Kies een school" in page.content.decode()
    client.get(_home(other.school))
    assert client.get(reverse("core:home")).url == _home(other.school)


def test_the_school_switcher_lists_both_schools(client, cast, other):
    make_member(other.school, Role.IB, user=cast.ib.user)
    client.force_login(cast.ib.user)
    content = client.get(_home(cast.school)).content.decode()
    assert "Wissel van school" in content
    assert _home(other.school) in content


def test_someone_without_a_school_is_told_how_to_get_in(client, db):
    client.force_login(make_user())
    content = client.get(reverse("core:home")).content.decode()
    assert "Je bent nog geen lid van een school" in content


def test_the_home_page_draws_the_six_circles_with_the_handreikings_words(login, cast):
    content = login(cast.kernteam).get(_home(cast.school)).content.decode()
    assert content.count('<circle cx="200" cy="200"') == 6
    for circle in CIRCLES:
        assert f'id="{circle.anchor}"' in content
        assert str(circle.meaning) in content
    assert "Herken krachten en kansen in de sociaal-emotionele ontwikkeling" in content
    assert "Trimbos-instituut" in content


def test_a_teacher_sees_their_own_groups_only(login, cast, django_assert_max_num_queries):
    client = login(cast.leraar)
    with django_assert_max_num_queries(8):
        content = client.get(_home(cast.school)).content.decode()
    assert reverse("schools:group_detail", args=[cast.school.slug, cast.group.code]) in content
    assert "Groep 4a" not in content


def test_an_ib_er_sees_all_groups(login, cast):
    content = login(cast.ib).get(_home(cast.school)).content.decode()
    assert "Groep 6b" in content and "Groep 4a" in content


def test_a_teacher_without_a_group_is_told_whom_to_ask(login, cast):
    member = make_member(cast.school, Role.LERAAR)
    content = login(member).get(_home(cast.school)).content.decode()
    assert "nog niet aan een groep gekoppeld" in content


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        ("beheerder", "Beheer van de school", "Als kernteam aan de slag"),
        ("kernteam", "Als kernteam aan de slag", "Beheer van de school"),
        ("directie", "Als kernteam aan de slag", "Beheer van de school"),
    ],
)
def test_each_role_sees_its_entry_points(login, cast, role, expected, absent):
    content = login(getattr(cast, role)).get(_home(cast.school)).content.decode()
    assert expected in content
    assert absent not in content


def test_the_circle_colours_match_the_stylesheet(settings):
    css = (settings.BASE_DIR / "static/css/app.css").read_text()
    for circle in CIRCLES:
        rule = re.search(rf"\.circle-{circle.number} \{{([^}}]*)\}}", css).group(1)
        assert circle.colour in rule
        assert circle.tint in rule


def test_a_vo_school_speaks_of_klassen(login, other):
    content = login(other.leraar).get(_home(other.school)).content.decode()
    assert "Jouw klassen" in content


def _home_page(client, school) -> str:
    return client.get(reverse("dashboard:home", args=[school.slug])).content.decode()


def test_an_ib_er_is_led_to_the_dashboard_the_teambespreking_and_the_klimaatoverzicht(login, cast):
    page = _home_page(login(cast.ib), cast.school)
    slug = cast.school.slug
    assert reverse("dashboard:school", args=[slug]) in page
    assert reverse("reports:teambespreking", args=[slug]) in page
    assert reverse("reports:klimaatoverzicht", args=[slug]) in page
    assert reverse("reports:schoolwerk", args=[slug]) not in page  # not an IB'er's report
    assert reverse("reports:kernteamrapport", args=[slug]) in page


@pytest.mark.parametrize("role", ["kernteam", "directie"])
def test_the_kernteam_and_directie_are_led_to_the_dashboard_and_the_schoolwerk(login, cast, role):
    page = _home_page(login(getattr(cast, role)), cast.school)
    slug = cast.school.slug
    assert reverse("dashboard:school", args=[slug]) in page
    assert reverse("reports:schoolwerk", args=[slug]) in page
    assert reverse("reports:kernteamrapport", args=[slug]) in page
    assert reverse("reports:klimaatoverzicht", args=[slug]) not in page


@pytest.mark.parametrize("role", ["leraar", "beheerder"])
def test_a_leraar_or_beheerder_gets_no_ways_into_the_school_reports(login, cast, role):
    page = _home_page(login(getattr(cast, role)), cast.school)
    assert "Dashboard en rapporten" not in page
    assert reverse("reports:schoolwerk", args=[cast.school.slug]) not in page
    assert reverse("reports:kernteamrapport", args=[cast.school.slug]) not in page
