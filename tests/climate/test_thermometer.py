import datetime

from django.urls import reverse
from django.utils import timezone

from circles.climate.models import FeelingDay


def _url(name, cast):
    return reverse(f"climate:{name}", args=[cast.school.slug, cast.group.code])


def test_pupils_tap_and_only_per_day_counts_are_stored(login, cast):
    client = login(cast.leraar)
    page = client.get(_url("class_mode", cast)).content.decode()
    assert "Hoe voel jij je vandaag?" in page and "Heel goed" in page
    for feeling in ("goed", "goed", "slecht"):
        response = client.post(_url("tap", cast), {"gevoel": feeling})
        assert response.status_code == 302
    day = FeelingDay.objects.get()
    assert (day.group, day.day) == (cast.group, timezone.localdate())
    assert day.counts == {"heel-goed": 0, "goed": 2, "gaat-wel": 0, "niet-goed": 0, "slecht": 1}
    # Nothing else: no pupil, no order, no time of a tap.
    assert {f.name for f in FeelingDay._meta.fields} == {
        "id",
        "school",
        "group",
        "day",
        "heel_goed",
        "goed",
        "gaat_wel",
        "niet_goed",
        "slecht",
    }


def test_an_htmx_tap_answers_with_a_thank_you_and_a_bad_one_with_a_message(login, cast):
    client = login(cast.leraar)
    response = client.post(_url("tap", cast), {"gevoel": "goed"}, HTTP_HX_REQUEST="true")
    assert "Dank je!" in response.content.decode()
    response = client.post(_url("tap", cast), {"gevoel": "woest"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Kies een van de vijf gezichtjes." in response.content.decode()
    assert FeelingDay.objects.get().goed == 1


def test_only_the_groups_teachers_open_the_class_mode(login, cast, other):
    for who in ("ib", "other_leraar", "directie"):
        client = login(getattr(cast, who))
        assert client.get(_url("class_mode", cast)).status_code == 403
        assert client.post(_url("tap", cast), {"gevoel": "goed"}).status_code == 403
    assert login(other.leraar).get(_url("class_mode", cast)).status_code == 404
    assert login(other.leraar).get(_url("thermometer", cast)).status_code == 404
    assert login(cast.other_leraar).get(_url("thermometer", cast)).status_code == 403
    assert not FeelingDay.objects.exists()


def _day(cast, **counts):
    return FeelingDay.objects.create(
        school=cast.school, group=cast.group, day=timezone.localdate(), **counts
    )


def test_the_teacher_sees_every_count_and_the_ib_er_sees_them_suppressed(login, cast, settings):
    settings.MIN_GROUP_SIZE = 5
    _day(cast, heel_goed=9, goed=8, gaat_wel=3, niet_goed=0, slecht=1)
    teacher = login(cast.leraar).get(_url("thermometer", cast)).content.decode()
    assert ">3<" in teacher and ">1<" in teacher
    ib = login(cast.ib).get(_url("thermometer", cast)).content.decode()
    assert ">9<" in ib and ">8<" in ib
    assert ">3<" not in ib and ">1<" not in ib
    assert ib.count("&lt; 5") == 2


def test_a_day_with_too_few_taps_is_not_shown_outside_the_teachers_view(login, cast):
    FeelingDay.objects.create(
        school=cast.school,
        group=cast.group,
        day=timezone.localdate() - datetime.timedelta(days=1),
        goed=2,
        slecht=1,
    )
    teacher = login(cast.leraar).get(_url("thermometer", cast)).content.decode()
    assert "<rect" in teacher
    ib = login(cast.ib).get(_url("thermometer", cast)).content.decode()
    assert "<rect" not in ib


def test_the_class_mode_shows_pupils_no_menu_to_the_teachers_own_pages(login, cast):
    page = login(cast.leraar).get(_url("class_mode", cast)).content.decode()
    assert f'href="{reverse("circles:mine", args=[cast.school.slug])}"' not in page
    assert f'href="{reverse("dashboard:home", args=[cast.school.slug])}"' not in page
    assert reverse("accounts:logout") not in page
