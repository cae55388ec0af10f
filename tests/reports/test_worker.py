"""A real worker: the queue on Redis, the job run by huey's consumer, its progress
seen on the status page while it runs.

Outside CI this skips when no Redis answers (TEST_REDIS_URL, default DB 0); under
CI (CI=true) it fails instead, since .ci/run starts one.
"""

import os
import signal
import threading
import time
import uuid

import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from tests.factories import make_member, make_school
from welbevinden.reports import background
from welbevinden.reports.models import JobState, ReportJob
from welbevinden.schools.models import Role

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def queue_on_redis():
    """The app's queue on Redis, under a name of this test's own, and not immediate."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Redis at {TEST_REDIS_URL} (.ci/run starts it).")
        pytest.skip(f"No Redis at {TEST_REDIS_URL}.")
    storage, immediate = HUEY.storage, HUEY.immediate
    HUEY._immediate = False
    HUEY.storage = RedisStorage(f"welbevinden-test-{uuid.uuid4().hex}", url=TEST_REDIS_URL)
    yield HUEY.storage
    HUEY.storage.flush_all()  # this test's queue only: its keys carry the name above
    HUEY.storage.close()
    HUEY.storage, HUEY._immediate = storage, immediate


@pytest.fixture
def worker(queue_on_redis):
    """huey's consumer, as `manage.py run_huey` starts it (without the schedule)."""
    handlers = {
        sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    }
    consumer = HUEY.create_consumer(workers=1, worker_type="thread", periodic=False)

    def start():
        consumer.start()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)  # start() takes them for the command's process
        return consumer

    yield start
    consumer.stop(graceful=True)


@pytest.fixture
def slow_kind():
    """A report that stops halfway until the test has seen its progress."""
    halfway, go_on = threading.Event(), threading.Event()

    def build(job: background.JobContext) -> background.Built:
        job.school_access()
        job.progress(50, "Halverwege")
        halfway.set()
        assert go_on.wait(30), "the test never let the job go on"
        return background.Built(pdf=b"%PDF-1.7 made by the worker", filename="traag.pdf")

    kind = background.register(
        background.Kind(
            name="test-traag", title="Traag rapport", build=build, roles=(Role.KERNTEAM,)
        )
    )
    yield kind, halfway, go_on
    go_on.set()
    background._kinds.pop(kind.name)


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    pytest.fail("the worker did not get there in time")


@pytest.mark.django_db(transaction=True)
def test_a_job_is_run_by_the_worker_and_its_progress_is_visible(
    worker, queue_on_redis, slow_kind, client
):
    kind, halfway, go_on = slow_kind
    school = make_school("Basisschool De Wachtrij")
    member = make_member(school, Role.KERNTEAM, full_name="Wim Wachter")
    job = background.start(kind=kind, user=member.user, school=school, params={"n": 1})
    # Not run in the request: it waits in Redis for a worker.
    assert job.state == JobState.QUEUED and queue_on_redis.queue_size() == 1

    client.force_login(member.user)
    status_url = reverse("reports:job", args=[school.slug, job.code])
    download_url = reverse("reports:job_download", args=[school.slug, job.code])
    assert "In de wachtrij" in client.get(status_url).content.decode()

    worker()
    assert halfway.wait(20), "the worker did not pick the job up"
    page = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Halverwege" in page and "50%" in page and 'hx-trigger="every 2s"' in page
    assert client.get(download_url).status_code == 302  # not yet

    go_on.set()
    wait_for(lambda: ReportJob.objects.filter(pk=job.pk, state=JobState.DONE).exists())
    page = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Traag rapport is klaar." in page and download_url in page
    response = client.get(download_url)
    assert response.content == b"%PDF-1.7 made by the worker"
    assert queue_on_redis.queue_size() == 0
