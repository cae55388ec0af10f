"""The climate log in the reports: the Teambespreking and the Klimaatoverzicht."""

import datetime

from django.urls import reverse
from django.utils import timezone

from circles.climate.models import Visibility
from tests.climate.conftest import make_entry
from tests.reports.conftest import pdf_text
from tests.reports.test_roles import TEAMBESPREKING_QUERIES, teambespreking_url


def test_the_teambespreking_holds_the_groups_shared_climate_entries_of_the_period(
    cast, login, django_assert_max_num_queries
):
    make_entry(cast.group, cast.leraar, day=datetime.date(2026, 10, 1), worries="Gedeeld-zes-b")
    make_entry(
        cast.group,
        cast.leraar,
        day=datetime.date(2026, 10, 2),
        worries="Prive-zes-b",
        visibility=Visibility.PRIVATE,
    )
    make_entry(cast.group, cast.leraar, day=datetime.date(2026, 8, 20), worries="Te-vroeg-zes-b")
    make_entry(cast.other_group, cast.other_leraar, worries="Gedeeld-vier-a")
    client = login(cast.ib)
    for appendix in (False, True):
        url = teambespreking_url(
            cast.school, cast.group, start="2026-09-01", end="2026-12-31", appendix=appendix
        )
        with django_assert_max_num_queries(TEAMBESPREKING_QUERIES):
            response = client.get(url)
        text = pdf_text(response)
        assert "Klimaat in de periode" in text
        assert "Gedeeld-zes-b" in text  # the first line of its worries, or in full
        assert "over het algemeen positief, soms wat incidenten" in text
        assert "Prive-zes-b" not in text
        assert "Te-vroeg-zes-b" not in text
        assert "Gedeeld-vier-a" not in text


def test_a_new_entry_makes_a_new_teambespreking(cast, login):
    url = teambespreking_url(cast.school, cast.group, start="2026-09-01", end="2026-12-31")
    client = login(cast.ib)
    assert "Later-zes-b" not in pdf_text(client.get(url))
    make_entry(cast.group, cast.leraar, worries="Later-zes-b")
    assert "Later-zes-b" in pdf_text(client.get(url))


def test_the_klimaatoverzicht_lists_every_groups_latest_shared_climate(cast, login):
    today = timezone.localdate()
    make_entry(cast.group, cast.leraar, day=today - datetime.timedelta(days=3), level="moeizaam")
    make_entry(cast.group, cast.leraar, day=today, level="negatief-veel-gedoe")
    make_entry(
        cast.other_group,
        cast.other_leraar,
        day=today,
        level="positief-versterkend",
        visibility=Visibility.PRIVATE,
    )
    response = login(cast.ib).get(reverse("reports:klimaatoverzicht", args=[cast.school.slug]))
    text = pdf_text(response)
    assert "Klimaatoverzicht" in text
    assert "Groep 6b" in text and "Groep 4a" in text
    assert "negatief en veel gedoe" in text
    assert "positief en elkaar versterkend" not in text  # a private entry
    assert "Lars Leraar" in text
    # The signals are our rules, not the handreiking's, in the PDF as on the page (issue 22).
    assert "De signalen zijn van ons, niet van de handreiking" in " ".join(text.split())
    assert response["Content-Disposition"] == (
        f'attachment; filename="klimaatoverzicht-{cast.school.slug}-{today:%Y-%m-%d}.pdf"'
    )


def test_only_ib_ers_print_the_klimaatoverzicht(cast, other, login):
    url = reverse("reports:klimaatoverzicht", args=[cast.school.slug])
    for who in ("leraar", "kernteam", "directie", "beheerder"):
        assert login(getattr(cast, who)).get(url).status_code == 403
    assert login(other.leraar).get(url).status_code == 404
