import datetime

from django.urls import reverse

from welbevinden.schools.models import SchoolYear
from welbevinden.schools.services import archive_pupil


def _url(cast):
    return reverse("schools:year_list", args=[cast.school.slug])


def test_the_dutch_school_year_runs_from_august_to_july():
    assert SchoolYear.start_year_for(datetime.date(2026, 7, 31)) == 2025
    assert SchoolYear.start_year_for(datetime.date(2026, 8, 1)) == 2026
    year = SchoolYear(start_year=2026)
    assert year.name == "2026-2027"
    assert year.starts_on == datetime.date(2026, 8, 1)
    assert year.ends_on == datetime.date(2027, 7, 31)


def test_the_list_shows_the_years_with_their_counts(login, cast, django_assert_max_num_queries):
    client = login(cast.beheerder)
    with django_assert_max_num_queries(8):
        response = client.get(_url(cast))
    content = response.content.decode()
    assert "2026-2027" in content
    assert "Huidig schooljaar" in content


def test_adding_a_year_can_make_it_current(login, cast):
    client = login(cast.beheerder)
    response = client.post(_url(cast), {"start_year": 2027, "make_current": "on"})
    assert response.status_code == 302
    assert cast.school.current_year().start_year == 2027
    assert SchoolYear.objects.filter(school=cast.school, is_current=True).count() == 1


def test_adding_a_year_keeps_the_current_one_unless_asked(login, cast):
    login(cast.beheerder).post(_url(cast), {"start_year": 2027})
    assert cast.school.current_year().start_year == 2026


def test_a_duplicate_year_gets_a_dutch_message(login, cast):
    response = login(cast.beheerder).post(_url(cast), {"start_year": 2026})
    assert response.status_code == 200
    assert "Schooljaar 2026-2027 bestaat al." in response.content.decode()


def test_a_nonsense_year_gets_a_message_and_keeps_the_input(login, cast):
    response = login(cast.beheerder).post(_url(cast), {"start_year": "twintig"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Geef een geheel getal op" in content or "Voer een geheel getal in" in content
    assert 'value="twintig"' in content


def test_making_another_year_current_leaves_exactly_one_current(login, cast):
    other = SchoolYear.objects.create(school=cast.school, start_year=2027)
    url = reverse("schools:year_make_current", args=[cast.school.slug, other.code])
    login(cast.beheerder).post(url)
    assert cast.school.current_year() == other
    assert SchoolYear.objects.filter(school=cast.school, is_current=True).count() == 1


def test_the_pupil_count_leaves_out_archived_pupils(login, cast):
    pupil = cast.group.placements.get(pupil__display_name="Sanne B.").pupil
    archive_pupil(pupil=pupil)
    response = login(cast.beheerder).get(_url(cast))
    (year,) = response.context["years"]
    assert year.pupil_count == 3
    assert year.group_count == 2
