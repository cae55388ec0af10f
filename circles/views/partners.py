"""Cirkel 6: the school's surroundings and partners, which the handreiking leaves to the school."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from circles.forms import PartnerForm, SchoolContextForm
from circles.models import Partner, SchoolContext
from welbevinden.access import SchoolAccess, school_view
from welbevinden.core.once import create_once
from welbevinden.schools.models import Role

EDITORS = (Role.KERNTEAM, Role.BEHEERDER)


def _back(access):
    return redirect("circles:circle", access.school.slug, 6)


@school_view(*EDITORS)
@require_http_methods(["GET", "POST"])
@create_once
def partner_add(request, access: SchoolAccess):
    form = PartnerForm(request.POST or None)
    if form.is_valid():
        partner = form.save(commit=False)
        partner.school = access.school
        partner.save()
        messages.success(request, _("%s is toegevoegd.") % partner.name)
        return _back(access)
    return render(request, "circles/partner_form.html", {"form": form})


@school_view(*EDITORS)
@require_http_methods(["GET", "POST"])
def partner_edit(request, access: SchoolAccess, code):
    partner = access.get(Partner, code)
    form = PartnerForm(request.POST or None, instance=partner)
    if form.is_valid():
        form.save()
        messages.success(request, _("De gegevens van %s zijn opgeslagen.") % partner.name)
        return _back(access)
    return render(request, "circles/partner_form.html", {"form": form, "partner": partner})


@school_view(*EDITORS)
@require_POST
def partner_delete(request, access: SchoolAccess, code):
    partner = access.get(Partner, code)
    partner.delete()
    messages.success(request, _("%s is verwijderd.") % partner.name)
    return _back(access)


@school_view(*EDITORS)
@require_http_methods(["GET", "POST"])
def context_edit(request, access: SchoolAccess):
    instance = SchoolContext.objects.filter(school=access.school).first() or SchoolContext(
        school=access.school
    )
    form = SchoolContextForm(request.POST or None, instance=instance)
    if form.is_valid():
        form.save()
        messages.success(request, _("De beschrijving van jullie omgeving is opgeslagen."))
        return _back(access)
    return render(request, "circles/context_form.html", {"form": form})
