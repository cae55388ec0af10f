import datetime

from django.urls import reverse
from django.utils import timezone

from circles.climate.models import ReminderSettings
from tests.climate.conftest import make_entry


def _home(cast):
    return reverse("dashboard:home", args=[cast.school.slug])


def test_a_group_without_an_entry_is_on_the_teachers_home_page(login, cast):
    page = login(cast.leraar).get(_home(cast)).content.decode()
    assert "Groep 6b: nog geen klimaatnotitie dit schooljaar." in page
    assert "Groep 4a" not in page


def test_a_recent_entry_silences_the_reminder(login, cast):
    make_entry(cast.group, cast.leraar, day=timezone.localdate())
    assert "klimaatnotitie" not in login(cast.leraar).get(_home(cast)).content.decode()


def test_the_school_sets_the_interval(login, cast):
    today = timezone.localdate()
    make_entry(cast.group, cast.leraar, day=today - datetime.timedelta(days=15))
    ReminderSettings.objects.create(
        school=cast.school,
        weeks_in_golden_weeks=3,
        weeks_after=3,
        golden_weeks_until=today - datetime.timedelta(days=1),
    )
    assert "de laatste klimaatnotitie" not in login(cast.leraar).get(_home(cast)).content.decode()
    ReminderSettings.objects.filter(school=cast.school).update(weeks_after=2)
    assert "de laatste klimaatnotitie" in login(cast.leraar).get(_home(cast)).content.decode()


def test_weekly_in_the_golden_weeks_then_fortnightly_by_default():
    settings = ReminderSettings()
    assert settings.interval_weeks(datetime.date(2026, 9, 10), 2026) == 1
    assert settings.interval_weeks(datetime.date(2026, 10, 15), 2026) == 1
    assert settings.interval_weeks(datetime.date(2026, 10, 16), 2026) == 2


def test_beheerder_and_kernteam_change_the_setting_and_others_may_not(login, cast, other):
    url = reverse("climate:settings", args=[cast.school.slug])
    for who in ("leraar", "ib", "directie"):
        assert login(getattr(cast, who)).get(url).status_code == 403
    assert login(other.beheerder).get(url).status_code == 404
    client = login(cast.kernteam)
    response = client.post(url, {"weeks_in_golden_weeks": "0", "weeks_after": "abc"})
    assert response.status_code == 200
    assert 'value="abc"' in response.content.decode() or "geheel getal" in response.content.decode()
    response = client.post(url, {"weeks_in_golden_weeks": "1", "weeks_after": "3"})
    assert response.status_code == 302
    assert ReminderSettings.objects.get(school=cast.school).weeks_after == 3
