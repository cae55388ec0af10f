"""The team agenda: goals with their actions, evaluation moments, the handvat's questions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from checklists import content, selectors, services
from checklists.forms import ActionForm, AgendaForm, ClassGoalForm, EvaluateForm, GoalForm
from checklists.models import Action, Agenda, ChecklistRound, ClassGoal, Goal
from checklists.views.common import EDITORS
from circles import content as circles_content
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once
from welbevinden.core.pagecache import cached_page
from welbevinden.reports.service import ReportLimitExceeded, cache_key, pdf_response, report_pdf


def agenda_context(access: SchoolAccess, class_goal_form: ClassGoalForm | None = None) -> dict:
    today = timezone.localdate()
    goals = selectors.goals(access.school)
    trend = selectors.check_in_trend(access.school)
    open_goals = [g for g in goals if g.evaluated_on is None]
    actions = [a for g in open_goals for a in g.action_list if a.done_at is None]
    return {
        "today": today,
        "open_goals": open_goals,
        "evaluated": [g for g in goals if g.evaluated_on is not None],
        "overdue": [a for a in actions if a.due and a.due < today],
        "open_actions": [a for a in actions if not a.due or a.due >= today],
        "evaluations": sorted(
            (g for g in open_goals if g.evaluate_on), key=lambda g: g.evaluate_on
        ),
        "agenda": Agenda.objects.filter(school=access.school).first(),
        "trend": trend,
        "trend_chart": selectors.trend_chart(trend),
        "can_edit": access.has_role(*EDITORS),
        # Personal: only the reader's own class goals, never a colleague's.
        "class_goals": list(
            ClassGoal.objects.filter(
                school=access.school, author=access.membership.user
            ).select_related("school_year")
        ),
        "class_goal_form": class_goal_form or ClassGoalForm(),
    }


@school_view()
@require_GET
@cached_page
def agenda(request, access: SchoolAccess):
    return render(request, "checklists/agenda.html", agenda_context(access))


@school_view()
@require_POST
@create_once
def class_goal_add(request, access: SchoolAccess):
    """A member's own goal for their class(es); the handvat asks every teacher for it."""
    form = ClassGoalForm(request.POST)
    year = access.school.current_year()
    if year is None:
        messages.error(request, _("Er is nog geen schooljaar; de beheerder legt dat eerst vast."))
        return redirect(_agenda_url(access))
    if not form.is_valid():
        context = agenda_context(access, class_goal_form=form)
        return render(request, "checklists/agenda.html", context, status=400)
    ClassGoal.objects.create(
        school=access.school,
        school_year=year,
        author=request.user,
        text=form.cleaned_data["text"],
    )
    messages.success(request, _("Je doel voor je klas staat erbij. Alleen jij ziet het."))
    return redirect(_agenda_url(access, "#mijn-doelen"))


def _agenda_url(access: SchoolAccess, anchor: str = "") -> str:
    return reverse("checklists:agenda", args=[access.school.slug]) + anchor


@school_view(*EDITORS)
@require_http_methods(["GET", "POST"])
def agenda_answers(request, access: SchoolAccess):
    instance = Agenda.objects.filter(school=access.school).first() or Agenda(school=access.school)
    form = AgendaForm(request.POST or None, instance=instance)
    theirs = None
    if request.method == "POST" and form.is_valid():
        conflict = services.save_agenda(
            school=access.school,
            data=form.cleaned_data,
            user=request.user,
            version=form.cleaned_data.get("version") or 0,
        )
        if conflict is None:
            messages.success(request, _("Opgeslagen."))
            return redirect(_agenda_url(access, "#afspraken"))
        theirs = conflict.current
        # The next save is a deliberate choice for this version over theirs.
        data = request.POST.copy()
        data["version"] = str(theirs.version)
        form = AgendaForm(data, instance=Agenda(school=access.school))
        form.is_valid()
    status = 409 if theirs else (400 if request.method == "POST" else 200)
    context = {"form": form, "theirs": theirs, "page_url": _agenda_url(access)}
    if theirs:
        context["their_answers"] = [
            (form.fields[name].label, getattr(theirs, name)) for name in services.AGENDA_FIELDS
        ]
    return render(request, "checklists/agenda_form.html", context, status=status)


def _source_item(access: SchoolAccess, request):
    """The checklist item a goal is made from (?ronde=…&item=…), if any."""
    code = request.GET.get("ronde") or request.POST.get("ronde")
    if not code:
        return None, None, ""
    round = access.get(ChecklistRound, code, ChecklistRound.objects.select_related("school_year"))
    checklist = content.get(round.checklist)
    key = request.GET.get("item") or request.POST.get("item", "")
    item = next((i for i in content.items(checklist) if i["key"] == key), None)
    if item is None:
        raise Http404
    return round, item, key


