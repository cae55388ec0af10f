from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools import rollover, services
from welbevinden.schools.forms import SchoolYearForm
from welbevinden.schools.models import Group, Role, SchoolYear
from welbevinden.text import is_one_line


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
@cached_page
def year_list(request, access: SchoolAccess):
    form = SchoolYearForm(request.POST or None, school=access.school)
    if form.is_valid():
        year = services.add_school_year(
            school=access.school,
            start_year=form.cleaned_data["start_year"],
            make_current=form.cleaned_data["make_current"],
        )
        messages.success(request, _("Schooljaar %s is toegevoegd.") % year.name)
        return redirect("schools:year_list", access.school.slug)
    years = SchoolYear.objects.filter(school=access.school).annotate(
        group_count=Count("groups", distinct=True),
        pupil_count=Count(
            "placements",
            filter=Q(placements__pupil__archived_at__isnull=True),
            distinct=True,
        ),
    )
    return render(request, "schools/year_list.html", {"years": years, "form": form})


@school_view(Role.BEHEERDER)
@require_POST
def year_make_current(request, access: SchoolAccess, code):
    year = access.get(SchoolYear, code)
    services.make_year_current(year=year)
    messages.success(request, _("%s is nu het huidige schooljaar.") % year.name)
    return redirect("schools:year_list", access.school.slug)


def _rollover_choices(request, rollover_groups) -> tuple[dict, dict]:
    """Group code -> (name, leaves) as posted, and code -> the problem with it."""
    choices, errors = {}, {}
    for group in rollover_groups:
        code = str(group.code)
        name = request.POST.get(f"name_{code}", "").strip()
        leaves = request.POST.get(f"leaves_{code}") == "on"
        if not leaves and not name:
            errors[code] = _("Geef een naam, of vink aan dat deze leerlingen vertrekken.")
        elif len(name) > 60:
            errors[code] = _("Een naam is hooguit 60 tekens.")
        elif not is_one_line(name):
            errors[code] = _("Een naam past op één regel, zonder tabs of onzichtbare tekens.")
        choices[code] = (name, leaves)
    return choices, errors


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def year_rollover(request, access: SchoolAccess):
    year = access.school.current_year()
    if year is None:
        messages.info(request, _("Er is nog geen huidig schooljaar om van door te schuiven."))
        return redirect("schools:year_list", access.school.slug)
    choices, errors = None, {}
    make_current = request.method == "GET" or request.POST.get("make_current") == "on"
    if request.method == "POST":
        groups = list(Group.objects.filter(school_year=year))
        choices, errors = _rollover_choices(request, groups)
        if not errors and request.POST.get("action") == "confirm":
            plan = rollover.apply_rollover(
                school=access.school, year=year, choices=choices, make_current=make_current
            )
            next_year = SchoolYear.objects.get(school=access.school, start_year=plan.start_year)
            messages.success(
                request,
                _(
                    "Doorgeschoven naar %(year)s: %(movers)d leerlingen in hun nieuwe groep, "
                    "%(leavers)d vertrokken leerlingen gearchiveerd."
                )
                % {
                    "year": next_year.name,
                    "movers": plan.mover_count,
                    "leavers": plan.leaver_count,
                },
            )
            return redirect(
                reverse("schools:group_list", args=[access.school.slug]) + f"?jaar={next_year.code}"
            )
    plan = rollover.plan_rollover(school=access.school, year=year, choices=choices)
    context = {
        "plan": plan,
        "errors": errors,
        "make_current": make_current,
        "last_level": rollover.last_level(access.school),
    }
    return render(request, "schools/year_rollover.html", context, status=400 if errors else 200)
