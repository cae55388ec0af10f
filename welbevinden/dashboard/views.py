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
    school = access.school
    year = school.current_year()
    groups = Group.objects.none()
    if year is not None:
        groups = (
            Group.objects.filter(school_year=year)
            .annotate(
                pupil_count=Count(
                    "placements", filter=Q(placements__pupil__archived_at__isnull=True)
                )
            )
            .annotate(
                is_mine=Exists(
                    Group.teachers.through.objects.filter(
                        group=OuterRef("pk"), membership=access.membership
                    )
                )
            )
            .order_by("name")
        )
        if access.has_role(Role.LERAAR):
            groups = climate.with_last_entry(groups, access.membership)
            groups = sociogram.with_last_seating(groups)
    my_groups = [g for g in groups if g.is_mine]
    context = {
        "greeting": _greeting(),
        "year": year,
        "rings": pond_rings(),
        "my_groups": my_groups if access.has_role(Role.LERAAR) else [],
        "all_groups": list(groups) if access.has_role(Role.IB) else [],
        "plans": circles.open_plans(access.membership),
        # Actions of the team agenda assigned to this member.
        "actions": checklists.my_actions(access.membership),
        "climate_reminders": (
            climate.reminders(my_groups, year, timezone.localdate())
            if access.has_role(Role.LERAAR)
            else []
        ),
        "remeasure": (
            sociogram.remeasure_suggestions(my_groups) if access.has_role(Role.LERAAR) else []
        ),
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
