"""Check-in at the start of a meeting: started by a member, answered on phones, projected.

The projected page shows only the number of answers while the check-in is
open, and the aggregate once it is closed, from MIN_GROUP_SIZE answers
(checklists/checkin.py).
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from checklists import qr, selectors, services
from checklists.checkin import prompt_options, result
from checklists.forms import CheckInAnswerForm, StartCheckInForm
from checklists.models import CheckIn, CheckInParticipant
from checklists.views.common import EDITORS
from circles import editions
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once


def prompt_text(prompt: str) -> str:
    """The handreiking's own words for the prompt (the check-in handvat's options)."""
    handvat = editions.current().handvatten.get("check-in")
    if handvat is not None:
        for step in handvat.content.get("steps", []):
            for question in step.get("questions", []):
                for option in question.get("options", []):
                    if option.get("key") == prompt:
                        return option["label"]
    return ""


def _handvat_content() -> dict:
    """The check-in handvat's intro (its five prompts and the stress werkvorm) and links."""
    handvat = editions.current().handvatten.get("check-in")
    content = handvat.content if handvat is not None else {}
    return {"intro": content.get("intro", []), "links": content.get("links", [])}


def _page_context(access: SchoolAccess, form: StartCheckInForm) -> dict:
    trend = selectors.check_in_trend(access.school)
    return {
        "form": form,
        "trend": trend,
        "trend_chart": selectors.trend_chart(trend),
        "minimum": settings.MIN_GROUP_SIZE,
        "handvat": _handvat_content(),
    }


@school_view()
@require_GET
def check_ins(request, access: SchoolAccess):
    context = _page_context(access, StartCheckInForm())
    return render(request, "checklists/check_ins.html", context)


@school_view()
@require_POST
@create_once
def start(request, access: SchoolAccess):
    form = StartCheckInForm(request.POST)
    if not form.is_valid():
        context = _page_context(access, form)
        return render(request, "checklists/check_ins.html", context, status=400)
    check_in = services.start_check_in(
        school=access.school,
        meeting=form.cleaned_data["meeting"],
        prompt=form.cleaned_data["prompt"],
        user=request.user,
    )
    return redirect("checklists:projected", access.school.slug, check_in.code)


def _live_context(request, check_in: CheckIn) -> dict:
    return {
        "check_in": check_in,
        "result": result(
            check_in.prompt,
            selectors.tallies(check_in),
            settings.MIN_GROUP_SIZE,
            closed=check_in.closed_at is not None,
        ),
        "minimum": settings.MIN_GROUP_SIZE,
    }


@school_view()
@require_GET
def projected(request, access: SchoolAccess, code):
    check_in = access.get(CheckIn, code)
    answer_url = request.build_absolute_uri(
        reverse("checklists:answer", args=[access.school.slug, check_in.short])
    )
    context = {
        **_live_context(request, check_in),
        "question": prompt_text(check_in.prompt),
        "answer_url": answer_url,
        "qr_svg": qr.svg(answer_url),
    }
    return render(request, "checklists/projected.html", context)


@school_view()
@require_GET
def live(request, access: SchoolAccess, code):
    check_in = access.get(CheckIn, code)
    # htmx stops polling on 286: once closed, the result is final.
    status = 286 if check_in.closed_at is not None else 200
    return render(
        request, "checklists/_check_in_result.html", _live_context(request, check_in), status=status
    )


@school_view()
@require_POST
def close(request, access: SchoolAccess, code):
    check_in = access.get(CheckIn, code)
    # Whoever started it closes it, or the kernteam.
    if check_in.started_by_id != request.user.pk:
        access.require_role(*EDITORS)
    services.close_check_in(check_in=check_in)
    messages.success(request, _("De check-in is gesloten. Hieronder staat de uitslag."))
    # Back to the projected page: the meeting sees the result come up there.
    return redirect("checklists:projected", access.school.slug, check_in.code)


@school_view()
@require_http_methods(["GET", "POST"])
def answer(request, access: SchoolAccess, short: str):
    """A colleague's phone: the short link or the QR code lands here."""
    try:
        check_in = CheckIn.objects.get(school=access.school, short=short.upper())
    except CheckIn.DoesNotExist:
        raise Http404 from None
    done = CheckInParticipant.objects.filter(
        check_in=check_in, membership=access.membership
    ).exists()
    form = CheckInAnswerForm(request.POST or None, prompt=check_in.prompt)
    status = 200
    if request.method == "POST" and (done or check_in.closed_at is not None):
        # A second answer, or one after closing, is not counted.
        return redirect("checklists:answer", access.school.slug, check_in.short)
    if request.method == "POST":
        if form.is_valid():
            with contextlib.suppress(services.AlreadyAnswered):
                services.answer_check_in(
                    check_in=check_in,
                    membership=access.membership,
                    value=form.cleaned_data["value"],
                )
            messages.success(request, _("Dank je! Je antwoord telt mee, zonder je naam."))
            return redirect("checklists:answer", access.school.slug, check_in.short)
        status = 400
    context = {
        "check_in": check_in,
        "question": prompt_text(check_in.prompt),
        "form": form,
        "options": prompt_options(check_in.prompt),
        "done": done,
    }
    return render(request, "checklists/answer.html", context, status=status)
