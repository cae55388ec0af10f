"""Writes of the accounts app that are more than one model method."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


@dataclass
class Purged:
    failed_attempts: int
    successful_logins: int


def purge_login_records(*, now=None) -> Purged:
    """Delete login records that are no longer needed (privacy: AVG, data minimisation).

    Failed attempts (address, IP address, browser) only serve the lock, so
    they go once the lock's cool-off has passed. Successful log-ins are kept
    LOGIN_RECORD_DAYS days, to look into a misused account.
    """
    now = now or timezone.now()
    lock_ends = now - settings.AXES_COOLOFF_TIME
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=lock_ends).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=lock_ends).delete()
    logins, _ = AccessLog.objects.filter(
        attempt_time__lt=now - timedelta(days=settings.LOGIN_RECORD_DAYS)
    ).delete()
    return Purged(failed_attempts=attempts + failures, successful_logins=logins)
