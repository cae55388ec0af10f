"""The printouts of a sociogram: code slips, the paper questionnaire, the class report.

Through the one report service, but never into its cache: they hold pupils'
codes and choices, which must not outlive closing the afname or the purge.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from circles import content as circles_content
from sociogram import content, permissions, questions, selectors, services
from sociogram.models import Flag, Seen
from sociogram.views import detail_url, results_context
from welbevinden.access import SchoolAccess, school_view
from welbevinden.reports.service import pdf_response, render_pdf


def _print(request, access, *, template: str, context: dict, filename: str, what: str, group):
    """Through the one report service, but never into its cache: these hold pupils'
    codes and choices, which must not outlive closing the afname or the purge."""
    services.log_access(access=access, group=group, what=what)
    html = render_to_string(
        template,
        {
            "school": access.school,
            "made_on": timezone.localdate(),
            "source": circles_content.source(),
            "made_by": access.user.full_name,
            **context,
        },
        request=request,
    )
    return pdf_response(render_pdf(html=html), filename=filename)


@school_view()
@require_GET
def slips(request, access: SchoolAccess, code):
    """One slip per pupil who has not answered yet: the code and a QR code to the pupil page."""
    import segno

    sociogram = permissions.get_sociogram(access, code)
    if not sociogram.is_open:
        messages.error(request, _("Open eerst de afname; pas dan krijgen de leerlingen een code."))
        return redirect(detail_url(sociogram, access))
    pupil_url = request.build_absolute_uri(reverse("sociogram:pupil_start"))
    slips = []
    for respondent in selectors.respondents_of(sociogram):
        if respondent.answered_at or not respondent.answer_code:
            continue
        qr = segno.make(f"{pupil_url}?code={respondent.answer_code}", error="m")
        slips.append({"respondent": respondent, "qr": qr.svg_inline(scale=3, border=1)})
    return _print(
        request,
        access,
        template="sociogram/print_slips.html",
        context={
            "slips": slips,
            "pupil_url": pupil_url,
            "group": sociogram.group,
            "report_title": _("Codes voor het sociogram"),
        },
        filename=f"sociogram-codes-{sociogram.group.name}.pdf",
        what=Seen.SLIPS,
        group=sociogram.group,
    )


@school_view()
@require_GET
def questionnaire(request, access: SchoolAccess, code):
    """The paper questionnaire: a page per pupil with the classmates' numbered names."""
    sociogram = permissions.get_sociogram(access, code)
    respondents = selectors.respondents_of(sociogram)
    numbered = list(enumerate(respondents, start=1))
    return _print(
        request,
        access,
        template="sociogram/print_questionnaire.html",
        context={
            "sociogram": sociogram,
            "group": sociogram.group,
            "numbered": numbered,
            "reworded": any(questions.is_reworded(x) for x in sociogram.asked),
            "report_title": _("Vragenlijst sociogram"),
        },
        filename=f"sociogram-vragenlijst-{sociogram.group.name}.pdf",
        what=Seen.QUESTIONNAIRE,
        group=sociogram.group,
    )


@school_view()
@require_GET
def report(request, access: SchoolAccess, code):
    """The class report for teacher and IB'er: pictures, table, flags, reflection."""
    sociogram = permissions.get_sociogram(access, code)
    respondents = selectors.respondents_of(sociogram)
    nominations = selectors.nominations_of(sociogram)
    if not any(r.answered_at for r in respondents) or sociogram.purged_at:
        messages.error(request, _("Er zijn nog geen antwoorden om af te drukken."))
        return redirect(detail_url(sociogram, access))
    context = results_context(sociogram, respondents, nominations, request)
    notes = selectors.notes_of(sociogram.group)
    for row in context["rows"]:
        note = notes.get(row["respondent"].pupil_id)
        row["flags"] = [Flag(f).label for f in note.flags if f in Flag.values] if note else []
        row["note"] = note.note if note else ""
    seating_plan = sociogram.seating_plans.first()
    if seating_plan is not None:
        from sociogram.seating_views import seating_grid

        context["seating_plan"] = seating_plan
        context["seating_grid"] = seating_grid(
            sociogram, seating_plan, respondents, notes, context["result"]
        )
    return _print(
        request,
        access,
        template="sociogram/print_report.html",
        context={
            **context,
            "sociogram": sociogram,
            "group": sociogram.group,
            "labels": content.reflection_labels(),
            "stap2": content.step("stap-2"),
            "report_title": _("Sociogram %(group)s") % {"group": sociogram.group.name},
            "made_by": access.user.full_name,
        },
        filename=f"sociogram-{sociogram.group.name}.pdf",
        what=Seen.REPORT,
        group=sociogram.group,
    )
