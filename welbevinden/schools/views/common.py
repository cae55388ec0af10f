from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from welbevinden.access import SchoolAccess
from welbevinden.schools.models import SchoolYear

# Any code: a link reversed once with it, then swapped for each row's.
ANY_CODE = "00000000-0000-0000-0000-000000000000"


def selected_year(request: HttpRequest, access: SchoolAccess) -> SchoolYear | None:
    """The school year chosen with ?jaar=<code>, else the current one."""
    years = SchoolYear.objects.filter(school=access.school)
    code = request.GET.get("jaar")
    if code:
        for year in years:
            if str(year.code) == code:
                return year
    return access.school.current_year()


def years_and_selected(
    request: HttpRequest, access: SchoolAccess
) -> tuple[list[SchoolYear], SchoolYear | None]:
    """The school's years and the one ``selected_year`` picks, from one query."""
    years = list(SchoolYear.objects.filter(school=access.school))
    code = request.GET.get("jaar")
    if code:
        for year in years:
            if str(year.code) == code:
                return years, year
    return years, next((year for year in years if year.is_current), None)


def school_url(access: SchoolAccess, name: str, *args) -> str:
    return reverse(name, args=[access.school.slug, *args])


def safe_next(request: HttpRequest) -> str | None:
    """The ``next`` the form posted, if it is a path on this site.

    Only a path: ``redirect()`` takes anything else for a view's name and fails
    on a ``next`` such as ``0`` with a server error.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return None
