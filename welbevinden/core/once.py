"""One create per form: a double click or a resent page makes one object, not two.

Every create form carries a hidden one-time token (``{% form_token %}`` from
``core_tags``); its view is wrapped in ``@create_once``. The first POST with a
token claims it (a row in ``FormToken``, unique per user and token) in the
same transaction as the create, and remembers where the create led. A second
POST with that token makes nothing and is sent to the same place, with a
message. Two POSTs at the same moment meet at the unique constraint: the second
waits for the first's commit and then follows it.

Only a successful create (a redirect) keeps its claim; a form sent back with
errors releases it, so the corrected form, with the same token, still saves.
A POST without a token (a client that is not one of our pages) is served as
before. Tokens are kept a day (``KEEP``): long enough for any resend.
"""

from __future__ import annotations

import datetime
import functools
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from welbevinden.core.models import FormToken

FIELD = "form_token"
KEEP = datetime.timedelta(days=1)


def token_of(request) -> uuid.UUID | None:
    """The token a POST carries, if it is one of ours."""
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def create_once(view):
    """Wrap a view whose POST creates something (inside the access check)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = token_of(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = FormToken.objects.create(user=request.user, token=token)
            except IntegrityError:
                # Sent before (or at this moment, and the first is now committed).
                first = FormToken.objects.get(user=request.user, token=token)
                messages.info(request, _("Dit was al verstuurd; het is één keer bewaard."))
                return redirect(first.url or "/")
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.has_header("Location"):
                claim.url = response["Location"][:500]
                claim.save(update_fields=["url"])
                FormToken.objects.filter(
                    user=request.user, created_at__lt=timezone.now() - KEEP
                ).delete()
            else:
                claim.delete()
            return response

    return wrapper


def purge_expired() -> int:
    """Delete every token older than ``KEEP`` (the daily ``purge_login_records`` calls this)."""
    deleted, _ = FormToken.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return deleted
