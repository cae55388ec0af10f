"""The report service: the cache, the limits, htmx and plain downloads, bad input."""

import itertools

import pytest
from django.urls import reverse

from circles.services import save_answers
from tests.reports.conftest import pdf_text
from tests.reports.test_roles import teambespreking_url
from welbevinden.reports import service
from welbevinden.reports.service import ReportLimitExceeded, render_pdf


def test_a_repeated_download_of_an_unchanged_report_is_not_rendered_again(
    cast, work, login, renders
):
    client = login(cast.leraar)
    url = teambespreking_url(cast.school, cast.group)
    first = client.get(url)
    second = client.get(url)
    assert len(renders) == 1
    assert first.content == second.content


def test_a_change_in_the_data_shown_makes_a_new_pdf(cast, work, login, renders):
    client = login(cast.leraar)
    # The answers are shown in the appendix.
    url = teambespreking_url(cast.school, cast.group, appendix=True)
    client.get(url)
    round = work.group_round
    save_answers(
        round=round,
        answers={"momenten": "Nieuw-antwoord-zes-b"},
        version=round.version,
        user=cast.leraar.user,
    )
    text = pdf_text(client.get(url))
    assert len(renders) == 2
    assert "Nieuw-antwoord-zes-b" in text


def test_the_cache_keeps_people_apart(cast, work, login, renders):
    url = reverse("reports:mijn_reflectie", args=[cast.school.slug])
    assert "Persoonlijk-van-Lars" in pdf_text(login(cast.leraar).get(url))
    assert "Persoonlijk-van-Lars" not in pdf_text(login(cast.ib).get(url))
    assert len(renders) == 2


def test_the_design_fingerprint_follows_the_print_files(settings, tmp_path):
    (tmp_path / "templates" / "reports").mkdir(parents=True)
    template = tmp_path / "templates" / "reports" / "base_print.html"
    template.write_text("<h1>{{ title }}</h1>")
    settings.BASE_DIR = tmp_path
    service.design_fingerprint.cache_clear()
    try:
        before = service.design_fingerprint()
        template.write_text("<h1 class='cover'>{{ title }}</h1>")
        service.design_fingerprint.cache_clear()
        after = service.design_fingerprint()
    finally:
        service.design_fingerprint.cache_clear()
    assert before != after


def test_a_change_in_the_print_design_makes_a_new_pdf(monkeypatch, renders):
    # The style sheets and fonts are not in the HTML; their fingerprint is in the key.
    def make():
        service.report_pdf(
            key="x", template="reports/_problem.html", context={"message": "Ontwerp"}
        )

    monkeypatch.setattr(service, "design_fingerprint", lambda: "voor")
    make()
    make()
    monkeypatch.setattr(service, "design_fingerprint", lambda: "na")
    make()
    assert len(renders) == 2


def test_each_maker_gets_a_pdf_with_their_own_name(cast, work, login):
    # Same report, same school, same day: only the maker differs.
    url = reverse("reports:schoolwerk", args=[cast.school.slug])
    first = pdf_text(login(cast.kernteam).get(url))
    second = pdf_text(login(cast.directie).get(url))
    assert "Karin Kern" in first
    assert "Dirk Directie" in second and "Karin Kern" not in second


def test_an_edited_goal_or_evaluation_makes_a_new_agenda_pdf(cast, login):
    from checklists import services as checklists

    year = cast.school.current_year()
    goal = checklists.create_goal(
        school=cast.school, year=year, data={"title": "Schoolregels-kennen"}, user=None
    )
    checklists.evaluate_goal(goal=goal, learned="Geleerd-eerste-keer")
    client = login(cast.kernteam)
    url = reverse("checklists:agenda_pdf", args=[cast.school.slug])
    assert "Geleerd-eerste-keer" in pdf_text(client.get(url))
    goal.title = "Schoolregels-naleven"
    goal.save()
    checklists.evaluate_goal(goal=goal, learned="Geleerd-tweede-keer")
    text = pdf_text(client.get(url))
    assert "Schoolregels-naleven" in text and "Geleerd-tweede-keer" in text
    assert "Geleerd-eerste-keer" not in text


