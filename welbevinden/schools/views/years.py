from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from welbevinden.access import SchoolAccess, school_view
from welbevinden.schools import services
from welbevinden.schools.forms import SchoolYearForm
from welbevinden.schools.models import Role, SchoolYear


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
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
