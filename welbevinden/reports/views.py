"""The PDF reports (top floor): each gathers its data through the circles
selectors and hands a print template to the one report service.

Every view answers a plain GET with the PDF itself, so a form without
JavaScript downloads it. An htmx request gets the PDF made (and cached) while
the button shows that it is working, then an HX-Redirect to the same URL,
which the browser downloads from the cache.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from checklists import selectors as checklist_selectors
from circles import permissions, selectors
from circles.answers import read_back
from circles.climate import selectors as climate
from pyramid import selectors as pyramid_selectors
from welbevinden.access import SchoolAccess, school_view
from welbevinden.dashboard import sections as dashboard_sections
from welbevinden.reports import kernteam
from welbevinden.reports import teambespreking as teambespreking_report
from welbevinden.reports.forms import TeambesprekingForm
from welbevinden.reports.printing import base_context as _base_context
from welbevinden.reports.service import (
    ReportLimitExceeded,
    cache_key,
    pdf_response,
    report_pdf,
)
from welbevinden.schools.models import Group, Role

SCHOOL_CIRCLES = (4, 5)


def _read(rounds) -> list[dict]:
    return [
        {
            "round": r,
            "answers": read_back(r.handvat.content, r.answers, scope=r.scope, answered_only=True),
        }
        for r in rounds
    ]


def _deliver(request, *, key, template, context, filename, on_problem) -> HttpResponse:
    try:
        pdf = report_pdf(key=key, template=template, context=context)
    except ReportLimitExceeded as problem:
        return on_problem(problem.message)
    if request.htmx:
        response = HttpResponse(status=200)
        response["HX-Redirect"] = request.get_full_path()
        return response
    return pdf_response(pdf, filename=filename)


def _problem(request: HttpRequest, access: SchoolAccess, message: str) -> HttpResponse:
    """A report that could not be made: a message in place (htmx) or on a page."""
    if request.htmx:
        return render(request, "reports/_problem.html", {"message": message})
    return render(request, "reports/problem.html", {"message": message}, status=422)


# Teambespreking ---------------------------------------------------------------


@school_view(Role.IB, Role.LERAAR)
@require_GET
def teambespreking(request, access: SchoolAccess):
    """One or more groups over a period, for the teambespreking (``teambespreking.py``)."""
    for group in _requested_groups(access, request.GET.getlist("groepen")):
        # A leraar prints only the groups they teach, as on the pages.
        if not permissions.can_view_group_work(access, group):
            raise PermissionDenied
    allowed = selectors.groups_for_group_work(access.membership)
    today = timezone.localdate()
    form_args = {"groups": allowed, "group_word": access.school.group_word_plural}
    if "van" not in request.GET and "tot" not in request.GET:
        # The form, with the groups a link asked for already ticked.
        year = access.school.current_year()
        initial = {
            "van": year.starts_on if year else today,
            "tot": today,
            "groepen": request.GET.getlist("groepen"),
        }
        form = TeambesprekingForm(initial=initial, **form_args)
        return _form_page(request, access, form)
    form = TeambesprekingForm(request.GET, **form_args)
    if not form.is_valid():
        if request.htmx:
            return render(request, "reports/_problem.html", {"form": form})
        return _form_page(request, access, form, status=422)
    chosen = set(form.cleaned_data["groepen"])
    groups = [group for group in allowed if str(group.code) in chosen]
    start_day, end_day = form.cleaned_data["van"], form.cleaned_data["tot"]
    appendix = form.cleaned_data["bijlage"]

    def context() -> dict:
        return {
            **_base_context(access, _("Teambespreking"), today),
            **teambespreking_report.gather(
                school=access.school,
                groups=groups,
                start=start_day,
                end=end_day,
                today=today,
                appendix=appendix,
            ),
        }

    names = slugify(" ".join(group.name for group in groups))[:80]
    suffix = "-met-bijlage" if appendix else ""
    return _deliver(
        request,
        key=cache_key("teambespreking"),
        template="reports/teambespreking.html",
        context=context,
        filename=f"teambespreking-{names}-{today:%Y-%m-%d}{suffix}.pdf",
        on_problem=lambda message: _problem(request, access, message),
    )


def _requested_groups(access: SchoolAccess, codes: list[str]) -> list[Group]:
    """The groups asked for, all of this school, or 404 (in one query)."""
    try:
        wanted = {uuid.UUID(code) for code in codes}
    except ValueError:
        raise Http404 from None
    groups = list(Group.objects.filter(school=access.school, code__in=wanted))
    if len(groups) != len(wanted):
        raise Http404
    return groups


def _form_page(request, access, form, status=200):
    return render(
        request,
        "reports/teambespreking_form.html",
        {"form": form, "has_groups": bool(form.fields["groepen"].choices)},
        status=status,
    )


# Schoolwerk --------------------------------------------------------------------


@school_view(Role.KERNTEAM, Role.DIRECTIE)
@require_GET
def schoolwerk(request, access: SchoolAccess):
    """The school's own work: circles 4 and 5 with the pyramid, the checklists and the
    team agenda, circle 6's surroundings, and what the school has not begun."""
    today = timezone.localdate()
    rounds = selectors.school_rounds(access.school, SCHOOL_CIRCLES)
    surroundings, partners = selectors.surroundings(access.school)
    key = cache_key("schoolwerk")

    def context() -> dict:
        loaded = list(rounds)
        latest = selectors.latest_per_handvat(loaded)
        handvatten = selectors.school_handvatten(SCHOOL_CIRCLES)
        circles = []
        for number in SCHOOL_CIRCLES:
            in_circle = [h for h in handvatten if h.circle.number == number]
            circles.append(
                {
                    "circle": in_circle[0].circle if in_circle else None,
                    "number": number,
                    "rounds": _read(r for r in latest if r.handvat.circle.number == number),
                }
            )
        goals = checklist_selectors.goals(access.school)
        return {
            **_base_context(access, _("Schoolwerk"), today),
            "circles": circles,
            "pyramid": pyramid_selectors.picture(access.school),
            "checklists": checklist_selectors.outcomes(access.school),
            "open_goals": [g for g in goals if g.evaluated_on is None],
            "evaluated": [g for g in goals if g.evaluated_on is not None],
            "agenda": checklist_selectors.agenda_of(access.school),
            "today": today,
            "not_started": selectors.not_started(access.membership, handvatten, loaded),
            "surroundings": surroundings,
            "partners": partners,
        }

    return _deliver(
        request,
        key=key,
        template="reports/schoolwerk.html",
        context=context,
        filename=f"schoolwerk-{access.school.slug}-{today:%Y-%m-%d}.pdf",
        on_problem=lambda message: _problem(request, access, message),
    )


