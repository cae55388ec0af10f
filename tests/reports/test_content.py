"""What is in each PDF, read back with pypdf: what must be there, and what never."""

import datetime

from django.urls import reverse
from django.utils import timezone

from circles.models import Round
from tests.reports.conftest import pdf_text
from tests.reports.test_roles import TEAMBESPREKING_QUERIES, teambespreking_url


def test_the_teambespreking_holds_the_groups_work_and_open_plans_and_nothing_personal(
    cast, work, login, django_assert_max_num_queries
):
    client = login(cast.leraar)
    with django_assert_max_num_queries(TEAMBESPREKING_QUERIES):
        response = client.get(teambespreking_url(cast.school, cast.group, appendix=True))
    text = pdf_text(response)
    assert "Basisschool Het Anker" in text
    assert "Groep 6b" in text
    assert "Kring-op-maandag-zes-b" in text  # the group's answers
    assert "moeizaam maar met positieve onderdelen" in text  # a scale answer, as its label
    assert "Groepsplan-zes-b-begroeten" in text  # its open plan
    assert "Vrijdagspel-vier-a" not in text  # another group's answers
    assert "Persoonlijk-van-Lars" not in text  # the teacher's own reflection
    assert "Schijf-van-Lars" not in text
    assert "Visie-van-het-Anker" not in text
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="teambespreking-groep-6b-{today:%Y-%m-%d}-met-bijlage.pdf"'
    )


def test_without_the_appendix_the_answers_are_left_out_and_the_plans_kept(cast, work, login):
    response = login(cast.leraar).get(teambespreking_url(cast.school, cast.group))
    text = pdf_text(response)
    assert "Groepsplan-zes-b-begroeten" in text  # an open plan is on the group's page
    assert "Positief en veilig groepsklimaat" in text  # the round, by its handvat
    assert "Kring-op-maandag-zes-b" not in text  # its answers only in the appendix
    assert "Bijlage" not in text
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="teambespreking-groep-6b-{today:%Y-%m-%d}.pdf"'
    )


def test_an_ib_gets_both_groups_in_one_teambespreking(cast, work, login):
    text = pdf_text(
        login(cast.ib).get(
            teambespreking_url(cast.school, cast.group, cast.other_group, appendix=True)
        )
    )
    assert "Kring-op-maandag-zes-b" in text
    assert "Vrijdagspel-vier-a" in text
    assert "Persoonlijk-van-Ilse" not in text


def test_the_teambespreking_leaves_out_work_finished_before_the_period(cast, work, login):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Round.objects.filter(pk=work.group_round.pk).update(started_at=long_ago, completed_at=long_ago)
    start = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    url = teambespreking_url(cast.school, cast.group, start=start, appendix=True)
    text = pdf_text(login(cast.ib).get(url))
    assert "Kring-op-maandag-zes-b" not in text
    assert "Groepsplan-zes-b-begroeten" in text  # still open, so still listed


def test_the_schoolwerk_holds_school_work_and_surroundings_and_nothing_else(
    cast, work, login, django_assert_max_num_queries
):
    client = login(cast.directie)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("reports:schoolwerk", args=[cast.school.slug]))
    text = pdf_text(response)
    assert "Visie-van-het-Anker" in text
    assert "Omgeving-bij-de-haven" in text
    assert "Wijkteam-Haven" in text
    assert "Kring-op-maandag-zes-b" not in text
    assert "Persoonlijk-van-Lars" not in text
    assert "Schijf-van-Lars" not in text


def test_mijn_reflectie_holds_ones_own_work_only(cast, work, login, django_assert_max_num_queries):
    client = login(cast.leraar)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reports:mijn_reflectie", args=[cast.school.slug]))
    text = pdf_text(response)
    assert "Persoonlijk-van-Lars" in text
    assert "Schijf-van-Lars" in text
    assert "Focus tijd" in text  # the radar's axis labels: the same SVG as on the page
    # The scale and the web are ours, and no score: the PDF says so, as the page does.
    assert "geen score" in " ".join(text.split())
    assert "Persoonlijk-van-Ilse" not in text
    assert "Kring-op-maandag-zes-b" not in text

    text = pdf_text(login(cast.ib).get(reverse("reports:mijn_reflectie", args=[cast.school.slug])))
    assert "Persoonlijk-van-Ilse" in text
    assert "Persoonlijk-van-Lars" not in text
    assert "Schijf-van-Lars" not in text
