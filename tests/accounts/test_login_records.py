"""Login records are kept no longer than needed: failed attempts as long as the lock
needs them, successful log-ins for LOGIN_RECORD_DAYS (90) days."""

from datetime import timedelta
from io import StringIO

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone


def _record(model, age, username="lars@anker.example", **fields):
    record = model.objects.create(
        username=username, ip_address="10.0.0.1", user_agent="Firefox", **fields
    )
    model.objects.filter(pk=record.pk).update(attempt_time=timezone.now() - age)
    return record


def _attempt(age, username):
    return _record(AccessAttempt, age, username, failures_since_start=2, get_data="", post_data="")


def test_the_purge_keeps_what_the_lock_and_the_retention_period_need(db):
    old_login = _record(AccessLog, timedelta(days=91))
    recent_login = _record(AccessLog, timedelta(days=89))
    expired_attempt = _attempt(timedelta(minutes=16), "lars@anker.example")
    live_attempt = _attempt(timedelta(minutes=5), "olga@anker.example")
    old_failure = _record(AccessFailureLog, timedelta(minutes=16))

    out = StringIO()
    call_command("purge_login_records", stdout=out)

    assert list(AccessLog.objects.all()) == [recent_login]
    assert list(AccessAttempt.objects.all()) == [live_attempt]
    assert not AccessFailureLog.objects.filter(pk=old_failure.pk).exists()
    assert not AccessLog.objects.filter(pk=old_login.pk).exists()
    assert not AccessAttempt.objects.filter(pk=expired_attempt.pk).exists()
    assert "1 successful log-in" in out.getvalue()


def test_the_retention_period_is_a_setting(db, settings):
    settings.LOGIN_RECORD_DAYS = 30
    _record(AccessLog, timedelta(days=31))
    kept = _record(AccessLog, timedelta(days=29))
    call_command("purge_login_records", stdout=StringIO())
    assert list(AccessLog.objects.all()) == [kept]


def test_the_default_retention_is_ninety_days(settings):
    assert settings.LOGIN_RECORD_DAYS == 90
