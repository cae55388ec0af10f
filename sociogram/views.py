"""The teacher's side of the sociogram: set-up, the afname, answers on paper,
the results (stap 2), what the teacher knows (stap 3) and the plan (stap 4)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from circles.selectors import my_groups
from sociogram import charts, content, permissions, selectors, services
from sociogram import questions as q
from sociogram.forms import NoteForm, ReflectionForm, SetupForm
from sociogram.models import AccessRecord, Flag, PupilNote, Seen, Sociogram
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Group, Pupil, Role


def _group(access: SchoolAccess, code) -> Group:
    return access.get(Group, code, Group.objects.select_related("school_year"))


def detail_url(sociogram: Sociogram, access: SchoolAccess, name: str = "detail") -> str:
    return reverse(f"sociogram:{name}", args=[access.school.slug, sociogram.code])


@school_view()
@require_GET
def index(request, access: SchoolAccess):
    """Where the handvat leads: a teacher's groups, or every group for the IB'er."""
    if access.has_role(Role.IB):
        year = access.school.current_year()
        groups = list(Group.objects.filter(school_year=year).order_by("name")) if year else []
    elif access.has_role(Role.LERAAR):
        groups = my_groups(access.membership)
    else:
        groups = []
    status = selectors.circle_status(access.membership, groups) if groups else {}
    context = {
        "groups": [(group, status[group.id]) for group in groups],
        "handvat": content.handvat(),
        "can_log": access.has_role(Role.BEHEERDER),
    }
    return render(request, "sociogram/index.html", context)


@school_view()
@require_GET
@cached_page
def group(request, access: SchoolAccess, group_code):
    group = _group(access, group_code)
    permissions.require_run(access, group)
    # A teacher with one group comes straight here from the handvat, so the
    # handvat's introduction is here too (it would be lost otherwise).
    context = {
        "group": group,
        "sociograms": list(selectors.sociograms_of(group)),
        "handvat": content.handvat(),
    }
    return render(request, "sociogram/group.html", context)


@school_view()
@require_http_methods(["GET", "POST"])
@create_once
def new(request, access: SchoolAccess, group_code):
    group = _group(access, group_code)
    permissions.require_run(access, group)
    initial = {"title": _("Sociogram %(day)s") % {"day": timezone.localdate().strftime("%d-%m-%Y")}}
    form = SetupForm(request.POST or None, questions=q.defaults(), initial=initial)
    if form.is_valid():
        sociogram = services.create_sociogram(
            group=group,
            user=request.user,
            title=form.cleaned_data["title"],
            questions=form.questions(),
            max_choices=form.cleaned_data["max_choices"],
        )
        messages.success(
            request, _("Het sociogram staat klaar. Open de afname als de klas zover is.")
        )
        return redirect(detail_url(sociogram, access))
    return render(request, "sociogram/setup.html", {"form": form, "group": group})


@school_view()
@require_http_methods(["GET", "POST"])
def edit(request, access: SchoolAccess, code):
    sociogram = permissions.get_sociogram(access, code)
    if not sociogram.is_draft:
        messages.error(request, _("De vragen liggen vast zodra de afname open is geweest."))
        return redirect(detail_url(sociogram, access))
    initial = {"title": sociogram.title, "max_choices": sociogram.max_choices}
    form = SetupForm(request.POST or None, questions=sociogram.questions, initial=initial)
    if form.is_valid():
        sociogram.title = form.cleaned_data["title"]
        sociogram.max_choices = form.cleaned_data["max_choices"]
        sociogram.questions = form.questions()
        sociogram.save(update_fields=["title", "max_choices", "questions"])
        messages.success(request, _("De vragen zijn opgeslagen."))
        return redirect(detail_url(sociogram, access))
    context = {"form": form, "group": sociogram.group, "sociogram": sociogram}
    return render(request, "sociogram/setup.html", context)


@school_view()
@require_POST
def open_afname(request, access: SchoolAccess, code):
    sociogram = permissions.get_sociogram(access, code)
    if sociogram.from_handvat or sociogram.purged_at:
        raise PermissionDenied
    services.open_afname(sociogram)
    messages.success(request, _("De afname is open. Print de codes en deel ze uit."))
    return redirect(detail_url(sociogram, access))


@school_view()
@require_POST
def close_afname(request, access: SchoolAccess, code):
    sociogram = permissions.get_sociogram(access, code)
    services.close_afname(sociogram)
    messages.success(request, _("De afname is gesloten; de codes werken niet meer."))
    return redirect(detail_url(sociogram, access))


def results_context(sociogram, respondents, nominations, request) -> dict:
    """The analysis and both pictures, with the page's filters (question, negative, pupil)."""
    asked = {x["key"]: x for x in sociogram.asked}
    only = request.GET.get("vraag") if request.GET.get("vraag") in asked else None
    result = services.run_analysis(sociogram, respondents, nominations, only=only)
    names = {str(r.pk): r.pupil.display_name for r in respondents}
    by_code = {str(r.code): str(r.pk) for r in respondents}
    focus = by_code.get(request.GET.get("leerling", ""))
    has_negative_questions = any(x["polarity"] == q.NEGATIVE for x in asked.values())
    show_negative = has_negative_questions and request.GET.get("negatief") == "1"
    rows = []
    for r in respondents:
        row = result.pupils[str(r.pk)]
        rows.append(
            {
                "respondent": r,
                "r": row,
                "chose": sorted(names[x] for x in row.chose),
                "chosen_by": sorted(names[x] for x in row.chosen_by),
                "mutual": sorted(names[x] for x in row.mutual_friends),
                "rejected_by": sorted(names[x] for x in row.rejected_by),
                "mutual_rejections": sorted(names[x] for x in row.mutual_rejections),
            }
        )
    focused = next((row for row in rows if str(row["respondent"].pk) == focus), None)
    return {
        "result": result,
        "rows": rows,
        "names": names,
        "network": charts.network(result, names, negative=show_negative, focus=focus),
        "target": charts.target(result, names, negative=show_negative, focus=focus),
        "only": asked.get(only) if only else None,
        "show_negative": show_negative,
        "has_negative_questions": has_negative_questions,
        "focused": focused,
        "subgroups": [sorted(names[p] for p in members) for members in result.subgroups],
        "bridges": sorted(names[p] for p in result.bridges),
        "statuses": [(key, charts.STYLES[key]) for key in charts.STYLES if key],
    }


