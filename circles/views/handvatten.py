"""A handvat's rounds: start, fill in step by step (with autosave), finish, redo."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from circles import content, editions, modules, permissions, services
from circles.answers import read_answer
from circles.content import label
from circles.forms import StepForm
from circles.models import Handvat, Round, Scope
from circles.selectors import groups_for_group_work
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Group, Role


def _handvat(key: str) -> Handvat:
    handvat = editions.current().handvatten.get(key)
    if handvat is None:
        raise Http404
    return handvat


def _rounds_of(handvat: Handvat, access: SchoolAccess, group: Group | None, scope: str):
    # What the handvat page shows of each round: not its answers.
    rounds = (
        Round.objects.filter(school=access.school, handvat=handvat, scope=scope)
        .select_related("owner")
        .only(
            "code",
            "scope",
            "number",
            "owner",
            "updated_at",
            "completed_at",
            "owner__full_name",
            "owner__email",
        )
    )
    if scope == Scope.PERSONAL:
        return rounds.filter(owner=access.user)
    if scope == Scope.GROUP:
        return rounds.filter(group=group)
    return rounds  # school and shared rounds: every member reads them


def _handvat_url(access: SchoolAccess, handvat: Handvat, group: Group | None) -> str:
    if group is not None:
        return reverse("circles:group_handvat", args=[access.school.slug, group.code, handvat.key])
    return reverse("circles:handvat", args=[access.school.slug, handvat.key])


@school_view()
@require_GET
@cached_page
def handvat_page(request, access: SchoolAccess, key: str):
    handvat = _handvat(key)
    if handvat.scope == Scope.GROUP:
        # Group work is done per group: the teacher picks one of their groups.
        groups = groups_for_group_work(access.membership)
        if len(groups) == 1 and not access.has_role(Role.IB):
            url = modules.url_for(handvat, access.school.slug, groups[0])
            return redirect(
                url
                or reverse(
                    "circles:group_handvat", args=[access.school.slug, groups[0].code, handvat.key]
                )
            )
    if (url := modules.url_for(handvat, access.school.slug)) is not None:
        return redirect(url)
    if handvat.scope == Scope.GROUP:
        rounds = Round.objects.filter(handvat=handvat, group__in=groups).order_by("-number")
        latest = {}
        for round in rounds:
            latest.setdefault(round.group_id, round)
        context = {
            "handvat": handvat,
            "groups": [(group, latest.get(group.id)) for group in groups],
        }
        return render(request, "circles/handvat_groups.html", context)
    return _render_handvat(request, access, handvat, group=None)


@school_view()
@require_GET
def group_handvat_page(request, access: SchoolAccess, group_code, key: str):
    group = access.get(Group, group_code, Group.objects.select_related("school_year"))
    handvat = _handvat(key)
    if handvat.scope != Scope.GROUP:
        return redirect("circles:handvat", access.school.slug, handvat.key)
    if not permissions.can_view_group_work(access, group):
        raise PermissionDenied
    if (url := modules.url_for(handvat, access.school.slug, group)) is not None:
        return redirect(url)
    return _render_handvat(request, access, handvat, group=group)


def _part(access, handvat, group, scope) -> dict:
    """One owner's part of a handvat: its rounds and whether this member may start one."""
    rounds = list(_rounds_of(handvat, access, group, scope).order_by("-number"))
    mine = [r for r in rounds if scope != Scope.SHARED or r.owner_id == access.user.pk]
    return {
        "scope": scope,
        "current": next((r for r in mine if r.completed_at is None), None),
        "completed": [r for r in mine if r.completed_at is not None],
        "colleagues": [r for r in rounds if r not in mine],
        "can_start": permissions.can_start(access, handvat, group, scope),
    }


def _render_handvat(request, access, handvat, group):
    main, *other_parts = [
        _part(access, handvat, group, scope) for scope in content.parts(handvat.content)
    ]
    context = {
        "edition": editions.current().checksum,
        "handvat": handvat,
        "group": group,
        "current": main["current"],
        "completed": main["completed"],
        "can_start": main["can_start"],
        "parts": other_parts,
    }
    return render(request, "circles/handvat.html", context)


@school_view()
@require_POST
def start(request, access: SchoolAccess, key: str):
    handvat = _handvat(key)
    if handvat.scope == Scope.GROUP:
        return redirect("circles:handvat", access.school.slug, handvat.key)
    # A part with another owner than the handvat (content.parts), or the handvat's own.
    scope = request.POST.get("deel", handvat.scope)
    if scope not in content.parts(handvat.content):
        scope = handvat.scope
    return _start(request, access, handvat, group=None, scope=scope)


@school_view()
@require_POST
def group_start(request, access: SchoolAccess, group_code, key: str):
    group = access.get(Group, group_code)
    handvat = _handvat(key)
    if handvat.scope != Scope.GROUP:
        return redirect("circles:handvat", access.school.slug, handvat.key)
    return _start(request, access, handvat, group=group)


