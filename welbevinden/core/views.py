from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from welbevinden.access import SESSION_SCHOOL_KEY, SchoolAccess, school_view
from welbevinden.core.pond import pond_rings
from welbevinden.schools.models import Group, Membership, Role


@require_GET
@login_required
def home(request):
    """Send a member to their school; someone in several schools picks one."""
    memberships = list(
        request.user.memberships.filter(is_active=True)
        .select_related("school")
        .order_by("school__name")
    )
    remembered = request.session.get(SESSION_SCHOOL_KEY)
    for membership in memberships:
        if membership.school.slug == remembered or len(memberships) == 1:
            return redirect("core:school_home", membership.school.slug)
    return render(request, "core/choose_school.html", {"memberships": memberships})


def _greeting() -> str:
    hour = timezone.localtime().hour
    if hour < 12:
        return _("Goedemorgen")
    if hour < 18:
        return _("Goedemiddag")
    return _("Goedenavond")


@school_view()
@require_GET
def school_home(request, access: SchoolAccess):
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
            .prefetch_related(
                Prefetch("teachers", queryset=Membership.objects.select_related("user"))
            )
            .order_by("name")
        )
    my_groups = [g for g in groups if access.membership in g.teachers.all()]
    context = {
        "greeting": _greeting(),
        "year": year,
        "rings": pond_rings(),
        "my_groups": my_groups if access.has_role(Role.LERAAR) else [],
        "all_groups": list(groups) if access.has_role(Role.IB) else [],
        "Role": Role,
    }
    return render(request, "core/school_home.html", context)
