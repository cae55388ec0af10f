"""A checklist: each member's own answers, the consensus view, the agreed answers, the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from checklists import content, selectors, services
from checklists.forms import AgreementForm, ResponsesForm
from checklists.models import Answer
from checklists.views.common import (
    EDITORS,
    answer_labels,
    checklist_or_404,
    item_label,
    scoped_round,
    spread_bars,
)
from circles import content as circles_content
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.reports.service import ReportLimitExceeded, cache_key, pdf_response, report_pdf
from welbevinden.schools.models import SchoolYear


@school_view()
@require_GET
def index(request, access: SchoolAccess):
    year = access.school.current_year()
    rounds = {r.checklist: r for r in selectors.rounds_of_year(access.school, year)}
    rows = [
        {"checklist": c, "round": rounds.get(key), "items": len(content.items(c))}
        for key, c in content.checklists().items()
    ]
    return render(request, "checklists/index.html", {"rows": rows, "year": year})


def _year(access: SchoolAccess, request) -> SchoolYear | None:
    code = request.GET.get("jaar")
    if code:
        return access.get(SchoolYear, code)
    return access.school.current_year()


@school_view()
@require_GET
@cached_page
def checklist(request, access: SchoolAccess, key: str):
    """The checklist of a school year: how the kernteam answered, and what it agreed."""
    found = checklist_or_404(key)
    year = _year(access, request)
    # The years' rounds in one query: this year's, the one before and the years to pick.
    rounds = selectors.rounds_of(access.school, key)
    round = next((r for r in rounds if year is not None and r.school_year_id == year.pk), None)
    context = {
        "checklist": found,
        "year": year,
        "round": round,
        "years": [r.school_year for r in rounds],
        "can_edit": access.has_role(*EDITORS),
        "answers": Answer,
    }
    if round is not None:
        sections, members, before = selectors.consensus_rows(found, round, rounds)
        labels = answer_labels()
        # Per row, what the template would otherwise work out in tags (issue 24).
        for block in sections:
            for row in block["rows"]:
                row["label"] = item_label(found, row["item"])
                row["bars"] = spread_bars(row["spread"], labels)
                if row["agreed"]:
                    row["agreed_label"] = labels.get(row["agreed"].answer, "")
                if row["earlier"]:
                    row["earlier_label"] = labels.get(row["earlier"].answer, "")
        slug = access.school.slug
        context.update(
            agree_url=reverse("checklists:agree", args=[slug, key, round.code]),
            goal_url=reverse("checklists:goal_new", args=[slug]),
        )
        context.update(
            sections=sections,
            members=len(members),
            before=before,
            answered=access.membership.pk in members,
        )
    return render(request, "checklists/consensus.html", context)


@school_view()
@require_http_methods(["GET", "POST"])
def fill(request, access: SchoolAccess, key: str):
    """This member's own answers for the current school year."""
    found = checklist_or_404(key)
    access.require_role(*EDITORS)
    year = access.school.current_year()
    if year is None:
        messages.error(request, _("Er is nog geen schooljaar; de beheerder legt dat eerst vast."))
        return redirect("dashboard:home", access.school.slug)
    round = selectors.round_for(access.school, year, key)
    initial = {}
    for item, response in selectors.own_responses(round, access.membership).items():
        initial[f"{item}-answer"] = response.answer
        initial[f"{item}-note"] = response.note
    form = ResponsesForm(request.POST or None, initial=initial, checklist=found)
    if request.method == "POST":
        if form.is_valid():
            round = round or services.round_of(school=access.school, year=year, key=key)
            services.save_responses(
                round=round, membership=access.membership, answers=form.answers()
            )
            messages.success(
                request,
                _("Je antwoorden zijn opgeslagen. Hieronder zie je hoe het kernteam antwoordde."),
            )
            return redirect(_page(access, key))
        messages.error(request, _("Niet opgeslagen: kijk de gemarkeerde vragen na."))
    status = 400 if request.method == "POST" else 200
    context = {"checklist": found, "form": form, "year": year, "page_url": _page(access, key)}
    return render(request, "checklists/fill.html", context, status=status)


def _page(access: SchoolAccess, key: str, round=None) -> str:
    url = reverse("checklists:checklist", args=[access.school.slug, key])
    if round is not None:
        url += f"?jaar={round.school_year.code}"
    return url


@school_view()
@require_http_methods(["GET", "POST"])
def agree(request, access: SchoolAccess, key: str, code):
    """Record what the kernteam agreed on one item (the item comes as ?item=)."""
    found = checklist_or_404(key)
    round = scoped_round(access, key, code)
    access.require_role(*EDITORS)
    item_key = request.GET.get("item") or request.POST.get("item", "")
    item = next((i for i in content.items(found) if i["key"] == item_key), None)
    if item is None:
        raise Http404
    agreed = selectors.agreements(round).get(item_key)
    initial = {"answer": agreed.answer, "note": agreed.note} if agreed else {}
    initial["version"] = agreed.version if agreed else 0
    form = AgreementForm(request.POST or None, initial=initial)
    theirs = None
    if request.method == "POST" and form.is_valid():
        conflict = services.save_agreement(
            round=round,
            item=item_key,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            user=request.user,
            version=form.cleaned_data.get("version") or 0,
        )
        if conflict is None:
            messages.success(request, _("Afspraak vastgelegd."))
            return redirect(f"{_page(access, key, round)}#item-{item_key}")
        theirs = conflict.current
        # The next save is a deliberate choice for this answer over theirs.
        data = request.POST.copy()
        data["version"] = str(theirs.version)
        form = AgreementForm(data)
        form.is_valid()
    item_spread, notes = selectors.item_spread(round, item_key)
    context = {
        "checklist": found,
        "round": round,
        "item": item,
        "agreed": agreed,
        "spread": item_spread,
        "bars": spread_bars(item_spread, answer_labels()),
        "answers": Answer,
        "notes": notes,
        "form": form,
        "theirs": theirs,
        "page_url": _page(access, key, round),
    }
    status = 409 if theirs else (400 if request.method == "POST" else 200)
    return render(request, "checklists/agree.html", context, status=status)


@school_view()
@require_GET
def pdf(request, access: SchoolAccess, key: str, code):
    """The checklist's result: the agreed answers, the spread and the notes."""
    found = checklist_or_404(key)
    round = scoped_round(access, key, code)
    today = timezone.localdate()
    sections, members, before = selectors.consensus_rows(found, round)
    key_ = cache_key("checklist")

    def context() -> dict:
        return {
            "school": access.school,
            "checklist": found,
            "round": round,
            "sections": sections,
            "members": len(members),
            "before": before,
            "answers": Answer,
            "report_title": _("Checklist %(title)s %(year)s")
            % {"title": found["own_title"], "year": round.school_year},
            "made_on": today,
            "made_by": access.user.full_name,
            "source": circles_content.source(),
        }

    try:
        body = report_pdf(key=key_, template="checklists/print_checklist.html", context=context)
    except ReportLimitExceeded:
        message = _("Deze checklist wordt te lang voor een PDF. Maak lange toelichtingen korter.")
        return render(request, "reports/problem.html", {"message": message}, status=422)
    filename = f"checklist-{key}-{access.school.slug}-{round.school_year.name}.pdf"
    return pdf_response(body, filename=filename)