def _detail_page(
    request, access, sociogram, *, reflection_form=None, theirs=None, status: int = 200
):
    respondents = selectors.respondents_of(sociogram)
    nominations = selectors.nominations_of(sociogram)
    answered = [r for r in respondents if r.answered_at]
    labels = content.reflection_labels()
    if reflection_form is None:
        initial = {
            **sociogram.reflection,
            **sociogram.reflection.get("plan", {}),
            "version": sociogram.reflection_version,
        }
        reflection_form = ReflectionForm(initial=initial, labels=labels)
    context = {
        "sociogram": sociogram,
        "group": sociogram.group,
        "respondents": respondents,
        "answered": len(answered),
        "reflection_form": reflection_form,
        "theirs": theirs,
        "theirs_fields": _reflection_fields(theirs.reflection) if theirs else {},
        "stap2": content.step("stap-2"),
        "stap4": content.step("stap-4"),
        "plan_label": labels["plan"],
        "min_participation": 80,
    }
    if answered and not sociogram.purged_at:
        context.update(results_context(sociogram, respondents, nominations, request))
        services.log_access(access=access, group=sociogram.group, what=Seen.RESULTS)
    return render(request, "sociogram/detail.html", context, status=status)


def _reflection_fields(reflection: dict) -> dict[str, str]:
    """A saved reflection by form field (the plan's parts flattened)."""
    return {**reflection, **reflection.get("plan", {})}


@school_view()
@require_GET
def detail(request, access: SchoolAccess, code):
    """The sociogram: the afname, the results with both pictures, stap 3 and 4."""
    sociogram = permissions.get_sociogram(access, code)
    return _detail_page(request, access, sociogram)


