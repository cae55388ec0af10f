from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools import services
from welbevinden.schools.forms import MovePupilForm, PupilForm, PupilListForm
from welbevinden.schools.models import Group, Placement, Pupil, Role, SchoolYear
from welbevinden.schools.views.common import safe_next, school_url, selected_year

PUPILS_PER_PAGE = 100


@school_view(Role.BEHEERDER)
@require_GET
@cached_page
def pupil_list(request, access: SchoolAccess):
    year = selected_year(request, access)
    archived = request.GET.get("status") == "gearchiveerd"
    pupils = Pupil.objects.filter(school=access.school)
    pupils = pupils.archived() if archived else pupils.active()
    query = request.GET.get("q", "").strip()
    if query:
        pupils = pupils.filter(Q(display_name__icontains=query) | Q(lvs_number__iexact=query))
    pupils = pupils.prefetch_related(
        Prefetch(
            "placements",
            queryset=Placement.objects.filter(school_year=year).select_related("group"),
            to_attr="year_placements",
        )
    ).order_by("display_name")
    page = Paginator(pupils, PUPILS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "year": year,
        "years": SchoolYear.objects.filter(school=access.school),
        "page": page,
        "archived": archived,
        "query": query,
    }
    return render(request, "schools/pupil_list.html", context)


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def pupil_add(request, access: SchoolAccess, group_code):
    group = access.get(Group, group_code)
    form = PupilForm(request.POST or None, school=access.school)
    if form.is_valid():
        pupil = services.add_pupil(group=group, **form.cleaned_data)
        messages.success(
            request,
            _("%(pupil)s staat nu in %(group)s.")
            % {"pupil": pupil.display_name, "group": group.name},
        )
        if "nog_een" in request.POST:
            return redirect("schools:pupil_add", access.school.slug, group.code)
        return redirect("schools:group_detail", access.school.slug, group.code)
    return render(request, "schools/pupil_form.html", {"form": form, "group": group})


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def pupil_paste(request, access: SchoolAccess, group_code):
    group = access.get(Group, group_code)
    form = PupilListForm(request.POST or None)
    problems = []
    if form.is_valid():
        existing = set(
            Pupil.objects.filter(school=access.school)
            .exclude(lvs_number="")
            .values_list("lvs_number", flat=True)
        )
        pupils, problems = services.parse_pupil_list(
            form.cleaned_data["names"], existing_lvs_numbers=existing
        )
        if not pupils and not problems:
            form.add_error("names", _("Er staat geen enkele naam in de lijst."))
        elif not problems:
            created = services.add_pupils(group=group, pupils=pupils)
            messages.success(
                request,
                ngettext(
                    "%(count)d leerling toegevoegd aan %(group)s.",
                    "%(count)d leerlingen toegevoegd aan %(group)s.",
                    len(created),
                )
                % {"count": len(created), "group": group.name},
            )
            return redirect("schools:group_detail", access.school.slug, group.code)
    context = {"form": form, "group": group, "problems": problems}
    return render(request, "schools/pupil_paste.html", context)


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def pupil_edit(request, access: SchoolAccess, code):
    pupil = access.get(Pupil, code)
    form = PupilForm(request.POST or None, instance=pupil, school=access.school)
    if form.is_valid():
        form.save()
        messages.success(request, _("De gegevens van %s zijn opgeslagen.") % pupil.display_name)
        return redirect(safe_next(request) or school_url(access, "schools:pupil_list"))
    placements = pupil.placements.select_related("group", "school_year").order_by(
        "-school_year__start_year"
    )
    context = {"form": form, "pupil": pupil, "placements": placements, "next": safe_next(request)}
    return render(request, "schools/pupil_form.html", context)


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def pupil_move(request, access: SchoolAccess, code):
    pupil = access.get(Pupil, code)
    form = MovePupilForm(request.POST or None, school=access.school)
    if form.is_valid():
        group = form.cleaned_data["group"]
        services.place_pupil(pupil=pupil, group=group)
        messages.success(
            request,
            _("%(pupil)s staat nu in %(group)s (%(year)s).")
            % {"pupil": pupil.display_name, "group": group.name, "year": group.school_year.name},
        )
        return redirect("schools:group_detail", access.school.slug, group.code)
    placements = pupil.placements.select_related("group", "school_year").order_by(
        "-school_year__start_year"
    )
    context = {"form": form, "pupil": pupil, "placements": placements}
    return render(request, "schools/pupil_move.html", context)


@school_view(Role.BEHEERDER)
@require_POST
def pupil_archive(request, access: SchoolAccess, code):
    pupil = access.get(Pupil, code)
    services.archive_pupil(pupil=pupil)
    messages.success(
        request,
        _("%s is gearchiveerd. Je vindt deze leerling terug onder Gearchiveerd.")
        % pupil.display_name,
    )
    return redirect(safe_next(request) or school_url(access, "schools:pupil_list"))


@school_view(Role.BEHEERDER)
@require_POST
def pupil_restore(request, access: SchoolAccess, code):
    pupil = access.get(Pupil, code)
    services.restore_pupil(pupil=pupil)
    messages.success(request, _("%s is teruggezet.") % pupil.display_name)
    return redirect("schools:pupil_list", access.school.slug)