def _start(request, access, handvat, group, scope=None):
    if not permissions.can_start(access, handvat, group, scope):
        raise PermissionDenied
    if (url := modules.url_for(handvat, access.school.slug, group)) is not None:
        # Its module is where this work is recorded now, never in a round too.
        return redirect(url)
    round = services.start_round(
        handvat=handvat, school=access.school, user=request.user, group=group, scope=scope
    )
    return redirect("circles:round", access.school.slug, round.code)


def _step_number(request, round: Round) -> int:
    try:
        number = int(request.GET.get("stap", 1))
    except ValueError:
        number = 1
    return min(max(number, 1), len(_steps(round)))


def _steps(round: Round) -> list[dict]:
    """The steps this round fills in: those of its scope (content.steps_for)."""
    return content.steps_for(round.handvat.content, round.scope)


def _previous_round(round: Round) -> Round | None:
    owner = {"owner_id": round.owner_id, "group_id": round.group_id}
    return (
        Round.objects.filter(
            school_id=round.school_id,
            handvat_id=round.handvat_id,
            scope=round.scope,
            number__lt=round.number,
            **owner,
        )
        .exclude(completed_at=None)
        .only("number", "completed_at", "answers")
        .order_by("-number")
        .first()
    )


@school_view()
@require_http_methods(["GET", "POST"])
@cached_page
def round_page(request, access: SchoolAccess, code):
    round = permissions.get_round(access, code)
    number = _step_number(request, round)
    step = _steps(round)[number - 1]
    module_url = _module_url(access, round)
    editable = permissions.can_edit(access, round) and not round.is_completed and module_url is None
    conflict = None
    if request.method == "POST":
        if not permissions.can_edit(access, round):
            raise PermissionDenied
        form = StepForm(request.POST, step=step)
        if module_url is not None:
            messages.error(
                request,
                _(
                    "Dit handvat houd je nu ergens anders bij, dus je wijzigingen zijn niet "
                    "opgeslagen. Je tekst staat hieronder; neem over wat je wilt bewaren."
                ),
            )
            form.is_valid()
            context = _round_context(access, round, number, form, True, None)
            return render(request, "circles/round.html", context, status=409)
        if round.is_completed:
            messages.error(
                request,
                _(
                    "Deze ronde is intussen afgerond, dus je laatste wijzigingen zijn niet "
                    "opgeslagen. Je tekst staat hieronder; heropen de ronde of kopieer wat je "
                    "wilt bewaren."
                ),
            )
            form.is_valid()
            context = _round_context(access, round, number, form, True, None)
            context["completed_meanwhile"] = True
            return render(request, "circles/round.html", context, status=409)
        if form.is_valid():
            conflict = services.save_answers(
                round=round,
                answers=form.answers(),
                version=_version(request),
                base=_base(request),
                user=request.user,
                take_mine="force_version" in request.POST,
            )
            if conflict is None:
                return _after_plain_save(request, access, round, number)
    else:
        form = StepForm(
            step=step, initial_answers=round.answers, initial={"version": round.version}
        )
    context = _round_context(access, round, number, form, editable, conflict)
    if conflict is not None:
        # Keep what this page was based on, so the next save is merged
        # against it again instead of silently overwriting the other version.
        context["version_value"] = _version(request)
        context["base"] = request.POST.get("base", "{}")
    return render(request, "circles/round.html", context)


