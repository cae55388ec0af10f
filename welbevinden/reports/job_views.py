"""Reports made in the background: start one, follow it, download it.

Starting is a POST (it makes a job); the answer is the job's status, as a
fragment for htmx (which polls it every two seconds until it is done) or, without
JavaScript, a redirect to the status page, which refreshes itself. A job is
its asker's alone: another member's job is 404, as if it did not exist, and the
asker needs the report's roles still (403 once a role is taken away).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from welbevinden.access import SchoolAccess, school_view
from welbevinden.dashboard import sections as dashboard_sections
from welbevinden.dashboard.forms import SpanForm
from welbevinden.reports import background, kernteam
from welbevinden.reports.models import ReportJob
from welbevinden.reports.service import pdf_response
from welbevinden.schools.models import SchoolYear

# Generic: any scope's views hand a job they looked up to these -------------------


def status_context(job: ReportJob, *, status_url: str, download_url: str) -> dict:
    kind = background.kind_of(job)
    if job.is_done:
        message = ""
    elif job.is_expired:
        message = _(
            "Dit rapport is niet meer te downloaden; het wordt een dag bewaard. Maak het opnieuw."
        )
    elif job.is_stuck:
        message = _(
            "Het rapport is niet op tijd klaargekomen. Probeer het opnieuw; lukt het dan nog "
            "niet, meld het dan bij de beheerder."
        )
    else:
        message = job.error
    return {
        "job": job,
        "title": kind.title if kind else _("Rapport"),
        "message": message,
        "status_url": status_url,
        "download_url": download_url,
        "restart_url": kind.start_url(job) if kind and kind.start_url else "",
    }


def status_fragment(request: HttpRequest, job: ReportJob, **urls) -> HttpResponse:
    return render(request, "reports/_job.html", status_context(job, **urls))


def status_page(
    request: HttpRequest, job: ReportJob, *, back_url: str = "", back_label: str = "", **urls
) -> HttpResponse:
    context = {**status_context(job, **urls), "back_url": back_url, "back_label": back_label}
    return render(request, "reports/job.html", {**context, "on_page": True})


def download(request: HttpRequest, job: ReportJob, *, status_url: str) -> HttpResponse:
    """The PDF once the job is done; until then (or after) its status page."""
    if not job.is_done:
        return redirect(status_url)
    pdf = ReportJob.objects.filter(pk=job.pk).values_list("pdf", flat=True).get()
    return pdf_response(bytes(pdf), filename=job.filename)


# A school's jobs ------------------------------------------------------------------


def _school_job(access: SchoolAccess, code) -> ReportJob:
    """The asker's own job in this school (another's is 404), if they still hold its roles."""
    job = access.get(
        ReportJob, code, queryset=ReportJob.objects.filter(user=access.user).defer("pdf")
    )
    kind = background.kind_of(job)
    if kind is None:
        raise Http404
    if kind.roles and not access.has_role(*kind.roles):
        raise PermissionDenied
    return job


def _urls(access: SchoolAccess, job: ReportJob) -> dict:
    args = [access.school.slug, job.code]
    return {
        "status_url": reverse("reports:job", args=args),
        "download_url": reverse("reports:job_download", args=args),
    }


@school_view()
@require_GET
def job(request, access: SchoolAccess, code):
    job = _school_job(access, code)
    if request.htmx:
        return status_fragment(request, job, **_urls(access, job))
    return status_page(
        request,
        job,
        back_url=reverse("dashboard:school", args=[access.school.slug]),
        back_label=_("Naar het schooldashboard"),
        **_urls(access, job),
    )


@school_view()
@require_GET
def job_download(request, access: SchoolAccess, code):
    job = _school_job(access, code)
    return download(request, job, status_url=_urls(access, job)["status_url"])


def _started(request, access: SchoolAccess, job: ReportJob) -> HttpResponse:
    if request.htmx:
        return status_fragment(request, job, **_urls(access, job))
    return redirect("reports:job", access.school.slug, job.code)


def _refused(request, message: str = "", form=None) -> HttpResponse:
    context = {"message": message, "form": form}
    if request.htmx:
        return render(request, "reports/_problem.html", context)
    return render(request, "reports/problem.html", context, status=422)


@school_view(*dashboard_sections.REPORT_ROLES)
@require_POST
def kernteamrapport_start(request, access: SchoolAccess):
    """The Kernteamrapport of the year and period asked for, made in the background."""
    years = list(SchoolYear.objects.filter(school=access.school).order_by("-start_year"))
    if not years:
        return _refused(request, kernteam.no_year_message())
    form = SpanForm(request.POST, years=years)
    if not form.is_valid():
        return _refused(request, form=form)
    year = form.years[form.cleaned_data["jaar"]]
    period = form.cleaned_data["periode"]
    started = background.start(
        kind=kernteam.KIND,
        user=request.user,
        school=access.school,
        params={"jaar": str(year.code), "periode": str(period) if period else ""},
    )
    return _started(request, access, started)