# Kernteamrapport ---------------------------------------------------------------


@school_view(*dashboard_sections.REPORT_ROLES)
@require_GET
def kernteamrapport(request, access: SchoolAccess):
    """The school dashboard as a document for the team meeting: a summary page up
    front (went well, needs attention, decisions), then a page per section. It
    shows what the one who prints it may see on the dashboard, nothing more.

    Made here, in the request, for a link or a script; the buttons on the pages
    make it in the background (``kernteam.py``, ``job_views.py``)."""
    dashboard = kernteam.dashboard_of(access, request.GET)
    if dashboard is None:
        return _problem(request, access, kernteam.no_year_message())
    today = timezone.localdate()
    return _deliver(
        request,
        key=kernteam.key(access),
        template=kernteam.TEMPLATE,
        context=lambda: kernteam.context(access, dashboard, today),
        filename=kernteam.filename(access, dashboard),
        on_problem=lambda message: _problem(request, access, message),
    )


# Klimaatoverzicht --------------------------------------------------------------


@school_view(Role.IB)
@require_GET
def klimaatoverzicht(request, access: SchoolAccess):
    """Every group's latest shared climate, for the groepsbespreking (the IB overview)."""
    today = timezone.localdate()
    rows = climate.overview(access.school, today)
    key = cache_key("klimaatoverzicht")

    def context() -> dict:
        return {
            **_base_context(access, _("Klimaatoverzicht"), today),
            "rows": rows,
            "fell": [r for r in rows if r.fell],
            "negative": [r for r in rows if r.negative],
            "stale": [r for r in rows if r.stale],
            "print": True,
        }

    return _deliver(
        request,
        key=key,
        template="reports/klimaatoverzicht.html",
        context=context,
        filename=f"klimaatoverzicht-{access.school.slug}-{today:%Y-%m-%d}.pdf",
        on_problem=lambda message: _problem(request, access, message),
    )


# Klassenafspraken poster ---------------------------------------------------------

POSTER_SIZES = ("a4", "a3")


@school_view()
@require_GET
def klassenafspraken(request, access: SchoolAccess, group_code, size: str):
    """A group's klassenafspraken as a poster for the classroom, A4 or A3.

    For the group's teachers and the IB'ers (group work); another school's
    group is 404 before any role is looked at.
    """
    group = access.get(Group, group_code)
    if not permissions.can_view_group_work(access, group):
        raise PermissionDenied
    if size not in POSTER_SIZES:
        raise Http404
    agreements = climate.agreements_of(group)
    if agreements is None:
        return _problem(
            request, access, _("Deze groep heeft nog geen klassenafspraken om af te drukken.")
        )
    today = timezone.localdate()
    key = cache_key("klassenafspraken")

    def context() -> dict:
        return {
            **_base_context(access, _("Klassenafspraken"), today),
            "group": group,
            "agreements": agreements,
            "size": size,
        }

    return _deliver(
        request,
        key=key,
        template="reports/klassenafspraken.html",
        context=context,
        filename=f"klassenafspraken-{slugify(group.name)}-{size}.pdf",
        on_problem=lambda message: _problem(request, access, message),
    )


# Mijn reflectie ----------------------------------------------------------------


@school_view()
@require_GET
def mijn_reflectie(request, access: SchoolAccess):
    """A member's own personal handvatten; the selector reads only their own rounds."""
    today = timezone.localdate()
    rounds = selectors.personal_rounds(access.membership)
    key = cache_key("mijn-reflectie")

    def context() -> dict:
        handvatten: dict[int, dict] = {}
        for item in _read(rounds):
            handvat = item["round"].handvat
            handvatten.setdefault(handvat.pk, {"handvat": handvat, "rounds": []})
            handvatten[handvat.pk]["rounds"].append(item)
        return {
            **_base_context(access, _("Mijn reflectie"), today),
            "handvatten": list(handvatten.values()),
        }

    name = slugify(access.user.full_name)[:40]
    return _deliver(
        request,
        key=key,
        template="reports/mijn_reflectie.html",
        context=context,
        filename=f"mijn-reflectie-{name}-{today:%Y-%m-%d}.pdf",
        on_problem=lambda message: _problem(request, access, message),
    )