def _posted_step(request) -> int | None:
    # Not str.isdigit(): "²" is a digit to it, and int() refuses it.
    value = request.POST.get("naar_stap", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None


def _version(request) -> int:
    try:
        return int(request.POST.get("version") or 0)
    except ValueError:
        return 0


def _base(request) -> dict:
    """The answers as the page had them when it last loaded or saved."""
    try:
        base = json.loads(request.POST.get("base") or "{}")
    except (ValueError, RecursionError):
        return {}
    return base if isinstance(base, dict) else {}


def step_answers(round: Round, number: int) -> str:
    step = _steps(round)[number - 1]
    return json.dumps({q["key"]: round.answers.get(q["key"]) for q in step.get("questions", [])})


def _after_plain_save(request, access, round, number):
    steps = len(_steps(round))
    if "afronden" in request.POST:
        services.complete_round(round=round)
        messages.success(request, _("Afgerond! Je vindt deze ronde terug bij eerdere rondes."))
        return redirect(_handvat_url(access, round.handvat, round.group))
    if "volgende" in request.POST and number < steps:
        number += 1
    elif "vorige" in request.POST and number > 1:
        number -= 1
    elif _posted_step(request) is not None:
        # A step in the wizard's list: save this step first, then go there.
        number = min(max(_posted_step(request), 1), steps)
    messages.success(request, _("Opgeslagen."))
    url = reverse("circles:round", args=[access.school.slug, round.code])
    return redirect(f"{url}?stap={number}")


def _round_context(access, round, number, form, editable, conflict):
    handvat = round.handvat
    previous = _previous_round(round)
    questions = []
    for question, fields in form.rows():
        answer = read_answer(question, round.answers.get(question["key"]))
        entry = {"question": question, "fields": fields, "label": label(question), "answer": answer}
        if previous is not None:
            entry["previous"] = previous.answers.get(question["key"])
        if answer.chart is not None:
            entry["radar"] = answer.chart
        questions.append(entry)
    return {
        "round": round,
        "handvat": handvat,
        "step": _steps(round)[number - 1],
        "number": number,
        "steps": _steps(round),
        "form": form,
        "questions": questions,
        "editable": editable,
        "can_edit": permissions.can_edit(access, round),
        "base": step_answers(round, number),
        "conflict": _conflict_rows(round, conflict) if conflict else None,
        "conflict_version": conflict.version if conflict else None,
        "conflict_by": conflict.by if conflict else "",
        "previous": previous,
        "handvat_url": _handvat_url(access, handvat, round.group),
        "module_url": _module_url(access, round),
    }


def _module_url(access, round: Round) -> str | None:
    """Where this round's work is recorded now, if a module took its handvat over.

    One place, not two: the round stays readable, but nothing is added to it.
    """
    return modules.url_for(round.handvat, access.school.slug, round.group)


@school_view()
@require_POST
def autosave(request, access: SchoolAccess, code):
    """Save one step while the person types (htmx); answers with a status fragment."""
    round = permissions.get_round(access, code)
    if not permissions.can_edit(access, round):
        raise PermissionDenied
    if (module_url := _module_url(access, round)) is not None:
        response = render(
            request,
            "circles/_save_status.html",
            {"state": "moved", "round": round, "module_url": module_url},
        )
        response.status_code = 409
        return response
    if round.is_completed:
        # Finished by a colleague while this person was typing: say so, and
        # leave their text on the page.
        response = render(
            request, "circles/_save_status.html", {"state": "completed", "round": round}
        )
        response.status_code = 409
        return response
    number = _step_number(request, round)
    form = StepForm(request.POST, step=_steps(round)[number - 1])
    if not form.is_valid():
        response = render(
            request, "circles/_save_status.html", {"state": "invalid", "form": form, "round": round}
        )
        response.status_code = 422
        return response
    conflict = services.save_answers(
        round=round,
        answers=form.answers(),
        version=_version(request),
        base=_base(request),
        user=request.user,
        take_mine="force_version" in request.POST,
    )
    if conflict is not None:
        response = render(
            request,
            "circles/_save_status.html",
            {
                "state": "conflict",
                "conflict": _conflict_rows(round, conflict),
                "conflict_version": conflict.version,
                "conflict_by": conflict.by,
                "round": round,
                "number": number,
            },
        )
        response.status_code = 409
        return response
    return render(
        request,
        "circles/_save_status.html",
        {"state": "saved", "round": round, "base": step_answers(round, number)},
    )


def _conflict_rows(round, conflict):
    rows = []
    questions = {q["key"]: q for step in round.handvat.steps for q in step.get("questions", [])}
    for key, theirs in conflict.theirs.items():
        question = questions.get(key, {"key": key})
        rows.append(
            {
                "label": label(question),
                "theirs": theirs,
                "mine": conflict.mine[key],
                "question": question,
            }
        )
    return rows


def _to_module(request, module_url: str):
    messages.info(
        request, _("Dit handvat houd je nu hier bij; de oude ronde blijft zoals hij was.")
    )
    return redirect(module_url)


@school_view()
@require_POST
def complete(request, access: SchoolAccess, code):
    round = permissions.get_round(access, code)
    permissions.require_edit(access, round)
    if (module_url := _module_url(access, round)) is not None:
        return _to_module(request, module_url)
    if services.complete_round(round=round):
        messages.success(request, _("Afgerond! Je vindt deze ronde terug bij eerdere rondes."))
    else:
        messages.info(request, _("Deze ronde was al afgerond; de datum van afronden blijft staan."))
    return redirect(_handvat_url(access, round.handvat, round.group))


@school_view()
@require_POST
def reopen(request, access: SchoolAccess, code):
    round = permissions.get_round(access, code)
    permissions.require_edit(access, round)
    if (module_url := _module_url(access, round)) is not None:
        return _to_module(request, module_url)
    if not services.reopen_round(round=round):
        messages.error(request, _("Er is al een nieuwe ronde bezig. Rond die eerst af."))
        return redirect(_handvat_url(access, round.handvat, round.group))
    return redirect("circles:round", access.school.slug, round.code)
