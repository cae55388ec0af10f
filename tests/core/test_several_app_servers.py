"""Two app servers behind nginx behave as one (deploy/cluster.py, issue 25).

Starts the cluster script as a person would (``python -m deploy.cluster
--demo``) on a PostgreSQL database of its own, with Redis, and sends requests
straight to each app server (A and B) and through nginx:

- a session logged in on A is valid on B and through nginx, and logging out
  on B ends it on A;
- a throttle counted on A holds on B: the password-change throttle (Redis)
  and the log-in lock of django-axes (its database handler);
- a page cached through A is served from that cache by B, and an autosave
  through A makes B's page fresh;
- 8 clients for 60 seconds through nginx, with a colleague autosaving once a
  second, get no error, and both app servers answer them.

It runs when DATABASE_URL is PostgreSQL (CI's PostgreSQL run) and skips on
SQLite. Outside CI it skips without nginx, wrk or Redis; under CI (CI=true)
it fails instead, since .ci/run installs and starts them.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench import common
from bench.traffic import WRITER, WRITER_HANDVAT, WRITER_SCHOOL, Autosaver
from deploy.cluster import find_nginx

pytestmark = pytest.mark.cluster

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# nginx on this port, the app servers on the next two (the first free from here).
FIRST_PORT = int(os.environ.get("TEST_CLUSTER_PORT", "18480"))
LOAD_SECONDS = float(os.environ.get("TEST_CLUSTER_LOAD_SECONDS", "60"))
LOGIN = "/account/inloggen/"
PASSWORD = "welbevinden-demo"
LIMIT = 2  # AXES_FAILURE_LIMIT and PASSWORD_CHANGE_FAILURE_LIMIT of the cluster
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
PAGE_TOKEN = re.compile(rb'"X-CSRFToken": "([^"]+)"')


def _requirements() -> str:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        pytest.skip("Runs on PostgreSQL (DATABASE_URL=postgres://…), as CI's PostgreSQL run does.")
    redis = pytest.importorskip("redis")
    missing = []
    if find_nginx(install=False) is None:
        missing.append("nginx")
    if shutil.which("wrk") is None:
        missing.append("wrk")
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        missing.append(f"Redis at {TEST_REDIS_URL}")
    if missing:
        message = f"Two app servers behind nginx need {', '.join(missing)}."
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (.ci/run installs and starts them).")
        pytest.skip(message)
    return database_url


def _free_ports(count: int) -> int:
    """The first port from FIRST_PORT with it and the ``count - 1`` after it free."""
    for first in range(FIRST_PORT, FIRST_PORT + 90, count):
        if all(common.free_port(port) == port for port in range(first, first + count)):
            return first
    pytest.fail(f"No {count} free ports from {FIRST_PORT}.")


@contextlib.contextmanager
def _cluster(database_url: str, redis_prefix: str, log_dir: Path):
    """deploy/cluster.py with the demo, run as a person runs it; yields (nginx, A, B) URLs."""
    port = _free_ports(3)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": TEST_REDIS_URL,
        "REDIS_KEY_PREFIX": redis_prefix,
        # Served from static/ (no collectstatic: it would double the start-up).
        "STATIC_MANIFEST": "false",
        "AXES_FAILURE_LIMIT": str(LIMIT),
        "PASSWORD_CHANGE_FAILURE_LIMIT": str(LIMIT),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SECRET_KEY", None)  # the script makes the one both app servers share
    command = [sys.executable, "-m", "deploy.cluster", "--demo", f"--port={port}"]
    process = subprocess.Popen(
        [*command, f"--dir={log_dir}"],
        cwd=common.PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = b""
    try:
        deadline = time.monotonic() + 120  # migrate and seed_demo on a busy CI machine
        while b"Welbevinden runs on" not in output:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                line = process.stdout.readline()
                if not line and process.poll() is not None:
                    break
                output += line
            assert time.monotonic() < deadline, f"The cluster did not start:\n{output.decode()}"
        assert process.poll() is None, f"The cluster stopped:\n{output.decode()}"
        yield tuple(f"http://{common.HOST}:{p}" for p in (port, port + 1, port + 2))
        # A clear stop: SIGTERM stops nginx and both app servers.
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
        assert process.returncode == 0, (output + rest).decode()
        assert b"Stopped nginx and the app servers." in rest
        assert all(common.free_port(p) == p for p in (port, port + 1, port + 2))
    finally:
        if process.poll() is None:  # a failed check: stop everything it started all the same
            process.send_signal(signal.SIGTERM)
            try:
                process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _form(base_url: str, path: str, cookies: dict, fields: dict) -> common.Response:
    """Fill in the form on ``path`` as a browser does (its CSRF token) and send it."""
    page = common.fetch(base_url, path, cookies=cookies)
    cookies.update(common.cookies_of(page))
    token = CSRF_FIELD.search(page.body)
    assert page.status == 200 and token, f"{base_url}{path} answered {page.status}"
    data = {"csrfmiddlewaretoken": token.group(1).decode(), **fields}
    answer = common.fetch(
        base_url, path, cookies=cookies, data=data, headers={"Referer": base_url + path}
    )
    cookies.update(common.cookies_of(answer))
    return answer


def _pages_in_redis(redis, prefix: str) -> int:
    return sum(1 for _ in redis.scan_iter(f"{prefix}-pages:*"))


def test_two_app_servers_behind_nginx_answer_as_one():
    started = time.monotonic()
    database_url = _requirements()
    import redis

    store = redis.Redis.from_url(TEST_REDIS_URL)
    prefix = f"welbevinden-cluster-test-{uuid.uuid4().hex}"
    name = urlsplit(database_url).path.lstrip("/") or "welbevinden"
    log_dir = Path(tempfile.mkdtemp(prefix="welbevinden-cluster-test-"))
    try:
        with (
            common.bench_database(database_url, f"{name}_cluster") as cluster_database,
            _cluster(cluster_database, prefix, log_dir) as (nginx, a, b),
        ):
            # The time each part took, for a failure's report (and pytest -s).
            print(f"cluster up after {time.monotonic() - started:.1f} s")
            cookies = _sessions_are_shared(nginx, a, b)
            _throttles_are_shared(nginx, a, b, cookies)
            saver = _cached_pages_are_shared(nginx, a, b, store, prefix)
            print(f"shared state checked after {time.monotonic() - started:.1f} s")
            _eight_clients_get_no_errors(nginx, log_dir, cookies, saver)
        print(f"stopped after {time.monotonic() - started:.1f} s")
    finally:
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
        shutil.rmtree(log_dir, ignore_errors=True)


def _sessions_are_shared(nginx: str, a: str, b: str) -> dict[str, str]:
    """Lotte's sessions; returns one logged in through nginx."""
    cookies = common.login(a, "lotte@kiezel.example", PASSWORD, LOGIN)
    for base_url in (a, b, nginx):
        page = common.fetch(base_url, "/s/de-kiezel/", cookies=cookies)
        assert page.status == 200, base_url
        assert b", Lotte</h1>" in page.body  # her greeting: her session
    # Logged out on B, the session is over on A too.
    token = CSRF_FIELD.search(page.body).group(1).decode()
    logout = common.fetch(
        b, "/account/uitloggen/", cookies=cookies, data={"csrfmiddlewaretoken": token}
    )
    assert logout.status == 302
    for base_url in (a, nginx):
        answer = common.fetch(base_url, "/s/de-kiezel/", cookies=cookies)
        assert answer.status == 302 and answer.headers["Location"].startswith(LOGIN), base_url
    # Logged in through nginx, the session opens both app servers.
    cookies = common.login(nginx, "lotte@kiezel.example", PASSWORD, LOGIN)
    assert all(common.fetch(u, "/s/de-kiezel/", cookies=cookies).status == 200 for u in (a, b))
    return cookies


