"""Stap 2-4 on the page: pictures and table, notes, reflection; the handvat's
lead-in and carry-over; the purge; the demo's structure; query counts."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from circles.models import Handvat, Round
from circles.services import complete_round, save_answers, start_round
from sociogram import services
from sociogram.carry_over import carry_over
from sociogram.models import Nomination, PupilNote, Respondent, Sociogram
from tests.factories import make_pupil


def detail(cast, sociogram):
    return reverse("sociogram:detail", args=[cast.school.slug, sociogram.code])


def _answer(sociogram, pupils, answers):
    for rater, by_question in answers.items():
        services.enter_on_paper(
            sociogram=sociogram,
            respondent=pupils[rater],
            answers={k: [pupils[c].pk for c in v] for k, v in by_question.items()},
        )


def test_the_page_shows_both_pictures_and_the_table(cast, sociogram, pupils, login):
    _answer(
        sociogram,
        pupils,
        {
            "Mees": {"speel-graag": ["Sanne"], "speel-niet": ["Yara"]},
            "Sanne": {"speel-graag": ["Mees"]},
        },
    )
    html = login(cast.leraar).get(detail(cast, sociogram)).content.decode()
    assert html.count('<svg class="sociogram-svg"') == 2
    assert "Netwerk: wie wie kiest" in html and "Schietschijf" in html
    # A mutual choice is a thick line; the negative one is hidden by default.
    assert 'stroke-width="4"' in html
    assert '#b3261e" stroke-width="1.6" stroke-dasharray' not in html
    assert "2 van de 3 leerlingen deden mee" in html
    # Fewer than 80 % took part: categories withheld, and the page says why.
    assert "minstens 80 % van de klas meedeed" in html
    assert "door niemand gekozen" in html  # Yara


def test_negative_links_show_only_when_switched_on(cast, sociogram, pupils, login):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"], "speel-niet": ["Yara"]}})
    html = login(cast.leraar).get(detail(cast, sociogram) + "?negatief=1").content.decode()
    assert 'stroke="#b3261e" stroke-width="1.6" stroke-dasharray="6 4"' in html


def test_filtering_one_question_and_one_pupil(cast, sociogram, pupils, login):
    _answer(
        sociogram,
        pupils,
        {"Mees": {"speel-graag": ["Sanne"], "zit-graag": ["Yara"]}, "Yara": {"zit-graag": []}},
    )
    client = login(cast.leraar)
    focus = pupils["Mees"].code
    html = client.get(
        f"{detail(cast, sociogram)}?vraag=zit-graag&leerling={focus}"
    ).content.decode()
    # Only the seating question: Mees chose Yara, not Sanne.
    assert "<strong>Koos zelf:</strong> Yara T." in html
    assert "<strong>Gekozen door:</strong> niemand" in html


def test_without_negative_questions_there_are_no_categories(cast, pupils, sociogram, login):
    sociogram.questions = [dict(x, on=x["polarity"] == "+") for x in sociogram.questions]
    sociogram.save()
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    html = login(cast.leraar).get(detail(cast, sociogram)).content.decode()
    assert "Daarom tonen we geen statusgroepen" in html
    assert "Liever-niet-keuzes tonen" not in html


def test_the_page_costs_the_same_queries_for_a_large_class(
    cast, sociogram, pupils, login, django_assert_num_queries
):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    client = login(cast.leraar)
    client.get(detail(cast, sociogram))
    with django_assert_num_queries(6) as small:
        client.get(detail(cast, sociogram))
    queries = len(small.captured_queries)  # read now: each request clears the log
    for n in range(30):
        make_pupil(cast.group, f"Kind{n} X.")
    services.add_missing_pupils(sociogram)
    everyone = list(sociogram.respondents.all())
    for rater in everyone:
        services.enter_on_paper(
            sociogram=sociogram,
            respondent=rater,
            answers={"speel-graag": [r.pk for r in everyone if r.pk != rater.pk][:8]},
        )
    # Those writes were outside a request (for every school): the next page
    # reads the user and memberships again, as on the first page of a day.
    client.get(detail(cast, sociogram))
    with django_assert_num_queries(queries):
        assert client.get(detail(cast, sociogram)).status_code == 200


def test_notes_and_flags_per_pupil(cast, sociogram, pupils, login):
    client = login(cast.leraar)
    url = reverse("sociogram:notes", args=[cast.school.slug, cast.group.code])
    mees = pupils["Mees"].pupil
    prefix = f"l{mees.pk}"
    response = client.post(
        url, {f"{prefix}-flags": ["prosociaal", "stabiel"], f"{prefix}-note": "Helpt anderen."}
    )
    assert response.status_code == 302
    note = PupilNote.objects.get()
    assert (note.pupil, note.flags, note.note) == (
        mees,
        ["prosociaal", "stabiel"],
        "Helpt anderen.",
    )
    assert "Helpt anderen." in client.get(url).content.decode()
    bad = client.post(url, {f"{prefix}-flags": ["verzonnen"], f"{prefix}-note": "Blijft staan"})
    assert bad.status_code == 400
    assert "Blijft staan" in bad.content.decode()


def test_reflection_and_plan_are_saved_on_the_sociogram(cast, sociogram, login):
    client = login(cast.leraar)
    url = reverse("sociogram:reflection", args=[cast.school.slug, sociogram.code])
    client.post(url, {"verrassingen": "Dat Yara alleen speelt.", "wat": "Nieuwe indeling"})
    sociogram.refresh_from_db()
    assert sociogram.reflection["verrassingen"] == "Dat Yara alleen speelt."
    assert sociogram.reflection["plan"]["wat"] == "Nieuwe indeling"
    page = client.get(detail(cast, sociogram)).content.decode()
    assert "Zijn er uitkomsten die je verrassen?" in page and "Dat Yara alleen speelt." in page


def test_the_handvat_leads_into_the_sociogram(cast, login):
    client = login(cast.leraar)
    response = client.get(reverse("circles:handvat", args=[cast.school.slug, "sociogram"]))
    assert response.url == reverse("sociogram:group", args=[cast.school.slug, cast.group.code])
    page = client.get(reverse("circles:circle", args=[cast.school.slug, 3])).content.decode()
    assert "Nog geen sociogram" in page


def test_earlier_handvat_answers_are_carried_over_once(cast):
    round = start_round(
        handvat=Handvat.objects.get(key="sociogram"),
        school=cast.school,
        user=cast.leraar.user,
        group=cast.group,
    )
    answers = {
        "verrassingen": "Mees is vaker alleen dan ik dacht.",
        "plan": {"wat": "Mees naast Sanne", "wanneer": "maandag", "met_wie": ""},
    }
    save_answers(round=round, answers=answers, version=round.version, user=cast.leraar.user)
    complete_round(round=round)
    empty = start_round(
        handvat=Handvat.objects.get(key="sociogram"),
        school=cast.school,
        user=cast.other_leraar.user,
        group=cast.other_group,
    )
    assert empty.answers == {}
    assert carry_over(Round, Sociogram) == 1
    assert carry_over(Round, Sociogram) == 0
    carried = Sociogram.objects.get()
    assert carried.group == cast.group and carried.source_round == round
    assert carried.reflection["verrassingen"] == "Mees is vaker alleen dan ik dacht."
    assert carried.reflection["plan"] == {
        "wat": "Mees naast Sanne",
        "wanneer": "maandag",
        "met_wie": "",
    }


def test_the_purge_removes_nominations_and_keeps_the_summary(cast, sociogram, pupils):
    _answer(
        sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}, "Sanne": {"speel-graag": ["Mees"]}}
    )
    services.close_afname(sociogram)
    out = StringIO()
    call_command("purge_sociograms", stdout=out)
    assert "0 sociogram(s) purged" in out.getvalue()  # the school year is still on
    year = cast.group.school_year
    year.start_year -= 1  # the group's school year ended last 31 July
    year.save()
    call_command("purge_sociograms", stdout=out)
    sociogram.refresh_from_db()
    assert not Nomination.objects.exists()
    assert sociogram.purged_at is not None
    mees = str(pupils["Mees"].pupil.code)
    assert sociogram.summary["pupils"][mees]["lm"] == 1
    assert sociogram.summary["cohesion"] == 1 / 3
    assert Respondent.objects.filter(sociogram=sociogram).count() == 3


def test_the_purge_after_a_configured_number_of_days(cast, sociogram, pupils, settings):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    services.close_afname(sociogram)
    Sociogram.objects.filter(pk=sociogram.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert services.purge(timezone.localdate(), keep_days=60) == 0
    assert services.purge(timezone.localdate(), keep_days=30) == 1
    assert not Nomination.objects.exists()


def test_the_demo_has_a_recognisable_structure(db):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    for group_name in ("Groep 5", "2B"):
        sociogram = Sociogram.objects.get(group__name=group_name, source_round=None)
        respondents = list(sociogram.respondents.select_related("pupil"))
        nominations = list(sociogram.nominations.values_list("question", "rater_id", "chosen_id"))
        result = services.run_analysis(sociogram, respondents, nominations)
        statuses = [r.status for r in result.pupils.values()]
        assert result.categories_shown
        assert "populair" in statuses and "afgewezen" in statuses
        assert any(r.isolated and r.took_part for r in result.pupils.values())
        assert len(result.subgroups) >= 2 and len(result.bridges) >= 1
        assert PupilNote.objects.filter(group=sociogram.group).count() >= 3


def test_the_purge_deletes_the_notes_on_pupils_once_the_year_has_ended(cast, sociogram, pupils):
    services.save_note(
        group=cast.group, pupil=pupils["Mees"].pupil, flags=["kwetsbaar"], note="Thuis", user=None
    )
    out = StringIO()
    call_command("purge_sociograms", stdout=out)
    assert PupilNote.objects.count() == 1  # the school year is still on
    year = cast.group.school_year
    year.start_year -= 1
    year.save()
    call_command("purge_sociograms", stdout=out)
    assert "note(s) on pupils deleted" in out.getvalue()
    assert not PupilNote.objects.exists()


def test_after_the_purge_the_seating_plan_is_gone_with_a_message(cast, sociogram, pupils, login):
    _answer(sociogram, pupils, {"Mees": {"speel-graag": ["Sanne"]}})
    client = login(cast.leraar)
    layout = {"rows": "2", "cols": "2", "arrangement": "pairs", "seed": "1"}
    client.post(
        reverse("sociogram:seating_generate", args=[cast.school.slug, sociogram.code]), layout
    )
    services.close_afname(sociogram)
    year = cast.group.school_year
    year.start_year -= 1
    year.save()
    call_command("purge_sociograms", stdout=StringIO())
    assert not sociogram.seating_plans.exists()
    for name in ("seating", "seating_pdf"):
        response = client.get(reverse(f"sociogram:{name}", args=[cast.school.slug, sociogram.code]))
        assert response.status_code == 410
        assert response["Content-Type"].startswith("text/html")
        assert "De groepsindelingen waren op die antwoorden gebouwd" in response.content.decode()
