"""The climate log: a group's timeline, logging an entry, the IB overview."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from circles.climate import charts, content, permissions, selectors, services
from circles.climate import class_mode as class_mode_access
from circles.climate.forms import (
    ClassAgreementsForm,
    ClassConversationForm,
    ClassModeStartForm,
    EntryForm,
    ReminderSettingsForm,
)
from circles.climate.models import ClassAgreements, Feeling
from circles.selectors import my_groups
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Group, Role
from welbevinden.suppression import suppress_tally

# Any code: a link reversed once with it, then swapped for each entry's.
_ANY_CODE = "00000000-0000-0000-0000-000000000000"


def _group(access: SchoolAccess, code) -> Group:
    return access.get(Group, code, Group.objects.select_related("school_year"))


@school_view()
@require_GET
def index(request, access: SchoolAccess):
    """Where the log starts: a teacher's groups, the IB'ers' overview, the school's counts."""
    today = timezone.localdate()
    groups = my_groups(access.membership) if access.has_role(Role.LERAAR) else []
    status = selectors.circle_status(access.membership, groups) if groups else {}
    context = {
        "groups": [(group, status[group.id]) for group in groups],
        "intro": content.intro(),
        "can_settings": access.has_role(Role.BEHEERDER, Role.KERNTEAM),
    }
    year = access.school.current_year()
    if year and access.has_role(Role.KERNTEAM, Role.DIRECTIE) and not access.has_role(Role.IB):
        # The school dashboard's figures, under its rules for counts of groups.
        from welbevinden.dashboard.sections import Span, viewer_for

        viewer = viewer_for(access, year, today)
        figures = selectors.climate_figures(viewer, Span(year))
        context["counts"] = [(option, figures.now.cells[option.key]) for option in figures.levels]
        context["counts_total"] = figures.now.total
        context["counts_hidden"] = figures.now.any_hidden
        context["counts_groups"] = figures.groups
        context["min_groups"] = settings.MIN_GROUPS_SHOWN
        context["cutoff"] = viewer.cutoff
    return render(request, "climate/index.html", context)


@school_view()
@require_GET
@cached_page
def group_log(request, access: SchoolAccess, group_code):
    """A group's timeline this school year: the chart, and the entries under it."""
    group = _group(access, group_code)
    can_write = permissions.can_write(access, group)
    if not can_write:  # one "teaches" query, not two
        permissions.require_read(access, group)
    year = group.school_year
    entries = list(
        selectors.entries_of(access.membership, group).filter(
            day__gte=year.starts_on, day__lte=year.ends_on
        )
    )
    # Each entry's links, reversed once for the page rather than per entry (issue 24).
    followed_up_url = reverse("climate:followed_up", args=[access.school.slug, _ANY_CODE])
    edit_url = reverse("climate:entry_edit", args=[access.school.slug, _ANY_CODE])
    for entry in entries:
        code = str(entry.code)
        entry.followed_up_url = followed_up_url.replace(_ANY_CODE, code)
        entry.edit_url = edit_url.replace(_ANY_CODE, code)
    context = {
        "group": group,
        "entries": entries,
        "chart": charts.for_entries(entries, year.starts_on, year.ends_on),
        "chart_list": charts.list_for_entries(entries),
        "levels": content.levels(),
        "phases": content.phases(),
        "can_write": can_write,
        "me": access.user.pk,
        "conversations": list(selectors.conversations_of(group)[:5]),
        "agreements": selectors.agreements_of(group),
    }
    return render(request, "climate/group_log.html", context)


@school_view()
@require_http_methods(["GET", "POST"])
@create_once
def entry_new(request, access: SchoolAccess, group_code):
    group = _group(access, group_code)
    permissions.require_write(access, group)
    form = EntryForm(request.POST or None)
    if form.is_valid():
        entry = form.save(commit=False)
        entry.school, entry.group, entry.author = access.school, group, request.user
        entry.save()
        messages.success(request, _("Je klimaatnotitie is opgeslagen."))
        return redirect("climate:group_log", access.school.slug, group.code)
    return render(
        request, "climate/entry_form.html", {"form": form, "group": group, **_form_context()}
    )


def _form_context() -> dict:
    return {
        "levels": content.levels(),
        "phases": content.phases(),
        "time_question": content.question_label("voldoende"),
        "approach_question": content.question_label("proactief"),
        "level_question": content.question_label("klimaat"),
        "moments_question": content.question_label(content.MOMENTS_KEY),
        "reflection_questions": content.reflection_questions(),
    }