def _throttles_are_shared(nginx: str, a: str, b: str, cookies: dict[str, str]) -> None:
    # Wrong current passwords counted on A (in Redis): B and nginx refuse the
    # form without checking the password, the right one included.
    wrong = {"old_password": "niet-het-wachtwoord", "new_password1": "", "new_password2": ""}
    for _ in range(LIMIT):
        assert _form(a, "/account/wachtwoord/", cookies, wrong).status == 200
    right = {**wrong, "old_password": PASSWORD}
    for base_url in (b, nginx):
        answer = _form(base_url, "/account/wachtwoord/", cookies, right)
        assert answer.status == 429, base_url
        assert b"te vaak een verkeerd huidig wachtwoord" in answer.body
    # Failed log-ins counted on A (axes, in the database): the address is
    # locked on B and through nginx, for the right password too.
    failures = [
        _form(a, LOGIN, {}, {"username": "ahmed@kiezel.example", "password": "fout-fout-fout"})
        for _ in range(LIMIT)
    ]
    assert [f.status for f in failures[:-1]] == [200] * (LIMIT - 1)
    for base_url in (b, nginx):
        cookies = {}
        answer = _form(
            base_url, LOGIN, cookies, {"username": "ahmed@kiezel.example", "password": PASSWORD}
        )
        assert answer.status == 429, base_url
        assert b"Even wachten met inloggen" in answer.body
        assert "sessionid" not in cookies


