"""The board's page and its PDF: the schools' aggregates side by side."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from circles import content
from welbevinden.boards.access import BoardAccess, board_view
from welbevinden.boards.overview import overview, years_of
from welbevinden.reports.service import ReportLimitExceeded, cache_key, pdf_response, report_pdf


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


@board_view
@require_GET
def report(request, access: BoardAccess):
    """The board's view as a PDF, for the board's meeting."""
    form, found = _overview(request, access)
    if found is None or (not form.is_valid() and request.GET.get("jaar")):
        return render(
            request,
            "boards/problem.html",
            {
                "board_access": access,
                "message": _("Kies een schooljaar van dit bestuur.")
                if found
                else _("De scholen van dit bestuur hebben nog geen schooljaar."),
            },
            status=422,
        )
    today = timezone.localdate()
    context = {
        # The print design's header names the "school": here the board.
        "school": access.board,
        "report_title": _("Bestuursrapport"),
        "made_on": today,
        "made_by": access.user.full_name,
        "source": content.source(),
        "overview": found,
        "print": True,
    }
    try:
        pdf = report_pdf(
            key=cache_key("bestuursrapport", scope=(access.board.pk, found.start_year)),
            template="boards/report.html",
            context=context,
        )
    except ReportLimitExceeded as problem:
        return render(
            request,
            "boards/problem.html",
            {"board_access": access, "message": problem.message},
            status=422,
        )
    return pdf_response(
        pdf, filename=f"bestuursrapport-{access.board.slug}-{found.year_name}-{today}.pdf"
    )
