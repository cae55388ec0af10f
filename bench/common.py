"""What every benchmark in bench/ shares.

- ``production_env`` / ``setup_django``: the app's production settings over
  plain HTTP on 127.0.0.1 (DEBUG off, hashed static files, no HTTPS redirect).
- ``bench_database``: a database of the benchmark's own on the server that
  DATABASE_URL names (PostgreSQL) or in a temporary file (SQLite), created
  empty and dropped afterwards, so no developer's data is touched.
- ``build_data``: migrations, the demo schools and optionally the large one.
- ``gunicorn``, ``login``, ``run_wrk``, ``run_wrk_mix``, ``measure_in_process``:
  serving and measuring (``run_wrk_mix``: many sessions, each its own pages).
- ``describe_machine``, ``print_table``, ``write_results``: reporting; results
  go to ``bench/results/<name>.json``.

Nothing here knows about a particular page or report.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"
# Random (cookie, path) pairs from a file, and the same report (wrk_report.lua).
WRK_MIX_SCRIPT = BENCH_DIR / "wrk_mix.lua"
DEFAULT_DATABASE_URL = "sqlite:///" + str(PROJECT_DIR / "db.sqlite3")
HOST = "127.0.0.1"


class BenchError(RuntimeError):
    """Something the person running the benchmark must fix; the message says what."""


# Settings and database -------------------------------------------------------


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """Environment for the app's production settings, served over plain HTTP locally.

    REDIS_URL (and any other setting already in the environment) is passed
    through, so a run can measure a deployment with Redis.
    """
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-" + secrets.token_urlsafe(48),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS=f"{HOST},localhost,testserver",
        STATIC_MANIFEST="true",
        STATIC_ROOT=str(PROJECT_DIR / "staticfiles"),
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies over HTTP.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        # No mail leaves a benchmark; kept in memory, so nothing is logged either.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_SETTINGS_MODULE="welbevinden.settings",
    )
    env.update(extra)
    return env


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the same settings the server gets."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


@contextlib.contextmanager
def bench_database(
    database_url: str | None, name: str = "welbevinden_bench", keep: bool = False
) -> Iterator[str]:
    """A fresh, empty database for the benchmark; yields its URL and drops it afterwards.

    For PostgreSQL it lives on the server of ``database_url`` under ``name``
    (never the database the URL names); for SQLite in a temporary directory.
    """
    url = database_url or DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    if parts.scheme.startswith("postgres"):
        import psycopg

        admin_url = urlunsplit(parts._replace(path="/postgres"))
        bench_url = urlunsplit(parts._replace(path=f"/{name}"))
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise BenchError(f"Database name {name!r}: use lower-case letters, digits and _.")

        def admin(sql: str) -> None:
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(sql)

        try:
            admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin(f"CREATE DATABASE {name}")
        except psycopg.OperationalError as error:
            raise BenchError(f"Cannot reach PostgreSQL at {url}: {error}") from None
        try:
            yield bench_url
        finally:
            if not keep:
                admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    elif parts.scheme == "sqlite":
        directory = Path(tempfile.mkdtemp(prefix="welbevinden-bench-"))
        try:
            yield f"sqlite:///{directory / (name + '.sqlite3')}"
        finally:
            if not keep:
                shutil.rmtree(directory, ignore_errors=True)
    else:
        raise BenchError(f"DATABASE_URL {url!r}: the benchmarks run on PostgreSQL or SQLite.")


def build_data(
    *,
    large: bool,
    board: bool = False,
    quiet: bool = True,
    demo: bool = True,
    static_files: bool = True,
) -> dict:
    """Migrate, collect static files, seed the demo schools (and the large school, and the
    large board of 40 schools).

    ``demo=False`` leaves out the demo schools; ``static_files=False`` leaves
    out collectstatic (with STATIC_MANIFEST off the files are served from
    static/). Returns what was built:
    ``{"large": LargeSchool | None, "board": LargeBoard | None}``.
    """
    from django.core.management import call_command

    verbosity = 0 if quiet else 1
    call_command("migrate", interactive=False, verbosity=verbosity)
    if static_files:
        call_command("collectstatic", interactive=False, verbosity=verbosity)
    if demo:
        with open(os.devnull, "w") as devnull:
            # A database of its own with invented schools only, so the demo
            # accounts' published password opens nothing real.
            call_command("seed_demo", "--allow-production", stdout=devnull)
    built = {"large": None, "board": None}
    if large:
        from welbevinden.dashboard.large_school import build_large_school

        built["large"] = build_large_school()
    if board:
        from welbevinden.dashboard.large_school import build_large_board

        built["board"] = build_large_board()
    from django.db import connection

    if connection.vendor == "postgresql":
        # Statistics for the planner, as autovacuum would gather them after a
        # bulk load (a server may run with it off: then every plan is a guess).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # The page cache hears of this process's writes at the end of a request or
    # at exit; there is no request here, and at exit the database may be gone.
    from welbevinden.core import pagecache

    flush = getattr(pagecache, "flush", None)
    if flush is not None:
        flush()
    return built


# Serving -----------------------------------------------------------------------


def run_benchmark(prog: str, args, run: Callable[..., int], *, needs_wrk: bool = True) -> int:
    """Run ``run(args, database_url)`` on a fresh benchmark database.

    A BenchError is printed as a message, and the exit status is 1.
    """
    try:
        if needs_wrk:
            require_wrk()
        with bench_database(
            os.environ.get("DATABASE_URL"), args.database_name, keep=args.keep
        ) as database_url:
            return run(args, database_url)
    except BenchError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1


def free_port(preferred: int) -> int:
    """``preferred`` when nothing listens there, else the next free port above it."""
    for port in range(preferred, preferred + 100):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise BenchError(f"No free port in {preferred}-{preferred + 99}.")


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen
    log: Path


@contextlib.contextmanager
def gunicorn(
    app: str,
    *,
    port: int,
    env: dict[str, str],
    workers: int = 2,
    log_dir: Path | None = None,
    directory: Path = PROJECT_DIR,
    args: Sequence[str] = (),
    log_name: str = "welbevinden-bench-gunicorn",
) -> Iterator[Server]:
    """Serve ``app`` from ``directory`` with gunicorn (sync workers) on 127.0.0.1 in this block.

    ``args`` go to gunicorn after the others (``--access-logfile=-`` writes
    the access log into the log too); the log is ``<log_dir>/<log_name>-<port>.log``.
    """
    log_dir = log_dir or Path(tempfile.gettempdir())
    log = log_dir / f"{log_name}-{port}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        f"--error-logfile={log}",
        # gunicorn puts this directory first on the import path, so another
        # checkout (a benchmark's baseline) runs its own code.
        f"--chdir={directory}",
        *args,
    ]
    with open(log, "w") as log_file:
        # A session of its own, so stopping it stops its workers too.
        process = subprocess.Popen(
            command, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(f"http://{HOST}:{port}", process, log)
    try:
        wait_until_up(server)
        yield server
    finally:
        stop_group(process, timeout=15)


def stop_group(
    process: subprocess.Popen, *, sent: int = signal.SIGTERM, timeout: float = 10
) -> None:
    """Stop a process started in a session of its own, with its children: ``sent``,
    then after ``timeout`` seconds SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sent)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(server: Server, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    port = int(server.base_url.rsplit(":", 1)[1])
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"gunicorn stopped at start-up:\n{server.log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            socket.create_connection((HOST, port), timeout=1).close()
            return
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer within {timeout} s; see {server.log}.")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(
    base_url: str,
    path: str,
    *,
    cookies: dict[str, str] | None = None,
    data: dict | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """One request to the local server; redirects are returned, not followed."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    all_headers = dict(headers or {})
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urlencode(data)
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request("POST" if data is not None else "GET", path, body, all_headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def cookies_of(response: Response) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {key: morsel.value for key, morsel in jar.items()}


def login(base_url: str, email: str, password: str, login_path: str) -> dict[str, str]:
    """Log in through the login form, as a browser does; returns the session's cookies."""
    page = fetch(base_url, login_path)
    cookies = cookies_of(page)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if page.status != 200 or token is None:
        raise BenchError(f"The login page {login_path} answered {page.status} without a form.")
    answer = fetch(
        base_url,
        login_path,
        cookies=cookies,
        data={
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": email,
            "password": password,
        },
        headers={"Referer": base_url + login_path},
    )
    cookies.update(cookies_of(answer))
    if answer.status != 302 or "sessionid" not in cookies:
        raise BenchError(f"Logging in as {email} failed (status {answer.status}).")
    return cookies


# Measuring ---------------------------------------------------------------------


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError(
            "The benchmark drives the server with wrk, which is not installed. On Debian or "
            "Ubuntu: sudo apt-get install wrk (make bench does this for you)."
        )
    return wrk


def run_wrk(
    url: str,
    *,
    seconds: float,
    connections: int = 8,
    threads: int = 2,
    cookies: dict[str, str] | None = None,
    script: Path = WRK_SCRIPT,
    script_args: Sequence[str] = (),
) -> dict:
    """Load ``url`` for ``seconds`` with ``connections`` concurrent clients.

    Returns requests/s, p50/p95/p99 latency in ms, bytes per response and
    the error counts wrk saw (connection errors, timeouts, status >= 400).
    ``script`` is wrk's Lua script (it must print the report of
    ``wrk_report.lua``), ``script_args`` what it gets after ``--``.
    """
    if urlsplit(url).hostname != HOST:
        raise BenchError(f"The benchmarks send traffic only to {HOST}, not to {url}.")
    command = [
        require_wrk(),
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=10s",
        f"--script={script}",
    ]
    if cookies:
        command.append(f"--header=Cookie: {cookie_header(cookies)}")
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next((ln for ln in output.splitlines() if ln.startswith("WRK_JSON ")), None)
    if line is None:
        raise BenchError(f"wrk printed no results:\n{output}")
    raw = json.loads(line.removeprefix("WRK_JSON "))
    requests = raw["requests"]
    errors = sum(raw["errors"].values())
    return {
        "requests": requests,
        "rps": requests / (raw["duration_us"] / 1e6),
        "p50_ms": raw["latency_us"]["p50"] / 1000,
        "p95_ms": raw["latency_us"]["p95"] / 1000,
        "p99_ms": raw["latency_us"]["p99"] / 1000,
        "bytes_per_response": raw["bytes"] / requests if requests else 0,
        "errors": errors,
        "error_detail": raw["errors"],
    }


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def run_wrk_mix(
    base_url: str,
    requests: Sequence[tuple[dict[str, str] | None, str]],
    *,
    seconds: float,
    connections: int = 8,
    threads: int = 2,
) -> dict:
    """Like ``run_wrk``, but every request is a random one of ``requests``.

    ``requests`` are (cookies, path) pairs: each a browser session and a page
    of its own, so many members can browse at once. wrk picks one at random
    per request, in each thread with its own seed (``wrk_mix.lua``).
    """
    if not requests:
        raise BenchError("No requests to send.")
    with tempfile.NamedTemporaryFile(
        "w", prefix="welbevinden-bench-mix-", suffix=".tsv", delete=False
    ) as listing:
        for cookies, path in requests:
            if "\t" in path or "\n" in path or not path.startswith("/"):
                raise BenchError(f"Not a path to request: {path!r}")
            listing.write(f"{cookie_header(cookies or {})}\t{path}\n")
    try:
        return run_wrk(
            base_url + "/",
            seconds=seconds,
            connections=connections,
            threads=threads,
            script=WRK_MIX_SCRIPT,
            script_args=[listing.name],
        )
    finally:
        Path(listing.name).unlink(missing_ok=True)


def test_client(cookies: dict[str, str]):
    """Django's test client in this process, carrying a session from ``login``."""
    from django.test import Client

    client = Client(SERVER_NAME=HOST)
    for key, value in cookies.items():
        client.cookies[key] = value
    return client


def measure_in_process(client, path: str, *, repeat: int = 20, before_each=None) -> dict:
    """Queries, response bytes and mean CPU time of a GET in this process (Django's test client).

    One request first fills per-process caches, as on a server that has been
    up a while; the queries are those of the second request, the CPU time
    the mean of ``repeat`` more. ``before_each`` runs before every measured
    request, outside the measurement (to empty a cache, say).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before_each = before_each or (lambda: None)
    client.get(path)
    before_each()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise BenchError(f"{path} answered {response.status_code} in-process.")
    # Read now: every request clears the connection's query log.
    queries = len(captured.captured_queries)
    # CPU time of this process: on a shared machine far steadier than the
    # clock (on SQLite it includes the database's work, on PostgreSQL not).
    elapsed = 0.0
    for _ in range(repeat):
        before_each()
        started = time.process_time()
        client.get(path)
        elapsed += time.process_time() - started
    elapsed /= repeat
    return {
        "queries": queries,
        "html_bytes": len(response.content),
        "cpu_ms": elapsed * 1000,
    }


# Reporting ---------------------------------------------------------------------


def _first_line(command: Sequence[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def describe_machine() -> dict:
    """The machine, the software and the settings a result was measured with."""
    import django
    from django.conf import settings
    from django.db import connection

    cpu = "unknown"
    with contextlib.suppress(OSError):
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1).strip() if match else cpu
    memory_gb = None
    with contextlib.suppress(OSError, AttributeError):
        kb = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1)
        memory_gb = round(int(kb) / 1024 / 1024, 1)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        database_version = cursor.fetchone()[0]
    commit = _first_line(["git", "-C", str(PROJECT_DIR), "rev-parse", "--short", "HEAD"])
    dirty = _first_line(["git", "-C", str(PROJECT_DIR), "status", "--porcelain"])
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + ("+changes" if dirty not in ("", "unknown") else ""),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {database_version}",
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "sessions": settings.SESSION_ENGINE.rsplit(".", 1)[-1],
        "wrk": _first_line(["wrk", "--version"]).split(" [")[0],
    }


def print_table(columns: Sequence[tuple[str, str]], rows: Sequence[dict]) -> str:
    """Print rows as an aligned table; ``columns`` are (key, heading). Returns the text."""

    def cell(value) -> str:
        if isinstance(value, float):
            return f"{value:.1f}"
        return "" if value is None else str(value)

    cells = [[cell(row.get(key)) for key, _ in columns] for row in rows]
    # Numbers right-aligned, text left-aligned.
    numeric = [
        all(isinstance(row.get(key), int | float) for row in rows if row.get(key) is not None)
        for key, _ in columns
    ]
    widths = [
        max(len(heading), *(len(r[i]) for r in cells)) if cells else len(heading)
        for i, (_, heading) in enumerate(columns)
    ]
    lines = [
        " | ".join(h.ljust(w) for (_, h), w in zip(columns, widths, strict=True)),
        "-|-".join("-" * w for w in widths),
    ]
    for r in cells:
        parts = [
            value.rjust(w) if numeric[i] else value.ljust(w)
            for i, (value, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append(" | ".join(parts))
    text = "\n".join(lines)
    print(text)
    return text


def write_results(name: str, payload: dict) -> Path:
    """Write ``payload`` to bench/results/<name>.json and return the path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
