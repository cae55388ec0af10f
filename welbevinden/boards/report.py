"""The Bestuursrapport: the board's page as a document for the board's meeting.

Its button makes it in the background (``welbevinden/reports/background.py``):
for a board of dozens of schools the figures and their pages take seconds,
and the person who clicks sees them being gathered and laid out. The plain
URL (``views.report``) still answers with the PDF, made in the request within
the report limits. Both go through the functions here.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from circles import content
from welbevinden.boards.overview import BoardOverview, overview, years_of
from welbevinden.reports import background
from welbevinden.reports.service import cache_key, report_pdf
from welbevinden.schools.models import Board, BoardMembership

TEMPLATE = "boards/report.html"


def scope_of(board: Board) -> str:
    return f"board:{board.pk}"


def context(board: Board, user, found: BoardOverview, today: datetime.date) -> dict:
    return {
        # The print design's header names the "school": here the board.
        "school": board,
        "report_title": _("Bestuursrapport"),
        "made_on": today,
        "made_by": user.full_name,
        "source": content.source(),
        "overview": found,
        "print": True,
    }


def key(board: Board, found: BoardOverview) -> str:
    return cache_key("bestuursrapport", scope=(board.pk, found.start_year))


def filename(board: Board, found: BoardOverview, today: datetime.date) -> str:
    return f"bestuursrapport-{board.slug}-{found.year_name}-{today}.pdf"


# Made in the background ------------------------------------------------------------

FIGURES_DONE = 40


def build(job: background.JobContext) -> background.Built:
    """The asker's board as it is now (a membership ended between the click and the
    run gives no report), for the school year the job names."""
    kind, _colon, pk = job.job.scope.partition(":")
    membership = (
        BoardMembership.objects.select_related("board")
        .filter(
            user_id=job.job.user_id,
            user__is_active=True,
            board_id=pk if kind == "board" else None,
            is_active=True,
        )
        .first()
    )
    if membership is None:
        raise background.JobFailed(_("Je hebt geen toegang (meer) tot dit rapport."))
    board = membership.board
    job.progress(2, _("Cijfers van de scholen verzamelen"))
    years, _current = years_of(board)
    try:
        start_year = int(job.params.get("jaar", ""))
    except ValueError:
        start_year = None
    if start_year not in years:
        raise background.JobFailed(_("Kies een schooljaar van dit bestuur."))
    today = timezone.localdate()
    found = overview(board, start_year, years, today)
    # A cover, then about a page per two sections and the table.
    expected = 2 + max(1, len(found.rows) // 12)
    job.progress(FIGURES_DONE, _("PDF opmaken"))

    def page_done(page: int) -> None:
        job.progress(
            FIGURES_DONE + (95 - FIGURES_DONE) * min(page, expected) // expected,
            _("PDF opmaken: pagina %(page)s") % {"page": page},
        )

    pdf = report_pdf(
        key=key(board, found),
        template=TEMPLATE,
        context=lambda: context(board, job.user, found, today),
        on_page=page_done,
    )
    return background.Built(pdf=pdf, filename=filename(board, found, today))


def _start_url(job) -> str:
    board = Board.objects.get(pk=job.scope.partition(":")[2])
    return reverse("boards:report_start", args=[board.slug])


KIND = background.register(
    background.Kind(
        name="bestuursrapport",
        title=gettext_lazy("Bestuursrapport"),
        build=build,
        start_url=_start_url,
    )
)
