import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from welbevinden.env import env_bool, env_choice, env_int, env_list, env_str

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 30 + "a-production-like-secret-key-with-enough-entropy",
    "ALLOWED_HOSTS": "welbevinden.example",
    "DATABASE_URL": "sqlite:///:memory:",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.welbevinden.example",
}


def test_env_readers_parse_and_default(monkeypatch):
    monkeypatch.setenv("WB_BOOL", "Yes")
    monkeypatch.setenv("WB_INT", "7")
    monkeypatch.setenv("WB_LIST", "a.example, b.example ,")
    assert env_bool("WB_BOOL", default=False) is True
    assert env_bool("WB_MISSING", default=True) is True
    assert env_int("WB_INT", 1) == 7
    assert env_list("WB_LIST", []) == ["a.example", "b.example"]
    assert env_str("WB_MISSING", "standaard") == "standaard"
    monkeypatch.setenv("WB_CHOICE", "WARNING")
    assert env_choice("WB_CHOICE", "INFO", ("INFO", "WARNING")) == "WARNING"
    assert env_choice("WB_MISSING", "INFO", ("INFO", "WARNING")) == "INFO"


@pytest.mark.parametrize(
    ("reader", "value"),
    [
        (lambda: env_bool("WB_BAD", default=False), "misschien"),
        (lambda: env_int("WB_BAD", 1), "vijf"),
        (lambda: env_int("WB_BAD", 1, minimum=2), "1"),
        (lambda: env_str("WB_ABSENT"), None),
        (lambda: env_choice("WB_BAD", "INFO", ("INFO", "WARNING")), "info"),
    ],
)
def test_a_bad_value_names_the_variable(monkeypatch, reader, value):
    if value is not None:
        monkeypatch.setenv("WB_BAD", value)
    with pytest.raises(ImproperlyConfigured, match="WB_"):
        reader()


def test_the_defaults_are_dutch_and_private():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.MIN_GROUP_SIZE == 5
    assert settings.SESSION_COOKIE_HTTPONLY


def _manage(*args, env):
    # Only the essentials of the test run's environment: pytest-env has set
    # test values (no HTTPS redirect, …) that production would not have.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_a_secret_key_is_required():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_wrong_log_level_stops_the_start():
    result = _manage("check", env={**PRODUCTION, "LOG_LEVEL": "LOUD"})
    assert result.returncode != 0
    assert "LOG_LEVEL must be one of" in result.stderr


def test_behind_a_proxy_login_throttling_reads_the_forwarded_address():
    show = (
        "from django.conf import settings; "
        "print(settings.AXES_IPWARE_META_PRECEDENCE_ORDER, settings.AXES_IPWARE_PROXY_COUNT)"
    )
    result = _manage("shell", "--no-imports", "-c", show, env={**PRODUCTION, "PROXY_COUNT": "1"})
    assert result.returncode == 0, result.stderr
    # One proxy: the header holds just the client (see settings.py).
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR') 0"
    direct = _manage("shell", "--no-imports", "-c", show, env=PRODUCTION)
    assert direct.stdout.strip() == "('REMOTE_ADDR',) None"


def test_without_mail_settings_check_deploy_fails_and_the_app_warns():
    # Reset and invitation links must not land in the logs of a production server.
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("EMAIL_")}
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "core.E002" in result.stderr
    assert "EMAIL_BACKEND" in result.stderr
    assert "Mail is not sent" in result.stderr  # the warning logged at start


@pytest.mark.parametrize(
    ("debug", "backend", "problems"),
    [
        (False, "django.core.mail.backends.console.EmailBackend", ["core.E002"]),
        (False, "django.core.mail.backends.filebased.EmailBackend", ["core.E002"]),
        (False, "django.core.mail.backends.smtp.EmailBackend", []),
        (True, "django.core.mail.backends.console.EmailBackend", []),
    ],
)
def test_the_mail_check_allows_the_console_only_in_development(settings, debug, backend, problems):
    from welbevinden.core.checks import mail_is_sent

    settings.DEBUG = debug
    settings.EMAIL_BACKEND = backend
    assert [error.id for error in mail_is_sent(None)] == problems
