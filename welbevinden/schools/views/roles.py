"""The role log (for the beheerders) and a member's own account page with their role history."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools.forms import ROLE_HELP
from welbevinden.schools.models import Role, RoleChange, SchoolYear

ROLE_CHANGES_PER_PAGE = 50


@school_view(Role.BEHEERDER)
@require_GET
def role_log(request, access: SchoolAccess):
    changes = RoleChange.objects.filter(school=access.school).select_related(
        "membership__user", "changed_by"
    )
    page = Paginator(changes, ROLE_CHANGES_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "schools/role_log.html", {"page": page})


@school_view()
@require_GET
@cached_page
def my_account(request, access: SchoolAccess):
    """Who the member is here: their roles, their groups and how their roles changed."""
    membership = access.membership
    school = access.school
    groups = membership.taught_groups.filter(
        school_year__in=SchoolYear.objects.filter(school=school).not_before(school.current_year())
    ).select_related("school_year")
    context = {
        "roles": [(role, ROLE_HELP[role]) for role in membership.roles],
        "groups": groups.order_by("school_year__start_year", "name"),
        "history": membership.role_changes.select_related("changed_by", "membership"),
    }
    return render(request, "schools/my_account.html", context)