@school_view(*EDITORS)
@require_http_methods(["GET", "POST"])
@create_once
def goal_new(request, access: SchoolAccess):
    round, item, item_key = _source_item(access, request)
    year = round.school_year if round else access.school.current_year()
    if year is None:
        messages.error(request, _("Er is nog geen schooljaar; de beheerder legt dat eerst vast."))
        return redirect("dashboard:home", access.school.slug)
    initial = {"target": _("De hele school")}
    if item is not None:
        agreed = selectors.agreements(round).get(item_key)
        initial["title"] = (agreed.note if agreed and agreed.note else content.item_label(item))[
            :200
        ]
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        goal = services.create_goal(
            school=access.school,
            year=year,
            data=form.cleaned_data,
            user=request.user,
            round=round,
            item=item_key,
        )
        messages.success(request, _("Het doel staat op de teamagenda. Voeg nu acties toe."))
        return redirect("checklists:goal", access.school.slug, goal.code)
    context = {"form": form, "round": round, "item": item, "item_key": item_key}
    status = 400 if request.method == "POST" else 200
    return render(request, "checklists/goal_new.html", context, status=status)


def _goal(access: SchoolAccess, code) -> Goal:
    return access.get(Goal, code, Goal.objects.select_related("school_year", "source_round"))


def _goal_context(
    access: SchoolAccess, found: Goal, *, action_form=None, evaluate_form=None, theirs=None
) -> dict:
    if action_form is None:
        action_form = ActionForm(members=selectors.members_for_actions(access.school))
    if evaluate_form is None:
        evaluate_form = EvaluateForm(initial={"version": found.version})
    return {
        "goal": found,
        "actions": list(found.actions.select_related("who__user")),
        "source_item": selectors.source_item_label(found),
        "action_form": action_form,
        "evaluate_form": evaluate_form,
        # A colleague evaluated this goal since the page was made: their evaluation.
        "theirs": theirs,
        "can_edit": access.has_role(*EDITORS),
        "today": timezone.localdate(),
    }


@school_view()
@require_GET
@cached_page
def goal(request, access: SchoolAccess, code):
    return render(request, "checklists/goal.html", _goal_context(access, _goal(access, code)))


@school_view()
@require_POST
@create_once
def action_add(request, access: SchoolAccess, code):
    found = _goal(access, code)
    access.require_role(*EDITORS)
    members = selectors.members_for_actions(access.school)
    form = ActionForm(request.POST, members=members)
    if form.is_valid():
        services.add_action(
            goal=found,
            what=form.cleaned_data["what"],
            who=form.cleaned_data["who"],
            due=form.cleaned_data["due"],
        )
        messages.success(request, _("Actie toegevoegd."))
        return redirect(reverse("checklists:goal", args=[access.school.slug, found.code]))
    context = _goal_context(access, found, action_form=form)
    return render(request, "checklists/goal.html", context, status=400)


@school_view()
@require_POST
def action_done(request, access: SchoolAccess, code):
    try:
        action = Action.objects.select_related("goal").get(code=code, goal__school=access.school)
    except Action.DoesNotExist:
        raise Http404 from None
    # Whoever carries the action ticks it off, and the kernteam.
    if action.who_id != access.membership.pk:
        access.require_role(*EDITORS)
    services.set_action_done(action=action, done=request.POST.get("klaar") != "0")
    messages.success(request, _("Bijgewerkt."))
    back = request.POST.get("terug")
    if back == "home":
        return redirect("dashboard:home", access.school.slug)
    return redirect(reverse("checklists:goal", args=[access.school.slug, action.goal.code]))


@school_view()
@require_POST
def evaluate(request, access: SchoolAccess, code):
    found = _goal(access, code)
    access.require_role(*EDITORS)
    form = EvaluateForm(request.POST)
    if not form.is_valid():
        context = _goal_context(access, found, evaluate_form=form)
        return render(request, "checklists/goal.html", context, status=400)
    conflict = services.evaluate_goal(
        goal=found,
        learned=form.cleaned_data["learned"],
        user=request.user,
        version=form.cleaned_data.get("version") or 0,
    )
    if conflict is None:
        messages.success(request, _("De evaluatie is vastgelegd."))
        return redirect(_agenda_url(access))
    theirs = Goal.objects.select_related("school_year", "source_round", "evaluated_by").get(
        pk=found.pk
    )
    # The next save is a deliberate choice for this evaluation over theirs.
    data = request.POST.copy()
    data["version"] = str(theirs.version)
    form = EvaluateForm(data)
    form.is_valid()
    context = _goal_context(access, theirs, evaluate_form=form, theirs=theirs)
    return render(request, "checklists/goal.html", context, status=409)


@school_view()
@require_GET
def agenda_pdf(request, access: SchoolAccess):
    today = timezone.localdate()
    context_data = agenda_context(access)
    key = cache_key(
        "teamagenda",
        scope=(access.school.pk, access.school.name, today),
        data_stamp=(selectors.agenda_stamp(access.school),),
    )

    def context() -> dict:
        return {
            **context_data,
            "school": access.school,
            "report_title": _("Teamagenda welbevinden"),
            "made_on": today,
            "made_by": access.user.full_name,
            "source": circles_content.source(),
        }

    try:
        body = report_pdf(key=key, template="checklists/print_agenda.html", context=context)
    except ReportLimitExceeded:
        message = _("De teamagenda wordt te lang voor een PDF. Rond geëvalueerde doelen af.")
        return render(request, "reports/problem.html", {"message": message}, status=422)
    return pdf_response(body, filename=f"teamagenda-{access.school.slug}-{today}.pdf")
