from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from welbevinden.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


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
