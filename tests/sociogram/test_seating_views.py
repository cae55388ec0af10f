"""The seating plan pages: generate, lock, swap, versions, PDF, access."""

from django.urls import reverse

from sociogram import services
from sociogram.models import PupilNote, SeatingPlan


def url(name, cast, sociogram):
    return reverse(f"sociogram:{name}", args=[cast.school.slug, sociogram.code])


def _answers(sociogram, pupils):
    services.enter_on_paper(
        sociogram=sociogram,
        respondent=pupils["Mees"],
        answers={"speel-graag": [pupils["Sanne"].pk]},
    )


LAYOUT = {"rows": "2", "cols": "2", "arrangement": "pairs", "seed": "1"}


def test_a_teacher_makes_a_plan_and_each_pupil_gets_a_reason(cast, sociogram, pupils, login):
    _answers(sociogram, pupils)
    client = login(cast.leraar)
    response = client.post(url("seating_generate", cast, sociogram), LAYOUT)
    plan = SeatingPlan.objects.get()
    assert response.url.endswith("?versie=1")
    assert sorted(plan.seats.values()) == sorted(r.pk for r in pupils.values())
    page = client.get(response.url).content.decode()
    assert "In de buurt van Sanne B., die hij of zij koos." in page
    assert "Ons advies: meet over 8 tot 10 weken opnieuw" in page


def test_too_few_seats_is_a_clear_message_keeping_the_input(cast, sociogram, pupils, login):
    client = login(cast.leraar)
    data = {**LAYOUT, "cols": "1", "seed": "42"}
    response = client.post(url("seating_generate", cast, sociogram), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 plaatsen is te weinig voor 3 leerlingen" in html
    assert 'value="42"' in html
    assert not SeatingPlan.objects.exists()


def test_locked_seats_keep_their_pupil_in_the_next_version(cast, sociogram, pupils, login):
    _answers(sociogram, pupils)
    client = login(cast.leraar)
    client.post(url("seating_generate", cast, sociogram), LAYOUT)
    first = SeatingPlan.objects.get()
    seat, pupil = next(iter(first.seats.items()))
    for shown, seed in (("1", "2"), ("2", "3"), ("3", "4")):
        client.post(
            url("seating_generate", cast, sociogram),
            {**LAYOUT, "seed": seed, "vast": seat, "versie": shown},
        )
    latest = SeatingPlan.objects.order_by("-version").first()
    assert latest.version == 4
    assert latest.seats[seat] == pupil and latest.locked == [int(seat)]


def test_swapping_by_hand_saves_a_new_version(cast, sociogram, pupils, login):
    client = login(cast.leraar)
    client.post(url("seating_generate", cast, sociogram), LAYOUT)
    first = SeatingPlan.objects.get()
    swap = {"van": "0", "naar": "3", "versie": "1"}
    response = client.post(url("seating_swap", cast, sociogram), swap)
    second = SeatingPlan.objects.get(version=2)
    assert response.url.endswith("?versie=2") and second.made_by_hand
    assert second.seats.get("0") == first.seats.get("3")
    assert second.seats.get("3") == first.seats.get("0")
    bad = client.post(
        url("seating_swap", cast, sociogram), {"van": "0", "naar": "0", "versie": "2"}
    )
    assert bad.status_code == 302 and SeatingPlan.objects.count() == 2


def test_the_flags_feed_the_generator(cast, sociogram, pupils, login):
    services.save_note(
        group=cast.group, pupil=pupils["Yara"].pupil, flags=["externaliserend"], note="", user=None
    )
    client = login(cast.leraar)
    client.post(url("seating_generate", cast, sociogram), LAYOUT)
    page = client.get(url("seating", cast, sociogram)).content.decode()
    # Nobody in this little class is prosocial: the rule cannot be met, and it says so.
    assert "Yara T. (externaliserend gedrag) zit niet naast een prosociale" in page
    assert PupilNote.objects.count() == 1


def test_the_plan_prints(cast, sociogram, pupils, login):
    client = login(cast.leraar)
    client.post(url("seating_generate", cast, sociogram), LAYOUT)
    response = client.get(url("seating_pdf", cast, sociogram))
    assert response["Content-Type"] == "application/pdf"


def test_only_the_groups_teachers_and_ib_see_the_plan(cast, sociogram, login):
    for who in ("other_leraar", "beheerder", "directie"):
        client = login(getattr(cast, who))
        assert client.get(url("seating", cast, sociogram)).status_code == 403
        assert client.post(url("seating_generate", cast, sociogram), LAYOUT).status_code == 403
    assert login(cast.ib).get(url("seating", cast, sociogram)).status_code == 200


def test_after_a_plan_the_home_page_suggests_measuring_again(cast, sociogram, pupils, login):
    client = login(cast.leraar)
    home = reverse("dashboard:home", args=[cast.school.slug])
    assert "Sociogram: opnieuw meten" not in client.get(home).content.decode()
    client.post(url("seating_generate", cast, sociogram), LAYOUT)
    page = client.get(home).content.decode()
    assert "Sociogram: opnieuw meten" in page and "Groep 6b: nieuwe groepsindeling" in page
    # Measured again: the suggestion goes.
    new = reverse("sociogram:new", args=[cast.school.slug, cast.group.code])
    data = {"title": "Winter", "on-speel-graag": "on", "feeds-speel-graag": "on"}
    for key in ("speel-graag", "zit-graag", "werk-graag", "speel-niet", "zit-niet", "werk-niet"):
        data[f"text-{key}"] = "Vraag"
    assert client.post(new, data).status_code == 302
    assert "Sociogram: opnieuw meten" not in client.get(home).content.decode()


def test_two_measurements_compared(cast, sociogram, pupils, login):
    from sociogram.models import Sociogram
    from sociogram.services import create_sociogram

    # Before: Yara was chosen by nobody.
    for rater, chosen in (("Mees", "Sanne"), ("Sanne", "Mees"), ("Yara", "Mees")):
        services.enter_on_paper(
            sociogram=sociogram,
            respondent=pupils[rater],
            answers={"speel-graag": [pupils[chosen].pk]},
        )
    Sociogram.objects.filter(pk=sociogram.pk).update(created_at="2026-09-20T10:00:00Z")
    later = create_sociogram(
        group=cast.group, user=None, title="Winter", questions=sociogram.questions, max_choices=None
    )
    now = {r.first_name: r for r in later.respondents.select_related("pupil")}
    for rater, chosen in (("Mees", "Yara"), ("Sanne", "Yara"), ("Yara", "Sanne")):
        services.enter_on_paper(
            sociogram=later, respondent=now[rater], answers={"speel-graag": [now[chosen].pk]}
        )
    client = login(cast.leraar)
    page = client.get(f"{url('compare', cast, later)}?met={sociogram.code}").content.decode()
    # Now Mees is chosen by nobody and Yara by two.
    assert '<dt class="col-sm-4">Uit het isolement</dt><dd class="col-sm-8">Yara T.</dd>' in page
    assert 'In het isolement geraakt</dt><dd class="col-sm-8">Mees K.</dd>' in page
