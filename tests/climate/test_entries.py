import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from circles.climate.models import Entry, Visibility
from tests.climate.conftest import make_entry
from tests.factories import make_member
from welbevinden.schools.models import Role


def _new(cast, group=None):
    return reverse("climate:entry_new", args=[cast.school.slug, (group or cast.group).code])


def _log(cast, group=None):
    return reverse("climate:group_log", args=[cast.school.slug, (group or cast.group).code])


def test_a_teacher_logs_an_entry_for_their_group(login, cast):
    client = login(cast.leraar)
    response = client.post(
        _new(cast),
        {
            "day": "2026-10-05",
            "level": "moeizaam",
            "phase": "storming",
            "time_spent": "meer-tijd",
            "approach": "reactief",
            "went_well": "De kring ging goed.",
            "worries": "Onrust in de pauze.",
            "next_step": "Afspraken maken.",
            "next_handvat": "werkvorm:over-de-streep",
            "visibility": "shared",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.group, entry.author, entry.level, entry.phase) == (
        cast.group,
        cast.leraar.user,
        "moeizaam",
        "storming",
    )
    assert entry.level_value == 2
    page = client.get(_log(cast)).content.decode()
    assert "Onrust in de pauze." in page
    assert "moeizaam maar met positieve onderdelen" in page


def test_the_form_quotes_the_handreikings_scale_and_phases_and_warns_about_names(login, cast):
    page = login(cast.leraar).get(_new(cast)).content.decode()
    assert '<q class="hr">negatief en veel gedoe</q>' in page
    assert '<q class="hr">positief en elkaar versterkend</q>' in page
    assert "Storming: Posities in de klas worden ingenomen. Tumultueuze fase." in page
    assert "Schrijf geen volledige namen van leerlingen" in page
    # Shared is the default.
    assert 'value="shared" checked' in page


def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(login, cast):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = login(cast.leraar).post(
        _new(cast), {"day": future, "went_well": "Mooi gesprek", "visibility": "shared"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Deze datum ligt in de toekomst." in page
    assert "Kies hoe het klimaat in de klas nu is." in page
    assert "Mooi gesprek" in page
    assert not Entry.objects.exists()


@pytest.mark.parametrize("who", ["ib", "directie", "kernteam", "other_leraar", "beheerder"])
def test_only_the_groups_teachers_write(login, cast, who):
    response = login(getattr(cast, who)).post(
        _new(cast), {"day": "2026-10-05", "level": "moeizaam", "visibility": "shared"}
    )
    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_an_outsider_gets_404_everywhere(login, cast, other):
    entry = make_entry(cast.group, cast.leraar)
    client = login(other.leraar)
    assert client.get(_new(cast)).status_code == 404
    assert client.get(_log(cast)).status_code == 404
    edit = reverse("climate:entry_edit", args=[cast.school.slug, entry.code])
    assert client.get(edit).status_code == 404
    assert client.get(reverse("climate:overview", args=[cast.school.slug])).status_code == 404


def test_the_ib_er_reads_a_groups_shared_entries_and_others_get_403(login, cast):
    make_entry(cast.group, cast.leraar, worries="Gedeelde zorg")
    assert "Gedeelde zorg" in login(cast.ib).get(_log(cast)).content.decode()
    for who in ("other_leraar", "directie", "kernteam"):
        assert login(getattr(cast, who)).get(_log(cast)).status_code == 403


def test_a_private_entry_is_invisible_to_everyone_else(login, cast):
    colleague = make_member(cast.school, Role.LERAAR, groups=[cast.group], full_name="Co Collega")
    private = make_entry(
        cast.group, cast.leraar, worries="Alleen voor mij", visibility=Visibility.PRIVATE
    )
    assert "Alleen voor mij" in login(cast.leraar).get(_log(cast)).content.decode()
    edit = reverse("climate:entry_edit", args=[cast.school.slug, private.code])
    followed = reverse("climate:followed_up", args=[cast.school.slug, private.code])
    for member in (colleague, cast.ib):
        client = login(member)
        assert "Alleen voor mij" not in client.get(_log(cast)).content.decode()
        assert client.get(edit).status_code == 404
        assert client.post(followed).status_code == 404
    overview = login(cast.ib).get(reverse("climate:overview", args=[cast.school.slug]))
    assert "alleen voor mij" not in overview.content.decode().lower()
    assert "overwegend" not in overview.content.decode()


def test_in_vo_every_teacher_of_the_class_sees_the_shared_entries_side_by_side(login, cast):
    mentor = make_member(cast.school, Role.LERAAR, groups=[cast.group], full_name="Mila Mentor")
    make_entry(cast.group, cast.leraar, worries="Wiskunde: onrustig")
    make_entry(cast.group, mentor, worries="Mentoruur: rustig")
    page = login(mentor).get(_log(cast)).content.decode()
    assert "Wiskunde: onrustig" in page and "Lars Leraar" in page
    assert "Mentoruur: rustig" in page and "Mila Mentor" in page


def test_only_the_author_edits_an_entry(login, cast):
    colleague = make_member(cast.school, Role.LERAAR, groups=[cast.group], full_name="Co Collega")
    entry = make_entry(cast.group, cast.leraar)
    url = reverse("climate:entry_edit", args=[cast.school.slug, entry.code])
    assert login(colleague).get(url).status_code == 403
    assert login(cast.ib).get(url).status_code == 403
    response = login(cast.leraar).post(
        url, {"day": "2026-10-01", "level": "positief-versterkend", "visibility": "private"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.level, entry.visibility) == ("positief-versterkend", "private")


def test_the_groups_teachers_tick_off_a_follow_up(login, cast):
    entry = make_entry(cast.group, cast.leraar, next_step="Klassengesprek")
    url = reverse("climate:followed_up", args=[cast.school.slug, entry.code])
    assert login(cast.ib).post(url).status_code == 403
    assert login(cast.leraar).post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.followed_up_at is not None
    assert "Opgevolgd op" in login(cast.leraar).get(_log(cast)).content.decode()


def test_the_timeline_draws_every_entry_and_its_queries_do_not_grow(
    login, cast, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.leraar)
    make_entry(cast.group, cast.leraar, day=datetime.date(2026, 9, 1))
    with CaptureQueriesContext(connection) as few:
        client.get(_log(cast))
    for index in range(30):
        make_entry(
            cast.group,
            cast.leraar,
            day=datetime.date(2026, 9, 2) + datetime.timedelta(days=7 * index),
            level=["moeizaam", "positief-versterkend"][index % 2],
            phase="norming",
            next_step=f"Stap {index}",
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get(_log(cast))
    page = response.content.decode()
    # Twice: the year for a wide screen, one row per entry for a phone.
    wide = page[page.index('class="climate-chart"') : page.index('class="climate-chart-list"')]
    phone = page[page.index('class="climate-chart-list"') :]
    assert wide.count("<circle ") == 31 and phone.count("<circle ") == 31
    assert len(few) <= 12
