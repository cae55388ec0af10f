import uuid
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools import services
from welbevinden.schools.forms import MovePupilForm, PupilForm, PupilListForm
from welbevinden.schools.models import Group, Placement, Pupil, Role
from welbevinden.schools.views.common import (
    ANY_CODE,
    safe_next,
    school_url,
    years_and_selected,
)

PUPILS_PER_PAGE = 100


STATUSES = {
    "actief": _lazy("Actief"),
    "voorlopig": _lazy("Voorlopig nummer"),
    "zonder-nummer": _lazy("Zonder leerlingnummer"),
    "gearchiveerd": _lazy("Gearchiveerd"),
}
NO_GROUP = "geen"
# A row of the list, built by one format_html per pupil rather than by template
# tags: a page shows up to a hundred (issue 24).
_ROW = """<tr>
            <td class="select-col"><input type="checkbox" class="form-check-input" name="leerling" value="{}" id="p-{}" aria-label="{}"></td>
            <td class="text-nowrap">{}</td>
            <td>{}{}</td>
            <td>{}</td>
          </tr>
"""  # noqa: E501
_TEMPORARY = ' <span class="badge text-bg-warning">{}</span>'
_NOT_PLACED = '<span class="text-body-secondary">{}</span>'


@school_view(Role.BEHEERDER)
@require_GET
@cached_page
def pupil_list(request, access: SchoolAccess):
    """Every pupil of the school, 100 a page: filtered, searched, with bulk actions.

    The queries do not grow with the school: a count, one page of pupils and
    their group in the chosen year, the years and that year's groups.
    """
    years, year = years_and_selected(request, access)
    status = request.GET.get("status", "actief")
    if status not in STATUSES:
        status = "actief"
    archived = status == "gearchiveerd"
    pupils = Pupil.objects.filter(school=access.school)
    pupils = pupils.archived() if archived else pupils.active()
    if status == "voorlopig":
        pupils = pupils.filter(lvs_number__startswith="#")
    elif status == "zonder-nummer":
        pupils = pupils.filter(lvs_number="")
    groups = list(Group.objects.filter(school_year=year).order_by("name")) if year else []
    group_code = request.GET.get("groep", "")
    group = next((g for g in groups if str(g.code) == group_code), None)
    if group is not None:
        pupils = pupils.filter(placements__group=group)
    elif group_code == NO_GROUP and year:
        pupils = pupils.exclude(placements__school_year=year)
    else:
        group_code = ""
    query = request.GET.get("q", "").strip()[:80]
    if query:
        pupils = pupils.filter(Q(display_name__icontains=query) | Q(lvs_number__istartswith=query))
    pupils = pupils.order_by("display_name", "pk")
    page = Paginator(pupils, PUPILS_PER_PAGE).get_page(request.GET.get("pagina"))
    this_page = request.get_full_path()
    # Each row's link and groups, built here once rather than by tags per row (issue 24).
    edit_url = reverse("schools:pupil_edit", args=[access.school.slug, ANY_CODE])
    back = "?next=" + quote(this_page)  # as the urlencode filter quotes
    rows = list(page.object_list)
    # A pupil has one group a year (one_group_per_year): its name is all a row shows.
    group_names = dict(
        Placement.objects.filter(school_year=year, pupil__in=[p.pk for p in rows]).values_list(
            "pupil_id", "group__name"
        )
    )
    temporary, not_placed = _("voorlopig"), _("nog niet geplaatst")
    for pupil in rows:
        code = str(pupil.code)
        name = pupil.display_name
        if not archived:
            name = format_html('<a href="{}">{}</a>', edit_url.replace(ANY_CODE, code) + back, name)
        group_name = group_names.get(pupil.pk)
        pupil.row_html = format_html(
            _ROW,
            code,
            code,
            pupil.display_name,
            name,
            pupil.lvs_number or "—",
            format_html(_TEMPORARY, temporary) if pupil.has_temporary_key else "",
            group_name if group_name else format_html(_NOT_PLACED, not_placed),
        )
    filters = {"q": query, "status": status, "groep": group_code}
    if year:
        filters["jaar"] = str(year.code)
    context = {
        "year": year,
        "years": years,
        "groups": groups,
        "group_code": group_code,
        "page": page,
        "rows": rows,
        "archived": archived,
        "status": status,
        "statuses": STATUSES,
        "query": query,
        "filters": urlencode({k: v for k, v in filters.items() if v}),
        "is_filtered": bool(query or group_code or status != "actief"),
        # One link per status, keeping the other filters (a tab each).
        "status_links": [
            (
                value,
                label,
                "?" + urlencode({**{k: v for k, v in filters.items() if v}, "status": value}),
            )
            for value, label in STATUSES.items()
        ],
        "this_page": this_page,
    }
    return render(request, "schools/pupil_list.html", context)


# At most one page of the list at once.
BULK_LIMIT = PUPILS_PER_PAGE


@school_view(Role.BEHEERDER)
@require_POST
def pupil_bulk(request, access: SchoolAccess):
    """Move, archive or restore the pupils ticked on the list, all or none."""
    back = safe_next(request) or school_url(access, "schools:pupil_list")
    codes = request.POST.getlist("leerling")[:BULK_LIMIT]
    action = request.POST.get("actie")
    valid_codes = []
    for code in codes:
        try:
            valid_codes.append(uuid.UUID(code))
        except ValueError:
            continue
    pupils = list(Pupil.objects.filter(school=access.school, code__in=valid_codes))
    if not pupils:
        messages.warning(request, _("Vink eerst een of meer leerlingen aan."))
        return redirect(back)
    if action == "verplaatsen":
        group_code = request.POST.get("groep", "")
        group = (
            Group.objects.filter(school=access.school, code=group_code)
            .select_related("school_year")
            .first()
            if _is_uuid(group_code)
            else None
        )
        if group is None:
            messages.warning(
                request,
                _("Kies de %s waar de leerlingen naartoe gaan.") % access.school.group_word,
            )
            return redirect(back)
        services.place_pupils(pupils=pupils, group=group)
        message = ngettext(
            "%(count)d leerling staat nu in %(group)s (%(year)s).",
            "%(count)d leerlingen staan nu in %(group)s (%(year)s).",
            len(pupils),
        ) % {"count": len(pupils), "group": group.name, "year": group.school_year.name}
    elif action == "archiveren":
        services.archive_pupils(pupils=pupils)
        message = ngettext(
            "%(count)d leerling gearchiveerd.", "%(count)d leerlingen gearchiveerd.", len(pupils)
        ) % {"count": len(pupils)}
    elif action == "terugzetten":
        services.restore_pupils(pupils=pupils)
        message = ngettext(
            "%(count)d leerling teruggezet.", "%(count)d leerlingen teruggezet.", len(pupils)
        ) % {"count": len(pupils)}
    else:
        messages.warning(request, _("Kies wat er met de aangevinkte leerlingen moet gebeuren."))
        return redirect(back)
    messages.success(request, message)
    return redirect(back)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


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
