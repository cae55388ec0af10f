"""Stap 4: a new seating plan from the sociogram, swaps by hand, versions, the PDF."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from circles import content as circles_content
from sociogram import analysis, content, permissions, seating, selectors, services
from sociogram.models import Arrangement, SeatingPlan, Seen
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once
from welbevinden.reports.service import pdf_response, render_pdf


class LayoutForm(forms.Form):
    rows = forms.IntegerField(label=gettext_lazy("Rijen"), min_value=1, max_value=10, initial=4)
    cols = forms.IntegerField(
        label=gettext_lazy("Plaatsen per rij"), min_value=1, max_value=12, initial=8
    )
    arrangement = forms.ChoiceField(
        label=gettext_lazy("Opstelling"), choices=Arrangement.choices, initial=Arrangement.PAIRS
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Variant"),
        min_value=1,
        max_value=9999,
        initial=1,
        help_text=gettext_lazy("Dezelfde variant geeft dezelfde indeling; een andere een nieuwe."),
    )

    def __init__(self, *args, pupils: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupils = pupils

    def clean(self):
        data = super().clean()
        rows, cols = data.get("rows"), data.get("cols")
        if rows and cols and rows * cols < self.pupils:
            raise forms.ValidationError(
                _("%(seats)s plaatsen is te weinig voor %(pupils)s leerlingen.")
                % {"seats": rows * cols, "pupils": self.pupils}
            )
        return data


def _reason(reason: tuple, names: dict[str, str]) -> str:
    rule, *others = reason
    other = names.get(others[0], "") if others and others[0] else ""
    if rule == "locked":
        return _("Vastgezet door de leraar.")
    if rule == "buddy":
        return _(
            "Naast %(name)s, prosociaal en vaak gekozen (tip van de handreiking bij "
            "externaliserend gedrag)."
        ) % {"name": other}
    if rule == "central":
        text = _("Centraal in de klas (sociaal zwakker).")
        if other:
            text += " " + _("In de buurt van %(name)s, die hij of zij koos.") % {"name": other}
        return text
    if rule == "near-choice":
        return _("In de buurt van %(name)s, die hij of zij koos.") % {"name": other}
    if rule == "no-answer":
        return _("Deed niet mee; het plan had geen keuzes van deze leerling om te gebruiken.")
    if rule == "no-choices":
        return _("Koos niemand; geen regel voor deze plaats.")
    return _("Geen regel gaf de doorslag.")


def _unmet(item: tuple, names: dict[str, str]) -> str:
    rule, *pupils = item
    a = names.get(pupils[0], "")
    b = names.get(pupils[1], "") if len(pupils) > 1 else ""
    texts = {
        "rejecters-side-by-side": _(
            "%(a)s en %(b)s noemden elkaar bij 'liever niet' en zitten naast elkaar."
        ),
        "externalising-side-by-side": _(
            "%(a)s en %(b)s (allebei externaliserend gedrag) zitten naast elkaar."
        ),
        "no-buddy": _(
            "%(a)s (externaliserend gedrag) zit niet naast een prosociale klasgenoot die vaak "
            "gekozen werd."
        ),
        "no-choice-near": _("%(a)s zit niet in de buurt van iemand die hij of zij koos."),
        "not-central": _("%(a)s (sociaal zwakker) zit niet centraal."),
    }
    return texts[rule] % {"a": a, "b": b}


def _data(sociogram):
    respondents = selectors.respondents_of(sociogram)
    nominations = selectors.nominations_of(sociogram)
    result = services.run_analysis(sociogram, respondents, nominations)
    notes = selectors.notes_of(sociogram.group)
    pupils = services.seating_pupils(result, notes, respondents)
    names = {str(r.pk): r.pupil.display_name for r in respondents}
    return respondents, pupils, names


def _few_answered(pupils) -> bool:
    # The same rule as services.seating_pupils: below it, being nobody's choice is not used.
    answered = sum(1 for p in pupils if p.took_part)
    return bool(pupils) and (
        answered / len(pupils) < analysis.MIN_PARTICIPATION or answered < analysis.MIN_RESPONDENTS
    )


def _grid(plan: SeatingPlan, pupils, names) -> dict:
    layout = seating.Layout(plan.rows, plan.cols, plan.arrangement)
    seats = {int(seat): str(pid) for seat, pid in plan.seats.items() if str(pid) in names}
    locked = {seat: seats[seat] for seat in plan.locked if seat in seats}
    explained = seating.explain(layout, pupils, seats, locked)
    rows = []
    for seat in layout.seats():
        if seat.col == 0:
            rows.append([])
        pid = seats.get(seat.index)
        nxt = seat.col + 1
        gap = plan.arrangement != "rows" and nxt < plan.cols and nxt % 2 == 0
        rows[-1].append(
            {
                "index": seat.index,
                "row": seat.row + 1,
                "col": seat.col + 1,
                "pid": pid,
                "name": names.get(pid, "") if pid else "",
                "locked": seat.index in locked,
                "reason": _reason(explained.reasons[pid], names) if pid else "",
                "gap_after": gap,
            }
        )
    return {
        "rows": rows,
        "unmet": [_unmet(item, names) for item in explained.unmet],
        "row_gaps": plan.arrangement == "tables",
        "not_answered": sum(1 for p in pupils if not p.took_part),
        "few_answered": _few_answered(pupils),
    }


def seating_grid(sociogram, plan, respondents, notes, result) -> dict:
    """The grid for the class report, from what the report already loaded."""
    pupils = services.seating_pupils(result, notes, respondents)
    names = {str(r.pk): r.pupil.display_name for r in respondents}
    return _grid(plan, pupils, names)


def _seat_number(value: str) -> int | None:
    """A seat index or version typed into a form or address; None when it is none
    (not ASCII digits, or absurdly long: int() refuses over 4,300 digits)."""
    return int(value) if SMALL_NUMBER.fullmatch(value) else None


SMALL_NUMBER = re.compile(r"[0-9]{1,5}")


def _page_url(access, sociogram, plan=None) -> str:
    url = reverse("sociogram:seating", args=[access.school.slug, sociogram.code])
    return f"{url}?versie={plan.version}" if plan else url


def _plan_for(request, sociogram) -> SeatingPlan | None:
    plans = sociogram.seating_plans.all()
    wanted = _seat_number(request.GET.get("versie", ""))
    if wanted is not None:
        return plans.filter(version=wanted).first() or plans.first()
    return plans.first()


def _page(request, access, sociogram, plan, form, *, status: int = 200, **extra):
    respondents, pupils, names = _data(sociogram)
    if form is None:
        initial = {}
        if plan:
            initial = {
                "rows": plan.rows,
                "cols": plan.cols,
                "arrangement": plan.arrangement,
                "seed": plan.seed,
            }
        form = LayoutForm(initial=initial, pupils=len(respondents))
    context = {
        "sociogram": sociogram,
        "group": sociogram.group,
        "plan": plan,
        "versions": list(sociogram.seating_plans.only("version", "created_at", "made_by_hand")),
        "form": form,
        "grid": _grid(plan, pupils, names) if plan else None,
        "swap": {},
        "stap4": content.step("stap-4"),
        **extra,
    }
    services.log_access(access=access, group=sociogram.group, what=Seen.SEATING)
    return render(request, "sociogram/seating.html", context, status=status)


def _stale(request, current: SeatingPlan | None) -> bool:
    """The page was made from another version than the latest (a colleague saved one
    since, or an older version was on screen): its seats no longer say who sits where."""
    shown = request.POST.get("versie", "")
    latest = str(current.version) if current else ""
    return shown != latest


def _purged(request, sociogram):
    """After the purge there is no seating plan: it was built from the choices."""
    context = {"sociogram": sociogram, "group": sociogram.group}
    return render(request, "sociogram/seating_purged.html", context, status=410)


@school_view()
@require_GET
def seating_page(request, access: SchoolAccess, code):
    sociogram = permissions.get_sociogram(access, code)
    if sociogram.purged_at:
        return _purged(request, sociogram)
    if sociogram.from_handvat:
        raise PermissionDenied
    return _page(request, access, sociogram, _plan_for(request, sociogram), None)


@school_view()
@require_POST
@create_once
def seating_generate(request, access: SchoolAccess, code):
    """A new version from the generator; seats ticked "vast" keep their pupil."""
    sociogram = permissions.get_sociogram(access, code)
    if sociogram.purged_at:
        return _purged(request, sociogram)
    if sociogram.from_handvat:
        raise PermissionDenied
    respondents, pupils, _names = _data(sociogram)
    form = LayoutForm(request.POST, pupils=len(respondents))
    current = sociogram.seating_plans.first()
    if not form.is_valid():
        return _page(request, access, sociogram, current, form, status=400)
    if _stale(request, current):
        # The seats ticked "vast" were those of another version: nothing is made.
        return _page(request, access, sociogram, current, form, status=409, stale="generate")
    data = form.cleaned_data
    locked = {}
    same_layout = current and (current.rows, current.cols) == (data["rows"], data["cols"])
    if same_layout:
        for value in request.POST.getlist("vast"):
            if value.isdigit() and value in current.seats:
                locked[int(value)] = str(current.seats[value])
    layout = seating.Layout(data["rows"], data["cols"], data["arrangement"])
    plan = seating.generate(layout, pupils, locked=locked, seed=data["seed"])
    saved = services.save_seating_plan(
        sociogram=sociogram,
        rows=data["rows"],
        cols=data["cols"],
        arrangement=data["arrangement"],
        seats=plan.seats,
        locked=list(locked),
        seed=data["seed"],
        user=request.user,
        based_on=current.version if current else None,
    )
    if saved is None:  # a colleague saved a version between our read and write
        current = sociogram.seating_plans.first()
        return _page(request, access, sociogram, current, form, status=409, stale="generate")
    messages.success(
        request,
        _(
            "Versie %(n)s van de groepsindeling is opgeslagen. Ons advies: meet over 8 tot "
            "10 weken opnieuw om te zien wat de nieuwe indeling doet."
        )
        % {"n": saved.version},
    )
    return redirect(_page_url(access, sociogram, saved))


def _swap_in(current: SeatingPlan, shown: SeatingPlan | None, a: str, b: str) -> dict:
    """The swap this person chose on an older version, in the latest one: the seats
    where the same two pupils sit now (an empty seat stays that seat)."""
    if shown is None:
        return {"van": int(a), "naar": int(b)}
    where = {str(pid): int(seat) for seat, pid in current.seats.items()}

    def now(seat: str) -> int:
        pid = shown.seats.get(seat)
        return where.get(str(pid), int(seat)) if pid is not None else int(seat)

    return {"van": now(a), "naar": now(b)}


@school_view()
@require_POST
@create_once
def seating_swap(request, access: SchoolAccess, code):
    """Swap two seats by hand (the form's two lists, or drag and drop): a new version."""
    sociogram = permissions.get_sociogram(access, code)
    if sociogram.purged_at:
        return _purged(request, sociogram)
    if sociogram.from_handvat:
        raise PermissionDenied
    current = sociogram.seating_plans.first()
    if current is None:
        raise PermissionDenied
    a, b = request.POST.get("van", ""), request.POST.get("naar", "")
    size = current.rows * current.cols
    seat_a, seat_b = _seat_number(a), _seat_number(b)
    if seat_a is None or seat_b is None or seat_a == seat_b or max(seat_a, seat_b) >= size:
        messages.error(request, _("Kies twee verschillende plaatsen om te wisselen."))
        return redirect(_page_url(access, sociogram, current))
    if _stale(request, current):
        shown_version = _seat_number(request.POST.get("versie", ""))
        shown = sociogram.seating_plans.filter(version=shown_version).first()
        swap = _swap_in(current, shown, str(seat_a), str(seat_b))
        return _page(request, access, sociogram, current, None, status=409, stale="swap", swap=swap)
    a, b = str(seat_a), str(seat_b)  # as the plan's keys ("07" is seat 7)
    seats = dict(current.seats)
    pa, pb = seats.pop(a, None), seats.pop(b, None)
    if pa is not None:
        seats[b] = pa
    if pb is not None:
        seats[a] = pb
    saved = services.save_seating_plan(
        sociogram=sociogram,
        rows=current.rows,
        cols=current.cols,
        arrangement=current.arrangement,
        seats={int(k): v for k, v in seats.items()},
        locked=[s for s in current.locked if str(s) not in (a, b)],
        seed=current.seed,
        user=request.user,
        by_hand=True,
        based_on=current.version,
    )
    if saved is None:  # a colleague saved a version between our read and write
        latest = sociogram.seating_plans.first()
        swap = _swap_in(latest, current, a, b)
        return _page(request, access, sociogram, latest, None, status=409, stale="swap", swap=swap)
    messages.success(request, _("Gewisseld; opgeslagen als versie %(n)s.") % {"n": saved.version})
    return redirect(_page_url(access, sociogram, saved))


@school_view()
@require_GET
def seating_pdf(request, access: SchoolAccess, code):
    sociogram = permissions.get_sociogram(access, code)
    if sociogram.purged_at:
        return _purged(request, sociogram)
    plan = _plan_for(request, sociogram)
    if plan is None:
        messages.error(request, _("Maak eerst een groepsindeling."))
        return redirect(_page_url(access, sociogram))
    _respondents, pupils, names = _data(sociogram)
    services.log_access(access=access, group=sociogram.group, what=Seen.SEATING_PDF)
    html = render_to_string(
        "sociogram/print_seating.html",
        {
            "school": access.school,
            "made_on": timezone.localdate(),
            "source": circles_content.source(),
            "made_by": access.user.full_name,
            "report_title": _("Groepsindeling %(group)s") % {"group": sociogram.group.name},
            "sociogram": sociogram,
            "group": sociogram.group,
            "plan": plan,
            "grid": _grid(plan, pupils, names),
        },
        request=request,
    )
    filename = f"groepsindeling-{sociogram.group.name}-v{plan.version}.pdf"
    return pdf_response(render_pdf(html=html), filename=filename)
