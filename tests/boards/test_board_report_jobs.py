"""The Bestuursrapport made in the background: started by a board member, followed
and downloaded by them alone; a membership that ended meanwhile gives no report."""

import uuid
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_user
from welbevinden.reports.models import JobState, ReportJob
from welbevinden.schools.models import Board, BoardMembership, BoardRole


@pytest.fixture
def demo(db, handreiking):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    return Board.objects.get(slug="golfslag")


def _login(client, email):
    client.force_login(get_user_model().objects.get(email=email))


def _start(client, board, **data):
    return client.post(reverse("boards:report_start", args=[board.slug]), data)


def test_a_board_member_starts_follows_and_downloads_it(client, demo):
    _login(client, "bestuurder@golfslag.example")
    page = client.get(reverse("boards:board", args=[demo.slug])).content.decode()
    assert reverse("boards:report_start", args=[demo.slug]) in page
    year = ReportJob._meta.apps.get_model("schools", "SchoolYear").objects.first().start_year
    response = _start(client, demo, jaar=str(year))
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("boards:job", args=[demo.slug, job.code])
    # Immediate mode (no worker in the tests): made already.
    assert job.state == JobState.DONE and job.scope == f"board:{demo.pk}"
    status = client.get(response.url)
    assert status.status_code == 200
    assert "Bestuursrapport" in status.content.decode()
    assert reverse("boards:job_download", args=[demo.slug, job.code]) in status.content.decode()
    download = client.get(reverse("boards:job_download", args=[demo.slug, job.code]))
    assert download["Content-Type"] == "application/pdf"
    assert bytes(download.content).startswith(b"%PDF")
    assert "bestuursrapport-golfslag" in download["Content-Disposition"]


def test_with_htmx_the_status_comes_under_the_button(client, demo):
    _login(client, "staf@golfslag.example")
    year = ReportJob._meta.apps.get_model("schools", "SchoolYear").objects.first().start_year
    response = client.post(
        reverse("boards:report_start", args=[demo.slug]), {"jaar": year}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Download" in response.content.decode()


def test_a_bad_year_is_refused_in_dutch(client, demo):
    _login(client, "bestuurder@golfslag.example")
    response = _start(client, demo, jaar="1999")
    assert response.status_code == 422
    assert "Kies een schooljaar van dit bestuur." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_job_is_its_askers_alone(client, demo):
    _login(client, "bestuurder@golfslag.example")
    year = ReportJob._meta.apps.get_model("schools", "SchoolYear").objects.first().start_year
    _start(client, demo, jaar=str(year))
    job = ReportJob.objects.get()
    urls = [
        reverse("boards:job", args=[demo.slug, job.code]),
        reverse("boards:job_download", args=[demo.slug, job.code]),
    ]
    # A colleague at the same board does not see it.
    _login(client, "staf@golfslag.example")
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("boards:job", args=[demo.slug, uuid.uuid4()])).status_code == 404
    # Nor does a school's directie, or someone of another board.
    _login(client, "directie@kiezel.example")
    for url in [*urls, reverse("boards:report_start", args=[demo.slug])]:
        assert client.get(url).status_code == 404, url
    assert _start(client, demo, jaar=str(year)).status_code == 404
    other = Board.objects.create(name="Ander bestuur")
    stranger = make_user()
    BoardMembership.objects.create(user=stranger, board=other, role=BoardRole.STAF)
    client.force_login(stranger)
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Starting is a POST.
    _login(client, "bestuurder@golfslag.example")
    assert client.get(reverse("boards:report_start", args=[demo.slug])).status_code == 405


def test_a_membership_ended_before_the_run_gives_no_report(demo):
    from welbevinden.boards import report
    from welbevinden.reports import background

    user = get_user_model().objects.get(email="staf@golfslag.example")
    BoardMembership.objects.filter(user=user).update(is_active=False)
    year = ReportJob._meta.apps.get_model("schools", "SchoolYear").objects.first().start_year
    job = background.start(
        kind=report.KIND, user=user, scope=report.scope_of(demo), params={"jaar": str(year)}
    )
    assert job.state == JobState.FAILED
    assert job.error == "Je hebt geen toegang (meer) tot dit rapport."
    assert not job.pdf