@school_view()
@require_POST
def reflection(request, access: SchoolAccess, code):
    sociogram = permissions.get_sociogram(access, code)
    labels = content.reflection_labels()
    form = ReflectionForm(request.POST, labels=labels)
    if not form.is_valid():
        # Too long a field: the page again with the message and all that was typed.
        messages.error(request, _("Je reflectie is niet opgeslagen; zie de rode melding."))
        return _detail_page(request, access, sociogram, reflection_form=form, status=400)
    theirs = services.save_reflection(
        sociogram=sociogram,
        data=form.reflection(),
        version=form.cleaned_data["version"] or 0,
        user=request.user,
    )
    if theirs is not None:
        # The next save is a deliberate choice for this person's text over theirs.
        data = request.POST.copy()
        data["version"] = str(theirs.reflection_version)
        form = ReflectionForm(data, labels=labels)
        form.is_valid()
        return _detail_page(
            request, access, sociogram, reflection_form=form, theirs=theirs, status=409
        )
    messages.success(request, _("Je reflectie en plan zijn opgeslagen."))
    return redirect(detail_url(sociogram, access) + "#stap-3")


NUMBER = re.compile(r"[0-9]+")


@school_view()
@require_http_methods(["GET", "POST"])
def paper(request, access: SchoolAccess, code):
    """The answers from the paper questionnaires: one row per pupil, one cell per question,
    the numbers of the classmates chosen typed in (Tab to the next cell).

    Nothing is stored until every row is right; then only the rows this person
    changed, and of those not the ones a colleague (or the pupil online) saved
    since the page was loaded: those come back with both versions."""
    sociogram = permissions.get_sociogram(access, code)
    if sociogram.purged_at or sociogram.from_handvat:
        raise PermissionDenied
    respondents = selectors.respondents_of(sociogram)
    number_of = {r.pk: index for index, r in enumerate(respondents, start=1)}
    by_number = {index: r for r, index in ((r, number_of[r.pk]) for r in respondents)}
    asked = sociogram.asked
    keys = [x["key"] for x in asked]
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    typed_rows: dict[int, services.PaperRow] = {}
    conflicts: dict[int, str] = {}
    if request.method == "POST":
        ids = {r.pk for r in respondents}
        for respondent in respondents:
            row = _typed_row(request.POST, respondent, asked, by_number, ids, sociogram, errors)
            values.update(
                {
                    f"p{respondent.pk}-{k}": request.POST.get(f"p{respondent.pk}-{k}", "")
                    for k in keys
                }
            )
            if row is not None:
                typed_rows[respondent.pk] = row
        if not errors:
            conflicts = services.save_paper_rows(
                sociogram=sociogram, rows=list(typed_rows.values())
            )
            if not conflicts:
                messages.success(request, _("De antwoorden van papier zijn opgeslagen."))
                return redirect(detail_url(sociogram, access))
        else:
            messages.error(
                request,
                _("Er is niets opgeslagen. Verbeter de rood gemarkeerde vakjes."),
            )
    existing: dict[tuple[int, str], list[int]] = {}
    for key, rater, chosen in selectors.nominations_of(sociogram):
        existing.setdefault((rater, key), []).append(chosen)
    rows = []
    for respondent in respondents:
        saved_answers = {k: existing.get((respondent.pk, k), []) for k in keys}
        saved_state = services.paper_state(respondent.answered_at is not None, saved_answers, keys)
        # Kept as typed: a row with an error (nothing was saved) or a conflict.
        keep = bool(errors) or respondent.pk in conflicts
        theirs = None
        if respondent.pk in conflicts:
            took_theirs, their_answers = services.parse_paper_state(conflicts[respondent.pk])
            theirs = {"took_part": took_theirs, "answers": their_answers}
        cells = []
        for x in asked:
            name = f"p{respondent.pk}-{x['key']}"
            if keep and name in values:
                value = values[name]
            else:
                value = _numbers(saved_answers[x["key"]], number_of)
            their_value = _numbers(theirs["answers"].get(x["key"], []), number_of) if theirs else ""
            cells.append(
                {
                    "name": name,
                    "value": value,
                    "error": errors.get(name),
                    "question": x,
                    "theirs": their_value,
                }
            )
        if keep and request.method == "POST":
            took_part = request.POST.get(f"p{respondent.pk}-deed-mee") == "1"
            was = (
                saved_state
                if respondent.pk in conflicts
                else request.POST.get(f"p{respondent.pk}-was", saved_state)
            )
        else:
            took_part, was = respondent.answered_at is not None, saved_state
        rows.append(
            {
                "respondent": respondent,
                "number": number_of[respondent.pk],
                "cells": cells,
                "took_part": took_part,
                "was": was,
                "theirs": theirs,
            }
        )
    context = {
        "sociogram": sociogram,
        "group": sociogram.group,
        "rows": rows,
        "asked": asked,
        "conflicts": bool(conflicts),
    }
    services.log_access(access=access, group=sociogram.group, what=Seen.PAPER)
    status = 400 if errors else (409 if conflicts else 200)
    return render(request, "sociogram/paper.html", context, status=status)


