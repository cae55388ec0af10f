from urllib.parse import quote

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.pagecache import cached_page
from welbevinden.schools import hub
from welbevinden.schools.forms import GroupForm
from welbevinden.schools.models import Group, Membership, Pupil, Role, SchoolYear
from welbevinden.schools.views.common import ANY_CODE, selected_year

_teachers = Prefetch(
    "teachers", queryset=Membership.objects.select_related("user").order_by("user__full_name")
)


@school_view(Role.BEHEERDER)
@require_GET
@cached_page
def group_list(request, access: SchoolAccess):
    year = selected_year(request, access)
    groups = (
        Group.objects.filter(school_year=year)
        .annotate(
            pupil_count=Count("placements", filter=Q(placements__pupil__archived_at__isnull=True))
        )
        .prefetch_related(_teachers)
        .order_by("name")
    )
    context = {
        "year": year,
        "years": SchoolYear.objects.filter(school=access.school),
        "groups": groups,
    }
    return render(request, "schools/group_list.html", context)


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def group_create(request, access: SchoolAccess):
    year = selected_year(request, access)
    if year is None:
        messages.info(request, _("Voeg eerst een schooljaar toe; een groep hoort bij een jaar."))
        return redirect("schools:year_list", access.school.slug)
    form = GroupForm(request.POST or None, school=access.school, school_year=year)
    if form.is_valid():
        group = form.save(commit=False)
        group.school = access.school
        group.school_year = year
        group.save()
        form.save_m2m()
        messages.success(request, _("%s is toegevoegd.") % group.name)
        return redirect("schools:group_detail", access.school.slug, group.code)
    return render(request, "schools/group_form.html", {"form": form, "year": year})


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def group_edit(request, access: SchoolAccess, code):
    group = access.get(Group, code, Group.objects.select_related("school_year"))
    form = GroupForm(
        request.POST or None, instance=group, school=access.school, school_year=group.school_year
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("De wijzigingen in %s zijn opgeslagen.") % group.name)
        return redirect("schools:group_detail", access.school.slug, group.code)
    return render(
        request,
        "schools/group_form.html",
        {"form": form, "group": group, "year": group.school_year},
    )


@school_view()
@require_GET
@cached_page
def group_detail(request, access: SchoolAccess, code):
    group = access.get(
        Group,
        code,
        Group.objects.select_related("school_year")
        .prefetch_related(_teachers)
        .annotate(**hub.annotations()),
    )
    access.require_group_view(group)
    pupils = Pupil.objects.filter(placements__group=group)
    if group.school_year.is_current:
        pupils = pupils.filter(archived_at__isnull=True)
    # Another year's group keeps its archived pupils (the ones who left after
    # it), so that year stays readable after a roll-over.
    pupils = list(pupils.order_by("display_name"))
    can_manage = access.has_role(Role.BEHEERDER)
    if can_manage:
        # Each row's link built once for the page, not by a tag per row (issue 24).
        edit_url = reverse("schools:pupil_edit", args=[access.school.slug, ANY_CODE])
        back = "?next=" + quote(request.path)  # as the urlencode filter quotes
        for pupil in pupils:
            pupil.edit_url = edit_url.replace(ANY_CODE, str(pupil.code)) + back
    context = {
        "group": group,
        "pupils": pupils,
        "can_manage": can_manage,
        # The group's work from the feature apps, for those who may see it.
        "panels": hub.panels(access, group),
    }
    return render(request, "schools/group_detail.html", context)
