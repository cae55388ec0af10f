"""The school's home page: the top floor, reading the feature apps through their selectors."""

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from checklists import selectors as checklists
from circles import selectors as circles
from circles.climate import selectors as climate
from sociogram import selectors as sociogram
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.core.pond import pond_rings
from welbevinden.dashboard import sections
from welbevinden.dashboard.forms import dashboard_for
from welbevinden.schools.models import Group, Role


def _greeting() -> str:
    hour = timezone.localtime().hour
    if hour < 12:
        return _("Goedemorgen")
    if hour < 18:
        return _("Goedemiddag")
    return _("Goedenavond")


@school_view()
@require_GET
@cached_page
def home(request, access: SchoolAccess):
    is_leraar, is_ib = access.has_role(Role.LERAAR), access.has_role(Role.IB)
    groups: list[Group] = []
    if is_leraar or is_ib:
        # The current year comes with the groups (one query, not two); an IB'er
        # sees every group, a teacher only their own.
        groups_query = (
            Group.objects.filter(school_year__school=access.school, school_year__is_current=True)
            .select_related("school_year")
            .annotate(
                pupil_count=Count(
                    "placements", filter=Q(placements__pupil__archived_at__isnull=True)
                )
            )
            .order_by("name")
        )
        if is_ib:
            groups_query = groups_query.annotate(
                is_mine=Exists(
                    Group.teachers.through.objects.filter(
                        group=OuterRef("pk"), membership=access.membership
                    )
                )
            )
        else:
            groups_query = groups_query.filter(teachers=access.membership)
        if is_leraar:
            groups_query = climate.with_last_entry(groups_query, access.membership)
            groups_query = sociogram.with_last_seating(groups_query)
        groups = list(groups_query)
    year = groups[0].school_year if groups else access.school.current_year()
    my_groups = [g for g in groups if g.is_mine] if is_ib else groups
    context = {
        "greeting": _greeting(),
        "year": year,
        "rings": pond_rings(),
        "my_groups": my_groups if is_leraar else [],
        "all_groups": groups if is_ib else [],
        "plans": circles.open_plans(access.membership),
        # Actions of the team agenda assigned to this member.
        "actions": checklists.my_actions(access.membership),
        "climate_reminders": (
            climate.reminders(my_groups, year, timezone.localdate()) if is_leraar else []
        ),
        "remeasure": sociogram.remeasure_suggestions(my_groups) if is_leraar else [],
    }
    return render(request, "dashboard/home.html", context)


@school_view(*sections.DASHBOARD_ROLES)
@require_GET
@cached_page
def school(request, access: SchoolAccess):
    """The school dashboard: per circle what was done and where the school stands."""
    form, dashboard = dashboard_for(access, request.GET, fragments=sections.PAGE)
    return render(
        request,
        "dashboard/school.html",
        {
            "form": form,
            "dashboard": dashboard,
            "can_report": access.has_role(*sections.REPORT_ROLES),
        },
    )
