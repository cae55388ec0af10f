import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from welbevinden.core import pagecache

STARTED_KEY = "welbevinden_started_at"
LAST_SEEN_KEY = "welbevinden_last_seen"
# Writing the session on every request would cost a query each time; a
# minute of slack on the idle timer does not matter.
TOUCH_EVERY_SECONDS = 60


class RememberedUserMiddleware(AuthenticationMiddleware):
    """Django's authentication, with the logged-in user kept between a member's pages.

    On every page the user is read for the session; on a school's page they
    are kept in the process while no user, school or membership has been
    written (``pagecache.remembered``). What Django checks is checked as
    before, the first time: the session's user, its backend and the hash of
    the password, which are the key; a changed password is a write.
    """

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _remembered_user(request))


def _remembered_user(request):
    session = request.session
    key = (
        session.get(auth.SESSION_KEY),
        session.get(auth.BACKEND_SESSION_KEY),
        session.get(auth.HASH_SESSION_KEY),
    )
    if key[0] is None:
        return auth.get_user(request)
    # Only a user who is logged in is kept: a session whose hash no longer
    # matches is ended by Django's check, each time.
    return pagecache.remembered(
        "user", key, lambda: auth.get_user(request), keep=lambda user: user.is_authenticated
    )


class SessionTimeoutMiddleware:
    """Ends a session 12 hours after log-in or after 30 minutes idle.

    Shared computers in a staff room are common, so a forgotten session must
    not stay open for the next person at the keyboard.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request):
            logout(request)
            if getattr(request, "htmx", False):
                # htmx swaps nothing on a 401, so what the user typed stays on
                # the page; the client shows that they must log in again.
                return HttpResponse(status=401)
            messages.info(request, _("Je sessie is verlopen. Log opnieuw in om verder te gaan."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _expired(self, request) -> bool:
        session = request.session
        now = time.time()
        started = session.setdefault(STARTED_KEY, now)
        last_seen = session.get(LAST_SEEN_KEY, now)
        if now - started > settings.SESSION_MAX_AGE.total_seconds():
            return True
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
            return True
        if LAST_SEEN_KEY not in session or now - last_seen > TOUCH_EVERY_SECONDS:
            session[LAST_SEEN_KEY] = now
        return False


class PrivatePagesMiddleware:
    """Every page for a logged-in person is sent ``Cache-Control: no-store, private``.

    Nearly every such page shows personal reflections or pupils' names; a
    shared computer's browser cache or a school's proxy must not keep them.
    One rule for all of them is safer than a decorator that a new view forgets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
