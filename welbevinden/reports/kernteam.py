"""The Kernteamrapport: the school dashboard as a document for the team meeting.

Its buttons make it in the background (``background.py``): a large school's
takes about a second of WeasyPrint and more with every year of data, and the
person who clicks sees the sections being gathered and the pages laid out
instead of a button that hangs. The plain URL (``views.kernteamrapport``)
still answers with the PDF, made in the request within the report limits, for
links and scripts. Both go through the functions here.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from welbevinden.access import SchoolAccess
from welbevinden.dashboard import sections
from welbevinden.dashboard.forms import dashboard_for
from welbevinden.reports import background
from welbevinden.reports.printing import base_context
from welbevinden.reports.service import cache_key, report_pdf

TEMPLATE = "reports/kernteamrapport.html"


def no_year_message() -> str:
    return _("Deze school heeft nog geen schooljaar om een rapport over te maken.")


def dashboard_of(access: SchoolAccess, params, progress=None) -> sections.SchoolDashboard | None:
    """The dashboard as the one who prints it may see it, for the span asked for."""
    _form, dashboard = dashboard_for(access, params, fragments=sections.PRINT, progress=progress)
    return dashboard


def key(access: SchoolAccess) -> str:
    return cache_key("kernteamrapport", scope=(access.school.pk,))


def context(access: SchoolAccess, dashboard, today: datetime.date) -> dict:
    return {
        **base_context(access, _("Kernteamrapport"), today),
        "dashboard": dashboard,
        "print": True,
    }


def filename(access: SchoolAccess, dashboard) -> str:
    period = f"-{dashboard.span.period.number}" if dashboard.span.period else ""
    return f"kernteamrapport-{access.school.slug}-{dashboard.span.year.name}{period}.pdf"


# Made in the background ------------------------------------------------------------

# Of the progress bar: gathering the sections up to here, laying out the pages after.
SECTIONS_DONE = 40


def build(job: background.JobContext) -> background.Built:
    access = job.school_access()
    job.progress(2, _("Secties verzamelen"))

    def section_done(done: int, total: int) -> None:
        job.progress(
            2 + (SECTIONS_DONE - 2) * done // total,
            _("Secties verzamelen (%(done)s van %(total)s)") % {"done": done, "total": total},
        )

    dashboard = dashboard_of(access, job.params, progress=section_done)
    if dashboard is None:
        raise background.JobFailed(no_year_message())
    # A cover, the summary, then about a page per section.
    expected = len(dashboard.sections) + 2
    job.progress(SECTIONS_DONE, _("PDF opmaken"))

    def page_done(page: int) -> None:
        job.progress(
            SECTIONS_DONE + (95 - SECTIONS_DONE) * min(page, expected) // expected,
            _("PDF opmaken: pagina %(page)s") % {"page": page},
        )

    today = timezone.localdate()
    pdf = report_pdf(
        key=key(access),
        template=TEMPLATE,
        context=lambda: context(access, dashboard, today),
        on_page=page_done,
    )
    return background.Built(pdf=pdf, filename=filename(access, dashboard))


def _start_url(job) -> str:
    return reverse("reports:kernteamrapport_start", args=[job.school.slug])


KIND = background.register(
    background.Kind(
        name="kernteamrapport",
        title=gettext_lazy("Kernteamrapport"),
        build=build,
        roles=sections.REPORT_ROLES,
        start_url=_start_url,
    )
)
