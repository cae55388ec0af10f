from django.db.models import IntegerField, Subquery
from django.shortcuts import render
from django.views.decorators.http import require_GET

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.models import Group, Invitation, Membership, Pupil, Role, School


class _Count(Subquery):
    """The number of rows of a queryset, as a value of another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)


@school_view(Role.BEHEERDER)
@require_GET
@cached_page
def overview(request, access: SchoolAccess):
    school = access.school
    year = school.current_year()
    # Without a current year, school_year IS NULL: no group (as before, 0).
    groups = Group.objects.filter(school_year=year)
    # The four counts in one query (issue 24).
    counts = (
        School.objects.filter(pk=school.pk)
        .annotate(
            group_count=_Count(groups),
            pupil_count=_Count(Pupil.objects.filter(school=school).active()),
            member_count=_Count(Membership.objects.filter(school=school).active()),
            invitation_count=_Count(Invitation.objects.filter(school=school).pending()),
        )
        .values("group_count", "pupil_count", "member_count", "invitation_count")
        .get()
    )
    return render(request, "schools/overview.html", {"year": year, **counts})
