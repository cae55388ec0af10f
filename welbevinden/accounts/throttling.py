"""Throttles on the account flows.

django-axes locks an (e-mail address, IP address) pair after a few failed
log-ins. The throttles here cover what that lock does not: guessing the
current password on the change form, mail sent without limit (password
reset, invitations), and one password tried on many addresses from one IP
address. They count in Django's cache, so with several app servers the cache
must be shared (Redis) for the limits to hold across them.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

from welbevinden.accounts.models import normalise_email


def axes_username(request, credentials=None) -> str:
    """The e-mail address as axes should count it: one lock whatever its case."""
    if credentials:
        raw = credentials.get("username") or credentials.get("email")
    else:
        raw = getattr(request, "POST", {}).get("username")
    return normalise_email(raw or "")


def client_ip(request) -> str:
    """The client's IP address as the login lock sees it (PROXY_COUNT, forged headers)."""
    return get_client_ip_address(request) or ""


@dataclass(frozen=True)
class Throttle:
    """At most ``limit`` events per key within a window that starts at the first one.

    The limit is a setting, read at each use. Keys are hashed, so the cache
    holds no e-mail or IP addresses.
    """

    name: str
    limit_setting: str
    window: timedelta

    @property
    def limit(self) -> int:
        return getattr(settings, self.limit_setting)

    def _cache_key(self, key) -> str:
        digest = hashlib.sha256(f"{self.name}:{key}".encode()).hexdigest()
        return f"throttle:{digest}"

    def exceeded(self, key) -> bool:
        return cache.get(self._cache_key(key), 0) >= self.limit

    def hit(self, key) -> int:
        """Count one event (atomically: cache.add, else cache.incr); the count now."""
        cache_key = self._cache_key(key)
        timeout = int(self.window.total_seconds())
        if cache.add(cache_key, 1, timeout):
            return 1
        try:
            return cache.incr(cache_key)
        except ValueError:  # the window ended between add and incr
            cache.add(cache_key, 1, timeout)
            return 1

    def take(self, key) -> bool:
        """Count an attempt first and then say whether it may go ahead.

        Checking before counting lets every request that arrives at the same
        moment through; counting first gives each its own number, so exactly
        ``limit`` attempts go ahead in a window however many arrive at once.
        """
        return self.hit(key) <= self.limit

    def give_back(self, key) -> None:
        """An attempt taken with ``take`` that turned out not to count (a right code)."""
        with contextlib.suppress(ValueError):  # the window has ended
            cache.decr(self._cache_key(key))


QUARTER = timedelta(minutes=15)
HOUR = timedelta(hours=1)

# Failed log-ins from one IP address, whatever the e-mail address: a school
# shares one address for all its staff, so this limit is far above axes' one.
LOGIN_PER_IP = Throttle("login-ip", "LOGIN_IP_FAILURE_LIMIT", QUARTER)
# Wrong current passwords on the change form.
PASSWORD_CHANGE_PER_USER = Throttle("change-user", "PASSWORD_CHANGE_FAILURE_LIMIT", QUARTER)
PASSWORD_CHANGE_PER_IP = Throttle("change-ip", "PASSWORD_CHANGE_IP_FAILURE_LIMIT", QUARTER)
# Mails with a link (password reset, invitation) to one address, and reset
# requests from one IP address.
MAILS_PER_ADDRESS = Throttle("mails-address", "MAILS_PER_ADDRESS_LIMIT", HOUR)
PASSWORD_RESET_PER_IP = Throttle("password-reset-ip", "PASSWORD_RESET_IP_LIMIT", HOUR)
# Invitations (new and sent again) per beheerder.
INVITATIONS_PER_USER = Throttle("invitations-user", "INVITATION_LIMIT", HOUR)
