"""The Kernteamrapport made in the background (welbevinden/reports/background.py,
kernteam.py, job_views.py), in immediate mode as the tests run: the job runs
inside the POST that starts it. tests/reports/test_worker.py runs one on a real
worker."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_member
from tests.reports.conftest import pdf_text
from welbevinden.reports import background, kernteam
from welbevinden.reports.models import JobState, ReportJob, keep_for
from welbevinden.schools.models import Role


def start_url(school):
    return reverse("reports:kernteamrapport_start", args=[school.slug])


def job_url(job):
    return reverse("reports:job", args=[job.school.slug, job.code])


def download_url(job):
    return reverse("reports:job_download", args=[job.school.slug, job.code])


def make_job(membership, **fields) -> ReportJob:
    now = timezone.now()
    values = {
        "kind": "kernteamrapport",
        "user": membership.user,
        "school": membership.school,
        "params": {"jaar": "", "periode": ""},
        "expires_at": now + keep_for(),
        **fields,
    }
    return ReportJob.objects.create(**values)


# Access -------------------------------------------------------------------------


def test_an_outsider_gets_404_for_starting_following_and_downloading(cast, other, login):
    job = make_job(cast.directie, state=JobState.DONE, pdf=b"%PDF", filename="k.pdf")
    client = login(other.leraar)
    assert client.post(start_url(cast.school)).status_code == 404
    assert client.get(job_url(job)).status_code == 404
    assert client.get(download_url(job)).status_code == 404
    assert not ReportJob.objects.exclude(pk=job.pk).exists()


@pytest.mark.parametrize("role", ["leraar", "beheerder"])
def test_a_member_without_a_report_role_cannot_start_one(cast, login, role):
    client = login(getattr(cast, role))
    assert client.post(start_url(cast.school)).status_code == 403
    assert not ReportJob.objects.exists()


def test_starting_is_a_post(cast, login):
    assert login(cast.directie).get(start_url(cast.school)).status_code == 405


def test_another_members_job_is_404_even_for_a_colleague_with_the_same_roles(cast, login):
    job = make_job(cast.directie, state=JobState.DONE, pdf=b"%PDF", filename="k.pdf")
    client = login(cast.kernteam)
    assert client.get(job_url(job)).status_code == 404
    assert client.get(download_url(job)).status_code == 404


def test_the_asker_who_lost_the_role_gets_403(cast, login):
    job = make_job(cast.kernteam, state=JobState.DONE, pdf=b"%PDF", filename="k.pdf")
    cast.kernteam.set_roles([Role.LERAAR])
    cast.kernteam.save()
    client = login(cast.kernteam)
    assert client.get(job_url(job)).status_code == 403
    assert client.get(download_url(job)).status_code == 403


def test_a_job_of_another_school_is_404_through_this_schools_address(cast, other, login):
    job = make_job(cast.directie, state=JobState.DONE, pdf=b"%PDF", filename="k.pdf")
    make_member(other.school, Role.DIRECTIE, user=cast.directie.user)
    client = login(cast.directie)
    url = reverse("reports:job_download", args=[other.school.slug, job.code])
    assert client.get(url).status_code == 404


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(cast, client):
    job = make_job(cast.directie)
    response = client.get(job_url(job))
    assert response.status_code == 302 and "inloggen" in response["Location"]
    assert client.post(start_url(cast.school)).status_code == 302


# The happy path ------------------------------------------------------------------


def test_without_javascript_the_button_leads_to_a_status_page_with_the_download(cast, login):
    client = login(cast.directie)
    response = client.post(start_url(cast.school))
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert (job.user, job.school, job.state, job.progress) == (
        cast.directie.user,
        cast.school,
        JobState.DONE,
        100,
    )
    page = client.get(job_url(job)).content.decode()
    assert "Kernteamrapport is klaar." in page and download_url(job) in page
    assert 'http-equiv="refresh"' not in page  # done: nothing to wait for
    assert reverse("dashboard:school", args=[cast.school.slug]) in page
    pdf = client.get(download_url(job))
    assert pdf["Content-Disposition"].startswith("attachment")
    assert (
        job.filename.startswith("kernteamrapport-") and job.filename in pdf["Content-Disposition"]
    )
    text = pdf_text(pdf)
    assert "Samenvatting" in text and "Dirk Directie" in text


def test_with_htmx_the_status_appears_under_the_button(cast, login):
    client = login(cast.kernteam)
    response = client.post(start_url(cast.school), HTTP_HX_REQUEST="true")
    job = ReportJob.objects.get()
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    assert download_url(job) in fragment and "Download" in fragment
    assert "hx-trigger" not in fragment  # done: no more polling


def test_the_year_and_period_asked_for_are_the_reports(cast, login):
    year = cast.school.current_year()
    client = login(cast.directie)
    client.post(start_url(cast.school), {"jaar": str(year.code), "periode": "2"})
    job = ReportJob.objects.get()
    assert job.params == {"jaar": str(year.code), "periode": "2"}
    assert job.filename == f"kernteamrapport-{cast.school.slug}-{year.name}-2.pdf"


def test_an_unknown_year_is_refused_in_dutch(cast, login):
    client = login(cast.directie)
    response = client.post(start_url(cast.school), {"jaar": "a-year-of-elsewhere"})
    assert response.status_code == 422
    assert "Dat schooljaar staat niet bij deze school." in response.content.decode()
    htmx = client.post(start_url(cast.school), {"periode": "9"}, HTTP_HX_REQUEST="true")
    assert "Kies een periode uit de lijst." in htmx.content.decode()
    assert not ReportJob.objects.exists()


def test_a_second_click_while_it_is_made_follows_the_same_job(cast):
    pending = make_job(cast.directie, state=JobState.RUNNING, progress=30)
    again = background.start(
        kind=kernteam.KIND,
        user=cast.directie.user,
        school=cast.school,
        params={"jaar": "", "periode": ""},
    )
    assert again.pk == pending.pk and ReportJob.objects.count() == 1


def test_the_buttons_start_a_job_with_the_members_own_csrf_token(cast, login):
    """The home page keeps its ways-in in a fragment shared by members with the
    same roles; the button's form, with its token, is outside it."""
    second = make_member(cast.school, Role.DIRECTIE, full_name="Dana Directie")
    for membership in (cast.directie, second):
        client = Client(enforce_csrf_checks=True)
        client.force_login(membership.user)
        for page_url in (
            reverse("dashboard:home", args=[cast.school.slug]),
            reverse("dashboard:school", args=[cast.school.slug]),
        ):
            page = client.get(page_url).content.decode()
            form = page.split(f'action="{start_url(cast.school)}"')[1].split("</form>")[0]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
            response = client.post(start_url(cast.school), {"csrfmiddlewaretoken": token})
            assert response.status_code == 302, page_url
        assert ReportJob.objects.filter(user=membership.user, state=JobState.DONE).count() == 2


