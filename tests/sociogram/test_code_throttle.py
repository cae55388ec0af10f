"""The wrong-code limit on /leerling/: counted before a code is looked up (so
parallel guesses cannot all slip under it), atomically, and on POST only."""

import threading
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from sociogram import pupil, services
from sociogram.models import Respondent
from welbevinden import settings as project_settings
from welbevinden.accounts.throttling import QUARTER, Throttle

START = reverse("sociogram:pupil_start")


def test_of_many_parallel_wrong_codes_exactly_the_limit_is_checked(db, settings):
    """Every request arrives before any is answered: each looked-up code (the
    moment a code is checked) starts the next request, 100 deep."""
    settings.SOCIOGRAM_CODE_FAILURE_LIMIT = 60
    factory = RequestFactory()
    checked, answers, started = [], [], []
    real = Respondent.objects

    def next_request():
        while len(started) < 100:
            started.append(1)
            request = factory.post(START, {"code": "AAAAAA"})
            request.session = {}
            answers.append(pupil.start(request).status_code)

    class Looked:
        def __init__(self, queryset):
            self.queryset = queryset

        def only(self, *fields):
            return self

        def first(self):
            checked.append(1)
            next_request()  # another pupil's request, while this one is still being checked
            return self.queryset.first()

    class Objects:
        def filter(self, **lookups):
            return Looked(real.filter(**lookups))

    with mock.patch.object(pupil.Respondent, "objects", Objects()):
        next_request()
    assert len(checked) == 60
    assert sorted(answers) == [400] * 60 + [429] * 40


def test_a_get_with_a_code_never_counts_and_fills_the_code_in(client, sociogram, settings):
    settings.SOCIOGRAM_CODE_FAILURE_LIMIT = 3
    services.open_afname(sociogram)
    for _attempt in range(100):
        response = client.get(START, {"code": "AAAAAA"})
        assert response.status_code == 200
    assert 'value="AAAAAA"' in response.content.decode()
    for guess in ("BBBBBB", "CCCCCC", "DDDDDD"):
        assert client.post(START, {"code": guess}).status_code == 400
    assert client.post(START, {"code": "EEEEEE"}).status_code == 429


def test_a_right_code_does_not_use_up_the_limit(client, sociogram, settings):
    settings.SOCIOGRAM_CODE_FAILURE_LIMIT = 2
    services.open_afname(sociogram)
    codes = list(sociogram.respondents.values_list("answer_code", flat=True))
    for code in codes:
        assert client.post(START, {"code": code}).status_code == 302
    assert client.post(START, {"code": "AAAAAA"}).status_code == 400
    assert client.post(START, {"code": "BBBBBB"}).status_code == 400
    assert client.post(START, {"code": "CCCCCC"}).status_code == 429


def test_threads_taking_a_throttle_at_once_get_exactly_the_limit(settings):
    settings.SOCIOGRAM_CODE_FAILURE_LIMIT = 60
    throttle = Throttle("test-parallel", "SOCIOGRAM_CODE_FAILURE_LIMIT", QUARTER)
    barrier = threading.Barrier(32)
    allowed = []

    def attempt():
        barrier.wait()
        for _ in range(10):
            allowed.append(throttle.take("203.0.113.7"))

    threads = [threading.Thread(target=attempt) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 60 and len(allowed) == 320


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {**settings.CACHES, "default": project_settings.CACHES["default"]}
    yield caches["default"]


@pytest.mark.django_db
def test_the_database_cache_counts_on_and_keeps_the_window(database_cache):
    database_cache.add("count", 1, 900)
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM welbevinden_cache")
        expires = cursor.fetchone()[0]
    assert database_cache.incr("count") == 2
    assert database_cache.decr("count") == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM welbevinden_cache")
        # Django's own incr set the default timeout (300 s) instead.
        assert cursor.fetchone()[0] == expires
    with pytest.raises(ValueError):
        database_cache.incr("missing")


@pytest.mark.skipif(
    not project_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="concurrent writers need a database server (SQLite's test database is in memory)",
)
@pytest.mark.django_db(transaction=True)
def test_the_database_cache_counts_parallel_increments_exactly(database_cache):
    database_cache.add("parallel", 0, 900)
    barrier = threading.Barrier(16)

    def count():
        barrier.wait()
        for _ in range(20):
            caches["default"].incr("parallel")
        connection.close()

    threads = [threading.Thread(target=count) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert database_cache.get("parallel") == 320
