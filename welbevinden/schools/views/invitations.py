"""Accepting an invitation: the one school page reached by a token, not a membership."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from welbevinden.accounts.forms import NewAccountForm
from welbevinden.accounts.models import User
from welbevinden.schools import services


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_pending:
        # Unknown, used, revoked and expired links all look alike from outside;
        # the page tells the person what to do next.
        return render(
            request, "schools/invitation_invalid.html", {"invitation": invitation}, status=404
        )

    existing = User.objects.filter(email=invitation.email).first()
    if request.user.is_authenticated and request.user.email != invitation.email:
        return render(request, "schools/invitation_other_user.html", {"invitation": invitation})

    # A deactivated account cannot log in; the invitation link proves the
    # address, so such a person sets a new password below instead.
    if existing is not None and existing.is_active and existing.has_usable_password():
        if not request.user.is_authenticated:
            return render(request, "schools/invitation_login.html", {"invitation": invitation})
        if request.method == "POST":
            services.accept_invitation(invitation=invitation, user=request.user)
            messages.success(request, _("Welkom bij %s!") % invitation.school.name)
            return redirect("core:school_home", invitation.school.slug)
        return render(request, "schools/invitation_confirm.html", {"invitation": invitation})

    form = NewAccountForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if form.is_valid():
        if existing is None:
            membership = services.create_user_from_invitation(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
            user = membership.user
        else:
            existing.full_name = form.cleaned_data["full_name"]
            existing.set_password(form.cleaned_data["password1"])
            existing.save()
            services.accept_invitation(invitation=invitation, user=existing)
            user = existing
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom bij %s!") % invitation.school.name)
        return redirect("core:school_home", invitation.school.slug)
    return render(
        request, "schools/invitation_accept.html", {"invitation": invitation, "form": form}
    )
