"""With REDIS_URL, the cache and sessions live in Redis (tested against the local Redis).

Outside CI these tests skip when no Redis answers; under CI (CI=true) they
fail instead, since .ci/run starts one.
"""

import os
import uuid

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from tests.core.test_settings import PRODUCTION, _manage

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


class PrefixOnlyRedisCache(RedisCache):
    """Django's Redis cache, whose clear() (the suite clears between tests)
    deletes this test's keys only, never the whole Redis database."""

    def clear(self):
        client = self._cache.get_client(None, write=True)
        for key in client.scan_iter(f"{self.key_prefix}:*"):
            client.delete(key)


@pytest.fixture
def redis_settings(settings):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Redis at {TEST_REDIS_URL} (.ci/run starts it).")
        pytest.skip(f"No Redis at {TEST_REDIS_URL}.")
    # A prefix of this test's own: it never touches another's keys, and the
    # keys are deleted one by one afterwards (never a flush of a shared Redis).
    prefix = f"welbevinden-test-{uuid.uuid4().hex}"
    redis_cache = {
        "BACKEND": "tests.core.test_redis.PrefixOnlyRedisCache",
        "LOCATION": TEST_REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    # As settings.py does with REDIS_URL: the edition is shared through Redis too.
    settings.CACHES = {**settings.CACHES, "default": redis_cache, "editions": redis_cache}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = redis.Redis.from_url(TEST_REDIS_URL)
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_sessions_and_the_edition_are_kept_in_redis(redis_settings, client, cast):
    client.force_login(cast.leraar.user)
    response = client.get(reverse("circles:circle", args=[cast.school.slug, 2]))
    assert response.status_code == 200
    prefix = cache.key_prefix
    keys = {key.decode() for key in redis_settings.scan_iter(f"{prefix}:*")}
    session_key = client.cookies["sessionid"].value
    assert any(key.endswith(session_key) for key in keys)
    assert any(key.endswith("circles:edition") for key in keys)


def test_a_page_reads_its_session_from_redis_not_the_database(
    redis_settings, client, cast, django_assert_num_queries
):
    client.force_login(cast.leraar.user)
    url = reverse("dashboard:home", args=[cast.school.slug])
    client.get(url)
    # Served again from the page cache (the first view kept it): the session
    # from Redis, the user and memberships kept between pages: no query at all.
    with django_assert_num_queries(0) as captured:
        assert client.get(url).status_code == 200
    assert not any("django_session" in query["sql"] for query in captured.captured_queries)


def test_logging_out_ends_the_session_in_redis_too(redis_settings, client, cast):
    client.force_login(cast.leraar.user)
    url = reverse("dashboard:home", args=[cast.school.slug])
    assert client.get(url).status_code == 200
    session_key = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    # The old cookie no longer opens the page.
    client.cookies["sessionid"] = session_key
    assert client.get(url).status_code == 302


def test_redis_url_picks_the_redis_cache_and_cached_sessions():
    show = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    )
    env = {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/3"}
    result = _manage("shell", "--no-imports", "-c", show, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]
    plain = _manage("shell", "--no-imports", "-c", show, env=PRODUCTION)
    assert plain.stdout.split() == [
        # Django's database cache with an atomic incr (welbevinden/core/cache.py).
        "welbevinden.core.cache.DatabaseCache",
        "django.contrib.sessions.backends.db",
    ]


def test_a_redis_url_that_is_not_one_stops_the_start():
    result = _manage("check", env={**PRODUCTION, "REDIS_URL": "localhost:6379"})
    assert result.returncode != 0
    assert "REDIS_URL must start with" in result.stderr