@school_view()
@require_http_methods(["GET", "POST"])
def entry_edit(request, access: SchoolAccess, code):
    entry = permissions.get_entry(access, code)
    if not permissions.can_edit_entry(access, entry):
        raise PermissionDenied
    form = EntryForm(request.POST or None, instance=entry)
    if form.is_valid():
        form.save()
        messages.success(request, _("Je klimaatnotitie is bijgewerkt."))
        return redirect("climate:group_log", access.school.slug, entry.group.code)
    return render(
        request,
        "climate/entry_form.html",
        {"form": form, "group": entry.group, "entry": entry, **_form_context()},
    )


@school_view()
@require_POST
def entry_followed_up(request, access: SchoolAccess, code):
    """Tick off (or undo) that the action of an entry was carried out."""
    entry = permissions.get_entry(access, code)
    permissions.require_write(access, entry.group)
    entry.followed_up_at = None if entry.followed_up_at else timezone.now()
    entry.save(update_fields=["followed_up_at", "updated_at"])
    return redirect(f"{_log_url(access, entry.group)}#notitie-{entry.code}")


def _log_url(access, group) -> str:
    return reverse("climate:group_log", args=[access.school.slug, group.code])


@school_view(Role.IB)
@require_GET
@cached_page
def overview(request, access: SchoolAccess):
    """Every group's latest shared climate: where a groepsbespreking starts."""
    rows = selectors.overview(access.school, timezone.localdate())
    context = {
        "school": access.school,
        "rows": rows,
        "fell": [r for r in rows if r.fell],
        "negative": [r for r in rows if r.negative],
        "stale": [r for r in rows if r.stale],
    }
    return render(request, "climate/overview.html", context)


@school_view(Role.BEHEERDER, Role.KERNTEAM)
@require_http_methods(["GET", "POST"])
def reminder_settings(request, access: SchoolAccess):
    instance = selectors.settings_for(access.school)
    form = ReminderSettingsForm(request.POST or None, instance=instance)
    if form.is_valid():
        form.save()
        messages.success(request, _("De herinneringen zijn aangepast."))
        return redirect("climate:index", access.school.slug)
    return render(request, "climate/settings.html", {"form": form})


@school_view()
@require_http_methods(["GET", "POST"])
@create_once
def conversation_new(request, access: SchoolAccess, group_code):
    """Record a class conversation: the handreiking's questions used and what came out."""
    group = _group(access, group_code)
    permissions.require_write(access, group)
    form = ClassConversationForm(request.POST or None)
    if form.is_valid():
        conversation = form.save(commit=False)
        conversation.school, conversation.group = access.school, group
        conversation.author = request.user
        conversation.save()
        messages.success(request, _("Het klassengesprek is opgeslagen."))
        return redirect(f"{_log_url(access, group)}#klassengesprek")
    context = {"form": form, "group": group, "step": content.class_conversation_step()}
    return render(request, "climate/conversation_form.html", context)


@school_view()
@require_http_methods(["GET", "POST"])
def agreements_edit(request, access: SchoolAccess, group_code):
    """The group's klassenafspraken, for the poster in the classroom."""
    group = _group(access, group_code)
    permissions.require_write(access, group)
    instance = selectors.agreements_of(group) or ClassAgreements(school=access.school, group=group)
    form = ClassAgreementsForm(request.POST or None, instance=instance)
    if form.is_valid():
        agreements = form.save(commit=False)
        agreements.updated_by = request.user
        agreements.save()
        messages.success(request, _("De klassenafspraken zijn opgeslagen."))
        return redirect(f"{_log_url(access, group)}#klassenafspraken")
    return render(request, "climate/agreements_form.html", {"form": form, "group": group})


# Gevoelsthermometer -----------------------------------------------------------

TREND_DAYS = 28


def _feelings() -> list[tuple[str, str]]:
    return [(feeling.value, feeling.label) for feeling in Feeling]


