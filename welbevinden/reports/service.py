"""The one report service: HTML from a print template becomes a PDF.

No other module imports WeasyPrint. A report view gathers its data through
selectors, names its cache key, and calls ``report_pdf``; this module renders
the print template, turns it into a PDF with the static-only URL fetcher and
within the limits, and keeps the result in the report cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.logger import PROGRESS_LOGGER

from welbevinden.downloads import attachment
from welbevinden.reports.fetcher import BASE_URL, StaticOnlyFetcher

CACHE_ALIAS = "reports"
# The files a report's look comes from. Their fingerprint is part of every
# cache key, so after a deploy that changes the design no cached PDF of the
# old design is served.
DESIGN_FILES = (
    "templates/reports",
    "templates/circles/_answer.html",
    "templates/circles/_radar.html",
    "templates/climate/_entry.html",
    "templates/climate/_overview_table.html",
    "templates/climate/_timeline_chart.html",
    "templates/climate/_course.html",
    "templates/pyramid/print.html",
    "templates/pyramid/_svg.html",
    "templates/pyramid/_diagnosis.html",
    "templates/dashboard",
    "static/reports",
    "static/fonts",
)


class ReportLimitExceeded(Exception):
    """A report passed its page or time limit; ``message`` says so in Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class _Budget:
    deadline: float
    max_pages: int
    max_seconds: int
    on_page: Callable[[int], None] | None = None


_current = threading.local()


class _LimitWatch(logging.Filter):
    """Stops a rendering that passes its limits, between two pages.

    WeasyPrint announces every page it lays out on its progress logger; this
    filter sees those announcements and raises inside the layout, so a report
    that grows too long or too slow stops there instead of tying up a worker.
    The budget is per thread, so parallel renderings do not mix.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        budget: _Budget | None = getattr(_current, "budget", None)
        if budget is not None:
            if time.monotonic() > budget.deadline:
                raise ReportLimitExceeded(_time_message(budget.max_seconds))
            if "Creating layout - Page" in str(record.msg) and record.args:
                if record.args[0] > budget.max_pages:
                    raise ReportLimitExceeded(_pages_message(budget.max_pages))
                if budget.on_page is not None:
                    # A report made in the background shows how far the layout is.
                    budget.on_page(record.args[0])
        return False  # progress messages are not logged


PROGRESS_LOGGER.setLevel(logging.INFO)
PROGRESS_LOGGER.propagate = False
PROGRESS_LOGGER.addFilter(_LimitWatch())


def _pages_message(pages: int) -> str:
    return _(
        "Dit rapport wordt langer dan %(pages)s pagina's. Kies minder groepen of een "
        "kortere periode en probeer het opnieuw."
    ) % {"pages": pages}


def _time_message(seconds: int) -> str:
    return _(
        "Het maken van dit rapport duurde langer dan %(seconds)s seconden en is gestopt. "
        "Kies minder groepen of een kortere periode en probeer het opnieuw."
    ) % {"seconds": seconds}


def render_pdf(
    *,
    html: str,
    max_pages: int | None = None,
    max_seconds: int | None = None,
    fetcher: StaticOnlyFetcher | None = None,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """HTML to PDF with the static-only fetcher; ReportLimitExceeded past a limit.

    ``on_page(number)`` is called as the layout reaches each page.
    """
    max_pages = max_pages or settings.REPORT_MAX_PAGES
    max_seconds = max_seconds or settings.REPORT_MAX_SECONDS
    fetcher = fetcher or StaticOnlyFetcher()
    _current.budget = _Budget(time.monotonic() + max_seconds, max_pages, max_seconds, on_page)
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
        if len(document.pages) > max_pages:
            raise ReportLimitExceeded(_pages_message(max_pages))
        return document.write_pdf()
    finally:
        _current.budget = None


@functools.cache
def design_fingerprint() -> str:
    """A hash of every print template, fragment, style sheet and font."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for name in DESIGN_FILES:
        path = base / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        files = [file for file in files if file.is_file()]
        for file in files:
            digest.update(str(file.relative_to(base)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(report: str, scope: Iterable = (), data_stamp: Iterable = ()) -> str:
    """A name for a report's entries in the cache: the report, whom and what it covers.

    Only a name: ``report_pdf`` adds a hash of the HTML the PDF is made from,
    so whatever the scope and stamp hold (or leave out), a PDF is never stale
    and never someone else's.
    """
    raw = repr((report, tuple(scope), tuple(data_stamp)))
    return f"report:{report}:{hashlib.sha256(raw.encode()).hexdigest()[:16]}"


def report_pdf(
    *,
    key: str,
    template: str,
    context: Callable[[], dict] | dict,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF of a report: from the cache, or rendered (and then cached).

    The cache is keyed on the HTML the PDF is made from and the design's
    fingerprint (the style sheets and fonts it loads), which together are all
    that a PDF shows. A key built from stamps of the data had to name every
    object and field the template reads, and missed some: the maker's name
    (one person got another's copy), the team agenda's goal texts and
    evaluations (a stale PDF after an edit). Rendering the HTML costs a few
    milliseconds and its queries; WeasyPrint, which the cache saves, costs
    hundreds.
    """
    html = render_to_string(template, context() if callable(context) else context)
    digest = hashlib.sha256(f"{design_fingerprint()}\n{html}".encode()).hexdigest()
    full_key = f"{key}:{digest}"
    cache = caches[CACHE_ALIAS]
    pdf = cache.get(full_key)
    if pdf is None:
        pdf = render_pdf(html=html, on_page=on_page)
        cache.set(full_key, pdf, settings.REPORT_CACHE_SECONDS)
    return pdf


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    response = attachment(HttpResponse(pdf, content_type="application/pdf"), filename)
    # Reports hold a school's own work: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