def _numbers(ids: list[int], number_of: dict[int, int]) -> str:
    return " ".join(str(n) for n in sorted(number_of[i] for i in ids if i in number_of))


def _typed_row(post, respondent, asked, by_number, ids, sociogram, errors):
    """One row of the grid as typed, or None with its errors noted at the cells."""
    prefix = f"p{respondent.pk}-"
    if not any(name.startswith(prefix) for name in post):
        return None  # a pupil placed in the group after the page was loaded
    field_values = {x["key"]: post.get(f"{prefix}{x['key']}", "") for x in asked}
    took_part = post.get(f"{prefix}deed-mee") == "1" or any(
        v.strip() for v in field_values.values()
    )
    answers = {}
    for key, text in field_values.items():
        parts = text.replace(",", " ").split()
        # Compared as text: int() of a very long number would raise.
        known = {str(n): n for n in by_number}
        if not all(NUMBER.fullmatch(part) and part.lstrip("0") in known for part in parts):
            message = _(
                "Typ alleen nummers van de lijst (1 tot en met %(n)s), met spaties ertussen."
            )
            errors[f"{prefix}{key}"] = message % {"n": len(by_number)}
            continue
        answers[key] = [by_number[known[part.lstrip("0")]].pk for part in parts]
    if any(k.startswith(prefix) for k in errors):
        return None
    try:
        cleaned = services.check_answers(sociogram, respondent, answers, ids)
    except services.AnswerError as error:
        errors[f"{prefix}{asked[0]['key']}"] = str(error)
        return None
    return services.PaperRow(
        respondent_id=respondent.pk,
        # No row as the page showed it (not from this page): never taken as unchanged.
        was=post.get(f"{prefix}was", "")[:2000],
        took_part=took_part,
        answers=cleaned,
    )