@school_view()
@require_GET
def thermometer(request, access: SchoolAccess, group_code):
    """The group's gevoelsthermometer over the last four weeks.

    The group's own teachers see every count; anyone else (the IB'ers) sees
    only days that are over, each through ``suppress_tally``: all its counts or
    none, and a day with too few taps not at all. Today is left out for them
    because it still changes: two looks a tap apart would show that tap.
    """
    group = _group(access, group_code)
    own_view = permissions.can_write(access, group)
    if not own_view:
        permissions.require_read(access, group)
    today = timezone.localdate()
    since = today - datetime.timedelta(days=TREND_DAYS)
    keys = [key for key, _label in _feelings()]
    days = []
    for feeling_day in selectors.feeling_days(group, since):
        counts = feeling_day.counts
        if not own_view:
            if feeling_day.day >= today:
                continue  # still open: the difference between two looks is a tap
            shown = suppress_tally(counts, settings.MIN_GROUP_SIZE)
            if shown.total is None:
                continue  # too few taps that day to say anything
            counts = shown.cells
        label = date_format(feeling_day.day, "D j F")
        days.append((label, keys, [counts[k] for k in keys]))
    context = {
        "group": group,
        "own_view": own_view,
        "chart": charts.feelings(days),
        "feelings": _feelings(),
        "min_group_size": settings.MIN_GROUP_SIZE,
        "passage_blocks": [{"p": content.thermometer_passage()}],
    }
    return render(request, "climate/thermometer.html", context)


@school_view()
@require_GET
def class_mode(request, access: SchoolAccess, group_code):
    """The classroom screen: five large faces, no names, no counts; or the unlock form."""
    group = _group(access, group_code)
    permissions.require_write(access, group)
    if not class_mode_access.is_on_for(request, group):
        minutes = settings.CLASS_MODE_MINUTES
        context = {"group": group, "form": ClassModeStartForm(), "minutes": minutes}
        return render(request, "climate/class_mode_start.html", context)
    context = {"group": group, "feelings": _feelings(), "thanks": "dank" in request.GET}
    return render(request, "climate/class_mode.html", context)


@school_view()
@require_POST
def class_mode_start(request, access: SchoolAccess, group_code):
    """The teacher unlocks class mode for one group, optionally with a PIN to end it."""
    group = _group(access, group_code)
    permissions.require_write(access, group)
    form = ClassModeStartForm(request.POST)
    if not form.is_valid():
        context = {"group": group, "form": form, "minutes": settings.CLASS_MODE_MINUTES}
        return render(request, "climate/class_mode_start.html", context, status=400)
    class_mode_access.start(
        request, school_slug=access.school.slug, group_code=group.code, pin=form.cleaned_data["pin"]
    )
    return redirect("climate:class_mode", access.school.slug, group.code)


@school_view()
@require_http_methods(["GET", "POST"])
def class_mode_end(request, access: SchoolAccess, group_code):
    """End class mode with the teacher's password or their PIN."""
    group = _group(access, group_code)
    permissions.require_write(access, group)
    status = 200
    wrong = False
    if request.method == "POST":
        if class_mode_access.try_to_end(request, request.POST.get("geheim", "")):
            messages.success(request, _("De klasmodus is beëindigd."))
            return redirect("climate:thermometer", access.school.slug, group.code)
        if class_mode_access.too_many_wrong(request):
            # A pupil guessing: the whole session ends, the teacher logs in again.
            logout(request)
            messages.info(request, _("Te vaak een verkeerde code. Log opnieuw in."))
            return redirect("accounts:login")
        wrong, status = True, 400
    context = {"group": group, "wrong": wrong}
    return render(request, "climate/class_mode_end.html", context, status=status)


@school_view()
@require_POST
def tap(request, access: SchoolAccess, group_code):
    group = _group(access, group_code)
    permissions.require_write(access, group)
    if not class_mode_access.is_on_for(request, group):
        # Taps come from the class mode only, not from a teacher's page.
        return redirect("climate:class_mode", access.school.slug, group.code)
    feeling = request.POST.get("gevoel", "")
    if feeling not in Feeling.values:
        message = _("Kies een van de vijf gezichtjes.")
        if request.htmx:
            return HttpResponse(message, status=400)
        messages.error(request, message)
        return redirect("climate:class_mode", access.school.slug, group.code)
    services.count_feeling(group=group, feeling=feeling, day=timezone.localdate())
    if request.htmx:
        return render(request, "climate/_thanks.html")
    url = reverse("climate:class_mode", args=[access.school.slug, group.code])
    return redirect(f"{url}?dank=1")
