from django.shortcuts import render
from django.views.decorators.http import require_GET

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Group, Invitation, Membership, Pupil, Role


@school_view(Role.BEHEERDER)
@require_GET
@cached_page
def overview(request, access: SchoolAccess):
    school = access.school
    year = school.current_year()
    context = {
        "year": year,
        "group_count": Group.objects.filter(school_year=year).count() if year else 0,
        "pupil_count": Pupil.objects.filter(school=school).active().count(),
        "member_count": Membership.objects.filter(school=school).active().count(),
        "invitation_count": Invitation.objects.filter(school=school).pending().count(),
    }
    return render(request, "schools/overview.html", context)
