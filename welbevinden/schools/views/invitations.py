"""Accepting an invitation: the one school page reached by a token, not a membership."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from welbevinden.accounts.forms import NewAccountForm
from welbevinden.accounts.models import User
from welbevinden.schools import services
from welbevinden.schools.models import Membership


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_pending:
        if _already_joined(request, invitation):
            # The second of a double submit lands here; the first let them in.
            return redirect("dashboard:home", invitation.school.slug)
        # Unknown, used, revoked and expired links all look alike from outside;
        # the page tells the person what to do next.
        return render(
            request, "schools/invitation_invalid.html", {"invitation": invitation}, status=404
        )

    if request.user.is_authenticated and request.user.email != invitation.email:
        return render(request, "schools/invitation_other_user.html", {"invitation": invitation})

    existing = User.objects.filter(email=invitation.email).first()
    if existing is not None and not existing.is_active:
        # Blocked for the whole platform; a school's invitation does not lift that.
        return render(
            request, "schools/invitation_blocked.html", {"invitation": invitation}, status=403
        )

    try:
        if existing is not None and existing.has_usable_password():
            return _accept_as_existing_user(request, invitation)
        return _accept_with_new_password(request, invitation)
    except services.InvitationUnusable:
        # Something changed since the page was drawn (a double submit, a
        # block); the link now shows what applies.
        return redirect(request.path)


def _already_joined(request, invitation) -> bool:
    return (
        invitation is not None
        and invitation.accepted_at is not None
        and request.user.is_authenticated
        and request.user.email == invitation.email
        and Membership.objects.active().filter(user=request.user, school=invitation.school).exists()
    )


def _accept_as_existing_user(request, invitation):
    if not request.user.is_authenticated:
        return render(request, "schools/invitation_login.html", {"invitation": invitation})
    if request.method == "POST":
        services.accept_invitation(invitation=invitation, user=request.user)
        messages.success(request, _("Welkom bij %s!") % invitation.school.name)
        return redirect("dashboard:home", invitation.school.slug)
    return render(request, "schools/invitation_confirm.html", {"invitation": invitation})


def _accept_with_new_password(request, invitation):
    form = NewAccountForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if form.is_valid():
        membership = services.create_account_from_invitation(
            invitation=invitation,
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom bij %s!") % invitation.school.name)
        return redirect("dashboard:home", invitation.school.slug)
    return render(
        request, "schools/invitation_accept.html", {"invitation": invitation, "form": form}
    )
