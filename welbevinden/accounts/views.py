from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from welbevinden.accounts import throttling
from welbevinden.accounts.forms import LoginForm, ThrottledPasswordChangeForm
from welbevinden.accounts.models import normalise_email

TOO_MANY_REQUESTS = 429


class ThrottledFormViewMixin:
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.is_throttled:
            response.status_code = TOO_MANY_REQUESTS
        return response


class LoginView(ThrottledFormViewMixin, auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Counted whether or not the address has an account, so the answer
        # still says nothing about that.
        email = normalise_email(form.cleaned_data["email"])
        ip = throttling.client_ip(self.request)
        limits = (throttling.MAILS_PER_ADDRESS, email), (throttling.PASSWORD_RESET_PER_IP, ip)
        if any(throttle.exceeded(key) for throttle, key in limits):
            form.add_error(
                "email",
                _(
                    "Voor dit adres of vanaf dit netwerk is al een paar keer een nieuw wachtwoord "
                    "aangevraagd. Kijk in je mailbox (ook bij spam) of probeer het over een uur "
                    "opnieuw."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = TOO_MANY_REQUESTS
            return response
        for throttle, key in limits:
            throttle.hit(key)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(ThrottledFormViewMixin, auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


@login_required
@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """Someone typing in a long form is not idle.

    static/js/app.js posts here now and then while a form is being filled
    in; SessionTimeoutMiddleware counts any request as activity, so there is
    nothing left to do.
    """
    return HttpResponse(status=204)


@require_GET
@never_cache
def csrf_token(request):
    """A fresh CSRF token for a page that has been open a while.

    After someone logs in again in another tab the token changes; the
    autosave script fetches the new one so its next save is accepted.
    """
    return JsonResponse({"token": get_token(request)})
