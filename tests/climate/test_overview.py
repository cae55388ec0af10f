import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from circles.climate.models import Visibility
from tests.climate.conftest import make_entry
from tests.factories import make_group, make_member
from welbevinden.schools.models import Role


def _overview(cast):
    return reverse("climate:overview", args=[cast.school.slug])


def test_the_ib_overview_shows_fallen_negative_and_quiet_groups(login, cast):
    today = timezone.localdate()
    make_entry(cast.group, cast.leraar, day=today - datetime.timedelta(days=10), level="moeizaam")
    make_entry(cast.group, cast.leraar, day=today, level="negatief-veel-gedoe")
    page = login(cast.ib).get(_overview(cast)).content.decode()
    fell = page.split("Klimaat gedaald")[1].split("</div>")[0]
    negative = page.split("Klimaat negatief")[1].split("</div>")[0]
    quiet = page.split("Al een tijd geen notitie")[1].split("</div>")[0]
    assert "Groep 6b" in fell and "Groep 4a" not in fell
    assert "Groep 6b" in negative
    assert "Groep 4a" in quiet and "Groep 6b" not in quiet


def test_only_ib_ers_open_the_overview(login, cast):
    for who in ("leraar", "kernteam", "directie", "beheerder"):
        assert login(getattr(cast, who)).get(_overview(cast)).status_code == 403


def test_the_overviews_queries_do_not_grow_with_groups_or_entries(
    login, cast, django_assert_max_num_queries
):
    client = login(cast.ib)
    make_entry(cast.group, cast.leraar)
    with CaptureQueriesContext(connection) as few:
        client.get(_overview(cast))
    for number in range(12):
        group = make_group(cast.school, f"Groep extra {number}")
        teacher = make_member(cast.school, Role.LERAAR, groups=[group], full_name=f"L {number}")
        for week in range(5):
            make_entry(
                group, teacher, day=datetime.date(2026, 9, 1) + datetime.timedelta(weeks=week)
            )
    with django_assert_max_num_queries(len(few)):
        page = client.get(_overview(cast)).content.decode()
    assert "Groep extra 11" in page and "L 11" in page
    assert len(few) <= 10


def test_kernteam_and_directie_see_the_school_counts_without_group_names(login, cast):
    """Three groups at three levels: the counts are shown, no group is named; a
    note from this week is not counted yet (suppression over time)."""
    third = make_group(cast.school, "Groep 8c")
    two_weeks_ago = timezone.localdate() - datetime.timedelta(days=14)
    make_entry(cast.group, cast.leraar, day=two_weeks_ago, level="moeizaam", worries="Geheime zorg")
    make_entry(cast.other_group, cast.other_leraar, day=two_weeks_ago, level="positief-versterkend")
    make_entry(third, cast.leraar, day=two_weeks_ago, level="overwegend-positief")
    make_entry(third, cast.leraar, day=timezone.localdate(), level="negatief-veel-gedoe")
    for who in ("kernteam", "directie"):
        page = (
            login(getattr(cast, who))
            .get(reverse("climate:index", args=[cast.school.slug]))
            .content.decode()
        )
        counts = page.split('id="school-telling"')[1].split("</table>")[0]
        assert "Geheime zorg" not in page and "Groep 6b" not in counts
        cells = re.findall(r'<td class="text-end">(\d+)</td>', counts)
        # negatief (today's note not yet), moeizaam, overwegend positief, positief
        assert cells == ["0", "1", "1", "1"]
        assert "3 van 3" in counts


def test_the_school_counts_hide_the_levels_when_all_groups_share_one(login, cast):
    day = timezone.localdate() - datetime.timedelta(days=14)
    third = make_group(cast.school, "Groep 8c")
    for group in (cast.group, cast.other_group, third):
        make_entry(group, cast.leraar, day=day, level="moeizaam")
    page = login(cast.directie).get(reverse("climate:index", args=[cast.school.slug]))
    counts = page.content.decode().split('id="school-telling"')[1].split("</table>")[0]
    assert re.findall(r'<td class="text-end">(\d+)</td>', counts) == []
    assert "3 van 3" in counts


def test_a_private_entry_does_not_count_for_the_school(login, cast):
    make_entry(cast.group, cast.leraar, level="negatief-veel-gedoe", visibility=Visibility.PRIVATE)
    page = login(cast.ib).get(_overview(cast)).content.decode()
    negative = page.split("Klimaat negatief")[1].split("</div>")[0]
    assert "Groep 6b" not in negative


def test_the_log_starts_with_the_teachers_own_groups(login, cast, other):
    url = reverse("climate:index", args=[cast.school.slug])
    page = login(cast.leraar).get(url).content.decode()
    assert "Groep 6b" in page and "Nog geen klimaatnotitie" in page
    assert "Groep 4a" not in page
    assert "schoolbreed" not in page  # no school counts for a leraar
    assert login(other.leraar).get(url).status_code == 404


def test_the_school_counts_explain_suppression_in_good_dutch(login, cast):
    page = login(cast.directie).get(reverse("climate:index", args=[cast.school.slug]))
    assert "zodat niemand een groep herkent" in page.content.decode()