# Progress ------------------------------------------------------------------------


def test_the_progress_goes_from_the_sections_to_the_pages(cast, monkeypatch):
    seen = []
    real = background.JobContext.progress

    def recording(self, percent, step):
        real(self, percent, step)
        row = ReportJob.objects.get(pk=self.job.pk)
        seen.append((row.progress, row.step))

    monkeypatch.setattr(background.JobContext, "progress", recording)
    job = background.start(kind=kernteam.KIND, user=cast.ib.user, school=cast.school, params={})
    assert job.state == JobState.DONE and job.progress == 100 and job.step == "Klaar"
    steps = [step for _percent, step in seen]
    percents = [percent for percent, _step in seen]
    assert steps[0] == "Secties verzamelen"
    assert "Secties verzamelen (8 van 8)" in steps
    assert "PDF opmaken" in steps and "PDF opmaken: pagina 1" in steps
    assert steps.index("Secties verzamelen (8 van 8)") < steps.index("PDF opmaken: pagina 1")
    assert percents == sorted(percents) and percents[0] > 0 and percents[-1] <= 95


def test_a_job_being_made_shows_its_step_and_percentage_and_is_polled(cast, login):
    job = make_job(cast.directie, state=JobState.RUNNING, progress=55, step="PDF opmaken: pagina 4")
    client = login(cast.directie)
    page = client.get(job_url(job)).content.decode()
    assert "PDF opmaken: pagina 4" in page and "55%" in page
    assert '<progress class="report-progress" max="100" value="55"' in page
    # Without JavaScript the page refreshes itself.
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    fragment = client.get(job_url(job), HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-get="{job_url(job)}" hx-trigger="every 2s"' in fragment
    assert download_url(job) not in fragment
    # Asked for too early, the download leads to the status page.
    response = client.get(download_url(job))
    assert response.status_code == 302 and response["Location"] == job_url(job)


# Failures ------------------------------------------------------------------------


def test_a_report_past_its_page_limit_says_so_in_dutch(cast, login, settings):
    settings.REPORT_MAX_PAGES = 1
    client = login(cast.directie)
    client.post(start_url(cast.school))
    job = ReportJob.objects.get()
    assert job.state == JobState.FAILED and job.pdf is None
    page = client.get(job_url(job))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dit rapport wordt langer dan 1 pagina" in text
    assert f'action="{start_url(cast.school)}"' in text and "Opnieuw maken" in text
    assert client.get(download_url(job))["Location"] == job_url(job)


def test_an_unexpected_error_is_a_dutch_message_not_a_500(cast, login, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(kernteam, "report_pdf", broken)
    client = login(cast.directie)
    response = client.post(start_url(cast.school), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Het rapport kon door een fout niet worden gemaakt" in response.content.decode()
    assert ReportJob.objects.get().state == JobState.FAILED
    assert "WeasyPrint fell over" in caplog.text  # logged for the maintainers, not shown


def test_a_queue_that_cannot_be_reached_is_a_dutch_message_not_a_500(cast, login, monkeypatch):
    def unreachable(job_id):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(background, "run_job", unreachable)
    client = login(cast.directie)
    response = client.post(start_url(cast.school))
    job = ReportJob.objects.get()
    assert job.state == JobState.FAILED
    assert "kon niet worden klaargezet" in client.get(response["Location"]).content.decode()


def test_a_member_who_left_before_the_worker_ran_gets_no_report(cast):
    job = make_job(cast.directie)
    cast.directie.is_active = False
    cast.directie.save()
    background.execute(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.pdf is None
    assert job.error == "Je hebt geen toegang (meer) tot dit rapport."


def test_a_job_the_worker_never_finished_says_so(cast, login):
    job = make_job(cast.directie, created_at=timezone.now() - datetime.timedelta(hours=1))
    page = login(cast.directie).get(job_url(job)).content.decode()
    assert "niet op tijd klaargekomen" in page and "hx-trigger" not in page


def test_a_job_runs_once_even_if_the_queue_delivers_it_twice(cast, monkeypatch):
    job = make_job(cast.directie)
    background.execute(job.pk)
    monkeypatch.setattr(kernteam, "report_pdf", lambda **kw: pytest.fail("ran twice"))
    background.execute(job.pk)


# Expiry --------------------------------------------------------------------------


def test_an_expired_job_cannot_be_downloaded_and_is_purged(cast, login, settings):
    settings.REPORT_CACHE_SECONDS = 0
    assert keep_for() == datetime.timedelta(days=1)
    old = make_job(
        cast.directie,
        state=JobState.DONE,
        pdf=b"%PDF",
        filename="k.pdf",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    fresh = make_job(cast.directie, state=JobState.DONE, pdf=b"%PDF", filename="k.pdf")
    client = login(cast.directie)
    assert "niet meer te downloaden" in client.get(job_url(old)).content.decode()
    assert client.get(download_url(old))["Location"] == job_url(old)
    out = StringIO()
    call_command("purge_report_jobs", stdout=out)
    assert "Deleted 1 expired report job(s)." in out.getvalue()
    assert list(ReportJob.objects.all()) == [fresh]
    assert client.get(job_url(old)).status_code == 404


def test_a_job_is_kept_as_long_as_a_cached_report(settings):
    settings.REPORT_CACHE_SECONDS = 2 * 24 * 3600
    assert keep_for() == datetime.timedelta(days=2)
    settings.REPORT_CACHE_SECONDS = 60  # still an hour to download it
    assert keep_for() == datetime.timedelta(hours=1)


def test_progress_writes_do_not_make_the_schools_pages_stale():
    # The worker writes progress outside any request, which would otherwise
    # make every page of every school stale (welbevinden/core/pagecache.py).
    from welbevinden.core import pagecache

    assert pagecache._ignored_table(ReportJob._meta.db_table)
