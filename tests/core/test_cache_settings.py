"""Without REDIS_URL the shared cache is a database table, so every worker
counts the same throttles; `migrate` creates that table."""

import pytest
from django.db import connection

from welbevinden import settings as project_settings
from welbevinden.accounts.throttling import LOGIN_PER_IP


@pytest.mark.django_db
def test_migrate_creates_the_cache_table():
    assert "welbevinden_cache" in connection.introspection.table_names()


@pytest.mark.django_db
def test_without_redis_the_throttles_count_in_the_database(settings):
    # The suite keeps its default cache in memory (tests/conftest.py); here
    # the one settings.py configures without REDIS_URL, as every worker has it.
    assert not project_settings.REDIS_URL
    settings.CACHES = {**settings.CACHES, "default": project_settings.CACHES["default"]}
    settings.LOGIN_IP_FAILURE_LIMIT = 2
    LOGIN_PER_IP.hit("203.0.113.9")
    LOGIN_PER_IP.hit("203.0.113.9")
    assert LOGIN_PER_IP.exceeded("203.0.113.9")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM welbevinden_cache")
        assert cursor.fetchone()[0] == 1
