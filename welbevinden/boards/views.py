"""The board's page and its PDF: the schools' aggregates side by side."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from welbevinden.boards import report as bestuursrapport
from welbevinden.boards.access import BoardAccess, board_view
from welbevinden.boards.overview import overview, years_of
from welbevinden.reports import background, job_views
from welbevinden.reports.models import ReportJob
from welbevinden.reports.service import ReportLimitExceeded, pdf_response, report_pdf


class YearForm(forms.Form):
    jaar = forms.TypedChoiceField(
        label=gettext_lazy("Schooljaar"),
        coerce=int,
        error_messages={
            "invalid_choice": gettext_lazy("Dat schooljaar staat niet bij dit bestuur.")
        },
    )

    def __init__(self, data, *, years: list[int], current: int | None):
        self.current = current
        super().__init__({"jaar": data.get("jaar") or (str(current) if current else "")})
        self.fields["jaar"].choices = [(str(y), f"{y}-{y + 1}") for y in years]
        self.fields["jaar"].widget.attrs["class"] = "form-select"

    def start_year(self) -> int | None:
        """The year asked for; on bad input the current one (the errors say why)."""
        return self.cleaned_data["jaar"] if self.is_valid() else self.current


def _overview(request, access: BoardAccess):
    years, current = years_of(access.board)
    form = YearForm(request.GET, years=years, current=current)
    start_year = form.start_year()
    found = overview(access.board, start_year, years, timezone.localdate()) if start_year else None
    return form, found


@board_view
@require_GET
def board(request, access: BoardAccess):
    """The board's schools side by side: climate, pyramid, checklists, sociograms."""
    form, found = _overview(request, access)
    status = 200 if form.is_valid() or not request.GET.get("jaar") else 422
    return render(
        request,
        "boards/board.html",
        {"board_access": access, "form": form, "overview": found},
        status=status,
    )


def _problem(request, access: BoardAccess, message: str) -> HttpResponse:
    if request.htmx:
        return render(request, "reports/_problem.html", {"message": message})
    return render(
        request, "boards/problem.html", {"board_access": access, "message": message}, status=422
    )


def _no_report_message(found) -> str:
    if found:
        return _("Kies een schooljaar van dit bestuur.")
    return _("De scholen van dit bestuur hebben nog geen schooljaar.")


@board_view
@require_GET
def report(request, access: BoardAccess):
    """The board's view as a PDF, made in the request (links and scripts; the page's
    button makes it in the background, ``report_start``)."""
    form, found = _overview(request, access)
    if found is None or (not form.is_valid() and request.GET.get("jaar")):
        return _problem(request, access, _no_report_message(found))
    today = timezone.localdate()
    try:
        pdf = report_pdf(
            key=bestuursrapport.key(access.board, found),
            template=bestuursrapport.TEMPLATE,
            context=lambda: bestuursrapport.context(access.board, access.user, found, today),
        )
    except ReportLimitExceeded as problem:
        return _problem(request, access, problem.message)
    return pdf_response(pdf, filename=bestuursrapport.filename(access.board, found, today))


# Made in the background ---------------------------------------------------------------


def _job_of(access: BoardAccess, code) -> ReportJob:
    """The asker's own job for this board; anyone else's is 404."""
    job = (
        ReportJob.objects.filter(
            user=access.user, scope=bestuursrapport.scope_of(access.board), code=code
        )
        .defer("pdf")
        .first()
    )
    if job is None:
        raise Http404
    return job


def _urls(access: BoardAccess, job: ReportJob) -> dict:
    args = [access.board.slug, job.code]
    return {
        "status_url": reverse("boards:job", args=args),
        "download_url": reverse("boards:job_download", args=args),
    }


@board_view
@require_POST
def report_start(request, access: BoardAccess):
    """The Bestuursrapport of the year asked for, made in the background."""
    years, current = years_of(access.board)
    form = YearForm(request.POST, years=years, current=current)
    if not years or not form.is_valid():
        return _problem(request, access, _no_report_message(bool(years)))
    job = background.start(
        kind=bestuursrapport.KIND,
        user=request.user,
        scope=bestuursrapport.scope_of(access.board),
        params={"jaar": str(form.cleaned_data["jaar"])},
    )
    if request.htmx:
        return job_views.status_fragment(request, job, **_urls(access, job))
    return redirect("boards:job", access.board.slug, job.code)


@board_view
@require_GET
def job(request, access: BoardAccess, code):
    job = _job_of(access, code)
    if request.htmx:
        return job_views.status_fragment(request, job, **_urls(access, job))
    return job_views.status_page(
        request,
        job,
        back_url=reverse("boards:board", args=[access.board.slug]),
        back_label=_("Naar het bestuur"),
        **_urls(access, job),
    )


@board_view
@require_GET
def job_download(request, access: BoardAccess, code):
    job = _job_of(access, code)
    return job_views.download(request, job, status_url=_urls(access, job)["status_url"])
