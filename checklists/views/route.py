"""The kernteam's start page: the stappenplan's steps, each with its tool and whether it is done."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from checklists import content
from checklists.models import Action, ChecklistRound, Goal
from checklists.route import STEPS, done_steps, handreiking_section
from checklists.views.common import ROUTE
from circles.content import load_files
from circles.models import Round
from pyramid.models import Pyramid
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Membership, Role


def facts(school, year) -> dict:
    """Counts of this school year, a fixed number of queries."""
    kernteam = list(
        Membership.objects.filter(school=school, is_active=True)
        .with_role(Role.KERNTEAM)
        .select_related("user")
        .order_by("user__full_name")
    )
    round = (
        ChecklistRound.objects.filter(school=school, school_year=year, checklist="beginsituatie")
        .annotate(agreed=Count("agreements"))
        .first()
        if year
        else None
    )
    goals = Goal.objects.filter(school=school, school_year=year).aggregate(
        goals=Count("pk", distinct=True),
        with_actions=Count("pk", filter=Q(actions__isnull=False), distinct=True),
        evaluated=Count("pk", filter=Q(evaluated_on__isnull=False), distinct=True),
    )
    visie = False
    if year is not None:
        visie = Round.objects.filter(
            school=school,
            handvat__key="visie",
            completed_at__date__gte=year.starts_on,
            completed_at__date__lte=year.ends_on,
        ).exists()
    return {
        "kernteam_members": kernteam,
        "kernteam": len(kernteam),
        "items": len(content.items(content.get("beginsituatie"))),
        "agreed": round.agreed if round else 0,
        "round": round,
        "visie": visie,
        "goals": goals["goals"],
        "goals_with_actions": goals["with_actions"],
        "evaluated": goals["evaluated"],
        "pyramid": year is not None and Pyramid.objects.filter(school_year=year).exists(),
        "actions_done": Action.objects.filter(
            goal__school=school, goal__school_year=year, done_at__isnull=False
        ).count(),
    }


@school_view(*ROUTE)
@require_GET
@cached_page
def route(request, access: SchoolAccess):
    year = access.school.current_year()
    found = facts(access.school, year)
    done = done_steps(found)
    slug = access.school.slug
    links = {
        "kernteam": None,
        "beginsituatie": reverse("checklists:checklist", args=[slug, "beginsituatie"]),
        "visie": reverse("circles:handvat", args=[slug, "visie"]),
        "doelen": reverse("checklists:agenda", args=[slug]),
        "plan": reverse("checklists:agenda", args=[slug]),
        "uitvoeren": reverse("checklists:agenda", args=[slug]),
        "terugkijken": reverse("checklists:agenda", args=[slug]),
    }
    steps = [
        {"step": step, "done": step.key in done, "url": links[step.key], "number": n}
        for n, step in enumerate(STEPS, start=1)
    ]
    context = {
        "steps": steps,
        "facts": found,
        "year": year,
        "pyramid_url": reverse("pyramid:page", args=[slug]),
        "next": next((s for s in steps if not s["done"]), None),
        "handreiking": handreiking_section(load_files()["inleiding"]),
    }
    return render(request, "checklists/route.html", context)