@school_view()
@require_http_methods(["GET", "POST"])
def notes(request, access: SchoolAccess, group_code):
    """Stap 3: per pupil what the teacher knows (flags and a note), this group, this year."""
    group = _group(access, group_code)
    permissions.require_run(access, group)
    pupils = list(
        Pupil.objects.active()
        .filter(placements__group=group, placements__school_year_id=group.school_year_id)
        .order_by("display_name")
    )
    existing = selectors.notes_of(group)
    forms = []
    for pupil in pupils:
        forms.append((pupil, _note_form(request.POST or None, pupil, existing.get(pupil.pk))))
    conflicts: dict[int, PupilNote] = {}
    if request.method == "POST":
        if all(form.is_valid() for _p, form in forms):
            for pupil, form in forms:
                data = form.cleaned_data
                mine = services.note_digest(data["flags"], data["note"])
                if not any(name.startswith(form.prefix + "-") for name in request.POST):
                    continue  # a pupil placed in the group after the page was loaded
                if data["was"] and mine == data["was"]:
                    continue  # not changed here: a colleague's save since stays as it is
                theirs = services.save_note(
                    group=group,
                    pupil=pupil,
                    flags=data["flags"],
                    note=data["note"],
                    user=request.user,
                    version=data["version"] or 0,
                )
                if theirs is not None:
                    conflicts[pupil.pk] = theirs
            if not conflicts:
                messages.success(request, _("De notities zijn opgeslagen."))
                return redirect("sociogram:notes", access.school.slug, group.code)
            existing = selectors.notes_of(group)
            forms = [(pupil, _rebound(form, pupil, conflicts, existing)) for pupil, form in forms]
        else:
            messages.error(request, _("Niet alles kon worden opgeslagen; zie de rode meldingen."))
    services.log_access(access=access, group=group, what=Seen.NOTES)
    rows = [(pupil, form, conflicts.get(pupil.pk)) for pupil, form in forms]
    context = {"group": group, "forms": rows, "flags": Flag, "conflicts": bool(conflicts)}
    status = 200 if request.method == "GET" else (409 if conflicts else 400)
    return render(request, "sociogram/notes.html", context, status=status)


def _note_form(data, pupil, note, **initial) -> NoteForm:
    flags, text = (note.flags, note.note) if note else ([], "")
    base = {
        "flags": flags,
        "note": text,
        "version": note.version if note else 0,
        "was": services.note_digest(flags, text),
    }
    return NoteForm(
        data, prefix=f"l{pupil.pk}", initial={**base, **initial}, auto_id=f"id_%s_{pupil.pk}"
    )


def _rebound(form: NoteForm, pupil, conflicts: dict, saved: dict) -> NoteForm:
    """After a save with conflicts: conflicting rows keep what this person typed, with
    the colleague's version as their base (saving again is a choice for this text);
    the other rows show what is saved now."""
    theirs = conflicts.get(pupil.pk)
    if theirs is None:
        return _note_form(None, pupil, saved.get(pupil.pk))
    data = form.data.copy()
    data[form.add_prefix("version")] = str(theirs.version)
    data[form.add_prefix("was")] = services.note_digest(theirs.flags, theirs.note)
    rebound = _note_form(data, pupil, theirs)
    rebound.is_valid()
    return rebound


@school_view(Role.BEHEERDER)
@require_GET
def access_log(request, access: SchoolAccess):
    """Who looked at or printed which group's sociogram, and when (never what)."""
    records = list(AccessRecord.objects.filter(school=access.school)[:500])
    return render(request, "sociogram/access_log.html", {"records": records})


@school_view()
@require_GET
def compare(request, access: SchoolAccess, code):
    """Two measurements of a group: who left or entered isolation, cohesion before and after."""
    sociogram = permissions.get_sociogram(access, code)
    others = list(
        Sociogram.objects.filter(group=sociogram.group, source_round=None)
        .exclude(pk=sociogram.pk)
        .order_by("created_at")
    )
    other = next((s for s in others if str(s.code) == request.GET.get("met", "")), None)
    context = {"sociogram": sociogram, "group": sociogram.group, "others": others, "other": other}
    if other is not None:
        before, after = sorted(
            (selectors.measurement(sociogram), selectors.measurement(other)),
            key=lambda m: m.sociogram.created_at,
        )
        names = {
            str(p.code): p.display_name
            for p in Pupil.objects.filter(
                school=access.school, code__in=before.isolated | after.isolated
            )
        }
        both = before.took_part & after.took_part
        context.update(
            {
                "before": before,
                "after": after,
                "out_of_isolation": sorted(
                    names[c] for c in (before.isolated - after.isolated) & both
                ),
                "into_isolation": sorted(
                    names[c] for c in (after.isolated - before.isolated) & both
                ),
                "still_isolated": sorted(names[c] for c in before.isolated & after.isolated & both),
            }
        )
        services.log_access(access=access, group=sociogram.group, what=Seen.RESULTS)
    return render(request, "sociogram/compare.html", context)
