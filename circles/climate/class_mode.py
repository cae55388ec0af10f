"""The gevoelsthermometer's class mode: a narrow, time-limited access in the teacher's browser.

The classroom screen or tablet is the teacher's, logged in, but pupils use it.
While class mode is on, the browser may only show the faces of that one group
and count a tap; every other page answers with "Klasmodus staat aan" and a way
to end it. It ends with the teacher's password or the PIN they set when they
unlocked it; after ``CLASS_MODE_MINUTES``, or after a few wrong tries, the whole
session ends, so a forgotten tablet leads nobody to the teacher's pages.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

SESSION_KEY = "climate_class_mode"
WRONG_TRIES = 5
# The only pages a browser in class mode may open, each for its own group only.
ALLOWED = {"climate:class_mode", "climate:tap", "climate:class_mode_end"}


def start(request, *, school_slug: str, group_code, pin: str) -> None:
    request.session[SESSION_KEY] = {
        "school": school_slug,
        "group": str(group_code),
        "until": time.time() + settings.CLASS_MODE_MINUTES * 60,
        "pin": make_password(pin) if pin else "",
        "wrong": 0,
    }


def state(request) -> dict | None:
    return request.session.get(SESSION_KEY) if hasattr(request, "session") else None


def is_on_for(request, group) -> bool:
    current = state(request)
    return bool(current) and current["group"] == str(group.code)


def try_to_end(request, secret: str) -> bool:
    """End class mode with the PIN or the teacher's password; False on a wrong one."""
    current = state(request)
    if current is None:
        return True
    right = bool(secret) and (
        (current["pin"] and check_password(secret, current["pin"]))
        or request.user.check_password(secret)
    )
    if right:
        del request.session[SESSION_KEY]
        return True
    current["wrong"] += 1
    request.session[SESSION_KEY] = current
    return False


def too_many_wrong(request) -> bool:
    current = state(request)
    return bool(current) and current["wrong"] >= WRONG_TRIES


class ClassModeMiddleware:
    """While class mode is on, every page but the group's faces is refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = state(request) if request.user.is_authenticated else None
        if current is None:
            return self.get_response(request)
        if time.time() > current["until"]:
            logout(request)
            messages.info(request, _("De klasmodus is afgelopen. Log opnieuw in."))
            return redirect_to_login(request.get_full_path())
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if (
            match is not None
            and match.view_name in ALLOWED
            and match.kwargs.get("school") == current["school"]
            and str(match.kwargs.get("group_code")) == current["group"]
        ):
            return self.get_response(request)
        context = {"school_slug": current["school"], "group_code": current["group"]}
        return render(request, "climate/class_mode_locked.html", context, status=403)