def _cached_pages_are_shared(nginx: str, a: str, b: str, redis, prefix: str) -> Autosaver:
    """Joris's round page; returns an autosaver of that round, through nginx."""
    cookies = common.login(a, WRITER, PASSWORD, LOGIN)
    handvat = common.fetch(a, f"/s/{WRITER_SCHOOL}/handvatten/{WRITER_HANDVAT}/", cookies=cookies)
    round_path = re.search(rf'href="(/s/{WRITER_SCHOOL}/rondes/[^"/]+/)"', handvat.body.decode())[1]
    before = _pages_in_redis(redis, prefix)
    first = common.fetch(a, round_path, cookies=cookies)
    assert first.status == 200
    assert _pages_in_redis(redis, prefix) == before + 1  # kept in the shared cache
    # Every render masks the page's CSRF token anew; B's and nginx's answers
    # are A's to the byte: the page A kept, not rendered again.
    assert common.fetch(b, round_path, cookies=cookies).body == first.body
    assert common.fetch(nginx, round_path, cookies=cookies).body == first.body

    # An autosave through A makes the page stale everywhere.
    questions = [name.decode() for name in re.findall(rb'<textarea[^>]*name="([^"]+)"', first.body)]
    saver = Autosaver(a, cookies, round_path, round_path + "opslaan/", questions)
    saver.save_once(1)
    assert saver.results == [(200, saver.results[0][1])]
    fresh = common.fetch(b, round_path, cookies=cookies)
    assert b"bij de deur (1)" in fresh.body
    assert b"bij de deur (1)" not in first.body
    assert PAGE_TOKEN.search(fresh.body)[1] != PAGE_TOKEN.search(first.body)[1]
    # …and B's new render is what A serves next.
    assert common.fetch(a, round_path, cookies=cookies).body == fresh.body
    return Autosaver(nginx, cookies, round_path, round_path + "opslaan/", questions)


def _eight_clients_get_no_errors(
    nginx: str, log_dir: Path, lotte: dict[str, str], saver: Autosaver
) -> None:
    # Members on pages of their own (Lotte in her session from before); wrk
    # counts any answer but 2xx/3xx as an error.
    sessions = [
        (lotte, "de-kiezel"),
        (common.login(nginx, "directie@kiezel.example", PASSWORD, LOGIN), "de-kiezel"),
        (common.login(nginx, "daan@rimpeling.example", PASSWORD, LOGIN), "de-rimpeling"),
    ]
    pages = ["", "mijn-handvatten/", *(f"cirkels/{n}/" for n in range(1, 7))]
    mix = [(cookies, f"/s/{school}/{page}") for cookies, school in sessions for page in pages]
    counted = {log: _answers(log) for log in log_dir.glob("gunicorn-*.log")}
    # Joris autosaves his round once a second meanwhile, so pages go stale
    # and are rendered again on both app servers.
    saver.start()
    try:
        load = common.run_wrk_mix(nginx, mix, seconds=LOAD_SECONDS, connections=8)
    finally:
        saver.stop.set()
        saver.join()
    saves = saver.summary()
    assert load["requests"] > 0
    assert load["errors"] == 0, load["error_detail"]
    assert saves["saves"] > 0 and saves["errors"] == 0, saves
    # Both app servers answered their share of it.
    answered = [_answers(log) - before for log, before in counted.items()]
    assert len(answered) == 2
    assert min(answered) > 0.3 * (load["requests"] + saves["saves"]), answered


def _answers(log: Path) -> int:
    """Requests an app server answered: its access log's lines ("GET /… HTTP/1.0" 200 …)."""
    return len(re.findall(r'HTTP/1\.[01]" \d{3} ', log.read_text()))
