from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from welbevinden.access import SchoolAccess, school_view
from welbevinden.accounts import throttling
from welbevinden.core.pagecache import cached_page
from welbevinden.schools import services
from welbevinden.schools.forms import InvitationForm, MembershipForm
from welbevinden.schools.models import Group, Invitation, Membership, Role, SchoolYear


def _invitation_url_builder(request):
    def build(token: str) -> str:
        return request.build_absolute_uri(reverse("schools:invitation_accept", args=[token]))

    return build


def _invitation_refused(request, email: str) -> str | None:
    """Why no invitation may be mailed now (throttles), or None; counts it otherwise."""
    if throttling.INVITATIONS_PER_USER.exceeded(request.user.pk):
        return _(
            "Je hebt het afgelopen uur al veel uitnodigingen verstuurd. Probeer het over een uur "
            "opnieuw."
        )
    if throttling.MAILS_PER_ADDRESS.exceeded(email):
        return (
            _(
                "Naar %s is het afgelopen uur al een paar keer een mail gestuurd. Probeer het over "
                "een uur opnieuw."
            )
            % email
        )
    throttling.INVITATIONS_PER_USER.hit(request.user.pk)
    throttling.MAILS_PER_ADDRESS.hit(email)
    return None


MEMBERS_PER_PAGE = 100


@school_view(Role.BEHEERDER)
@require_GET
@cached_page
def member_list(request, access: SchoolAccess):
    """Active members 100 a page, searchable by name or e-mail address and filtered by role."""
    school = access.school
    current_groups = Group.objects.filter(
        school_year__in=SchoolYear.objects.filter(school=school).not_before(school.current_year())
    ).order_by("school_year__start_year", "name")
    members = (
        Membership.objects.filter(school=school)
        .select_related("user")
        .prefetch_related(Prefetch("taught_groups", queryset=current_groups, to_attr="groups_now"))
        .order_by("user__full_name", "pk")
    )
    query = request.GET.get("q", "").strip()[:80]
    if query:
        members = members.filter(
            Q(user__full_name__icontains=query) | Q(user__email__icontains=query)
        )
    role = request.GET.get("rol", "")
    if role in Role.values:
        members = members.with_role(role)
    else:
        role = ""
    # A blocked account (platform-wide) stays in the active list with a badge:
    # its membership is still active, and only the school deactivates that.
    page = Paginator(members.filter(is_active=True), MEMBERS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    inactive = members.filter(is_active=False)
    invitations = Invitation.objects.filter(school=school).pending().order_by("email")
    context = {
        "active": page.object_list,
        "page": page,
        "inactive": inactive,
        "invitations": invitations,
        "query": query,
        "role": role,
        "roles": Role.choices,
        "filters": urlencode({k: v for k, v in {"q": query, "rol": role}.items() if v}),
    }
    return render(request, "schools/member_list.html", context)


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def member_invite(request, access: SchoolAccess):
    form = InvitationForm(request.POST or None, school=access.school)
    refused = form.is_valid() and _invitation_refused(request, form.cleaned_data["email"])
    if refused:
        form.add_error(None, refused)
        return render(request, "schools/member_invite.html", {"form": form}, status=429)
    if form.is_valid():
        invitation = services.invite_member(
            school=access.school,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            roles=form.cleaned_data["roles"],
            groups=list(form.cleaned_data["groups"]),
            invited_by=request.user,
            build_url=_invitation_url_builder(request),
        )
        messages.success(
            request,
            _("De uitnodiging is verstuurd naar %(email)s. De link is %(days)d dagen geldig.")
            % {"email": invitation.email, "days": settings.INVITATION_VALID_DAYS},
        )
        return redirect("schools:member_list", access.school.slug)
    return render(request, "schools/member_invite.html", {"form": form})


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def member_edit(request, access: SchoolAccess, code):
    membership = access.get(Membership, code, Membership.objects.select_related("user", "school"))
    form = MembershipForm(request.POST or None, membership=membership)
    if form.is_valid():
        try:
            services.update_membership(
                membership=membership,
                roles=form.cleaned_data["roles"],
                groups=list(form.cleaned_data["groups"]),
                editable_groups=form.fields["groups"].queryset,
                by=request.user,
            )
        except services.RuleBroken as broken:
            form.add_error("roles", str(broken))
        else:
            messages.success(
                request, _("De rollen van %s zijn opgeslagen.") % membership.user.full_name
            )
            return redirect("schools:member_list", access.school.slug)
    return render(request, "schools/member_edit.html", {"form": form, "membership": membership})


@school_view(Role.BEHEERDER)
@require_http_methods(["GET", "POST"])
def member_deactivate(request, access: SchoolAccess, code):
    membership = access.get(Membership, code, Membership.objects.select_related("user"))
    if request.method == "GET":
        return render(request, "schools/member_deactivate.html", {"membership": membership})
    try:
        services.deactivate_membership(membership=membership, by=access.membership)
    except services.RuleBroken as broken:
        messages.error(request, str(broken))
    else:
        messages.success(
            request,
            _("%s heeft geen toegang meer tot deze school.") % membership.user.full_name,
        )
    return redirect("schools:member_list", access.school.slug)


@school_view(Role.BEHEERDER)
@require_POST
def member_reactivate(request, access: SchoolAccess, code):
    membership = access.get(Membership, code, Membership.objects.select_related("user"))
    services.reactivate_membership(membership=membership)
    messages.success(request, _("%s heeft weer toegang.") % membership.user.full_name)
    return redirect("schools:member_list", access.school.slug)


@school_view(Role.BEHEERDER)
@require_POST
def invitation_revoke(request, access: SchoolAccess, code):
    invitation = access.get(Invitation, code, Invitation.objects.pending())
    services.revoke_invitation(invitation=invitation)
    messages.success(request, _("De uitnodiging voor %s is ingetrokken.") % invitation.email)
    return redirect("schools:member_list", access.school.slug)


@school_view(Role.BEHEERDER)
@require_POST
def invitation_resend(request, access: SchoolAccess, code):
    invitation = access.get(Invitation, code, Invitation.objects.pending().select_related("school"))
    refused = _invitation_refused(request, invitation.email)
    if refused:
        messages.error(request, refused)
        return redirect("schools:member_list", access.school.slug)
    fresh = services.resend_invitation(
        invitation=invitation,
        invited_by=request.user,
        build_url=_invitation_url_builder(request),
    )
    messages.success(request, _("Er is een nieuwe uitnodiging verstuurd naar %s.") % fresh.email)
    return redirect("schools:member_list", access.school.slug)