def test_a_report_past_the_page_limit_stops_with_a_dutch_message():
    html = "<html><body>" + "<p style='break-after: page'>x</p>" * 10 + "</body></html>"
    with pytest.raises(ReportLimitExceeded) as stopped:
        render_pdf(html=html, max_pages=3)
    assert "langer dan 3 pagina's" in stopped.value.message
    # The next rendering in this thread has its own budget again.
    assert render_pdf(html="<p>kort</p>").startswith(b"%PDF")


def test_a_report_past_the_time_limit_stops_with_a_dutch_message(monkeypatch):
    clock = itertools.count(0, 100)
    monkeypatch.setattr(service.time, "monotonic", lambda: next(clock))
    with pytest.raises(ReportLimitExceeded) as stopped:
        render_pdf(html="<p>x</p>", max_seconds=30)
    assert "langer dan 30 seconden" in stopped.value.message


def test_the_limit_message_reaches_the_person_with_and_without_htmx(cast, work, login, settings):
    settings.REPORT_MAX_PAGES = 1
    client = login(cast.leraar)
    url = teambespreking_url(cast.school, cast.group)
    plain = client.get(url)
    assert plain.status_code == 422
    assert "langer dan 1 pagina" in plain.content.decode()
    htmx = client.get(url, headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert "langer dan 1 pagina" in htmx.content.decode()
    assert "HX-Redirect" not in htmx


def test_with_htmx_the_pdf_is_made_then_downloaded_from_the_cache(cast, work, login, renders):
    client = login(cast.leraar)
    url = teambespreking_url(cast.school, cast.group)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == url
    download = client.get(response["HX-Redirect"])
    assert download["Content-Type"] == "application/pdf"
    assert len(renders) == 1


def test_the_form_shows_the_groups_one_may_print(cast, login):
    client = login(cast.leraar)
    page = client.get(reverse("reports:teambespreking", args=[cast.school.slug])).content.decode()
    assert "Groep 6b" in page
    assert "Groep 4a" not in page
    assert 'hx-disabled-elt="find button[type=submit]"' in page


def test_bad_dates_get_a_dutch_message_and_keep_what_was_typed(cast, login):
    client = login(cast.leraar)
    url = teambespreking_url(cast.school, cast.group, start="2026-12-01", end="2026-09-01")
    response = client.get(url)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Deze datum ligt vóór de begindatum" in page
    assert 'value="2026-12-01"' in page
    assert "checked" in page


def test_no_group_chosen_gets_a_dutch_message(cast, login):
    url = reverse("reports:teambespreking", args=[cast.school.slug])
    response = login(cast.ib).get(f"{url}?van=2026-08-01&tot=2026-11-01")
    assert response.status_code == 422
    assert "Kies ten minste één groep." in response.content.decode()


def test_the_group_page_and_the_circle_pages_link_to_the_reports(cast, login):
    client = login(cast.leraar)
    group_page = client.get(
        reverse("schools:group_detail", args=[cast.school.slug, cast.group.code])
    ).content.decode()
    assert reverse("reports:teambespreking", args=[cast.school.slug]) in group_page
    assert f'name="groepen" value="{cast.group.code}"' in group_page
    mine = client.get(reverse("circles:mine", args=[cast.school.slug])).content.decode()
    assert reverse("reports:mijn_reflectie", args=[cast.school.slug]) in mine
    circle = login(cast.kernteam).get(reverse("circles:circle", args=[cast.school.slug, 5]))
    assert reverse("reports:schoolwerk", args=[cast.school.slug]) in circle.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-09-01", "9999-12-31", "Kies een datum tussen 2000 en"),
        ("0001-01-01", "2026-12-31", "Kies een datum tussen 2000 en"),
        ("0100-01-01", "2026-12-31", "Kies een datum tussen 2000 en"),
        ("2020-08-01", "2026-07-31", "Kies een periode van hoogstens twee schooljaren"),
    ],
)
def test_a_far_off_date_or_a_long_period_gets_a_dutch_message_and_keeps_the_form(
    cast, login, start, end, message
):
    url = teambespreking_url(cast.school, cast.group, start=start, end=end)
    response = login(cast.ib).get(url)
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert f'value="{end}"' in page
    assert "checked" in page


def test_two_school_years_are_one_teambespreking(cast, login):
    url = teambespreking_url(cast.school, cast.group, start="2025-08-01", end="2027-07-31")
    assert login(cast.ib).get(url).status_code == 200
