"""Two app servers behind nginx on this machine: the production set-up in one command.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/welbevinden \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m deploy.cluster [--demo]

Migrates the database (and collects the static files), then starts two
gunicorn instances with the same settings (one SECRET_KEY, the same
PostgreSQL and Redis) on ports PORT+1 and PORT+2, and nginx on PORT in front
of them with production's proxy rules (deploy/nginx/proxy.conf, in a
nginx.conf made from deploy/nginx/cluster.conf.template). Everything runs in
the foreground until Ctrl+C or SIGTERM, which stops all three; if one of them
stops by itself, the others are stopped too and the exit status is 1.

It speaks plain HTTP on 127.0.0.1 (production's settings otherwise, as the
benchmarks use them: bench/common.production_env), for trying the set-up and
for tests/core/test_several_app_servers.py; a real server runs the same
pieces from systemd (deploy/systemd/) with TLS in nginx (README, "Running in
production"). The logs (each instance's access log, nginx's with the
instance that answered) are in --dir. nginx comes from apt-get, installed when
missing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from bench import common

DEPLOY_DIR = Path(__file__).resolve().parent
NGINX_DIR = DEPLOY_DIR / "nginx"
HOST = common.HOST
# Settings the caller's environment may choose; otherwise production_env's
# (plain HTTP on 127.0.0.1). Every other variable is passed through as is.
CALLER_MAY_SET = ("SECRET_KEY", "ALLOWED_HOSTS", "STATIC_MANIFEST", "STATIC_ROOT", "LOG_LEVEL")


class ClusterError(RuntimeError):
    """Something the person starting the cluster must fix; the message says what."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.cluster", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (8080)")
    parser.add_argument("--instances", type=int, default=2, help="app servers (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers each (2)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="also seed the demo schools (seed_demo --allow-production): a demo database only",
    )
    parser.add_argument("--dir", type=Path, help="for nginx.conf and the logs (a new one in /tmp)")
    args = parser.parse_args(argv)
    try:
        return serve(args)
    except (ClusterError, common.BenchError) as error:
        print(f"deploy.cluster: {error}", file=sys.stderr)
        return 1


def serve(args) -> int:
    database_url, redis_url = _shared_services()
    nginx = find_nginx(install=True)
    directory = args.dir or Path(tempfile.mkdtemp(prefix="welbevinden-cluster-"))
    directory.mkdir(parents=True, exist_ok=True)
    # nginx's workers (www-data when started as root) write their temporary
    # files here.
    directory.chmod(0o755)
    env = instance_env(database_url, redis_url)
    static_files = env["STATIC_MANIFEST"].lower() == "true"
    steps = ["migrate", *(["collectstatic"] if static_files else []), *(["seed_demo"] * args.demo)]
    print(f"Preparing ({', '.join(steps)})…", flush=True)
    common.setup_django(env)
    common.build_data(large=False, demo=args.demo, static_files=static_files)
    from django.db import connections

    connections.close_all()

    ports = [args.port + n for n in range(1, args.instances + 1)]
    stopping = _stop_on_signals()
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(
                common.gunicorn(
                    "welbevinden.wsgi",
                    port=port,
                    env=env,
                    workers=args.workers,
                    log_dir=directory,
                    log_name="gunicorn",
                    # Each request on a line of its instance's log (which one answered);
                    # the timeout of deploy/systemd/welbevinden@.service.
                    args=["--access-logfile=-", "--timeout=60"],
                )
            )
            for port in ports
        ]
        worker = stack.enter_context(run_worker(env, directory))
        proxy = stack.enter_context(run_nginx(nginx, directory, args.port, ports))
        print(f"Welbevinden runs on {proxy.base_url}/ (nginx)", flush=True)
        for server in servers:
            print(f"  app server {server.base_url}/  log {server.log}", flush=True)
        print(f"  task queue worker  log {directory / 'worker.log'}", flush=True)
        print(f"  nginx log {directory / 'nginx-access.log'}; stop with Ctrl+C", flush=True)
        watched = [("nginx", proxy.process), ("the task queue's worker", worker)]
        watched += [(f"the app server at {server.base_url}", server.process) for server in servers]
        while not stopping.wait(0.5):
            for name, process in watched:
                if process.poll() is not None:
                    print(
                        f"deploy.cluster: {name} stopped (status {process.returncode}); "
                        f"stopping the rest. Logs: {directory}",
                        file=sys.stderr,
                    )
                    return 1
    print("Stopped nginx and the app servers.", flush=True)
    return 0


def _shared_services() -> tuple[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise ClusterError(
            "Set DATABASE_URL to a PostgreSQL database (postgres://user@host:5432/name): "
            "every app server uses the same one."
        )
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ClusterError(
            "Set REDIS_URL (redis://127.0.0.1:6379/0): the app servers share sessions, the "
            "cache, the throttles and the page cache's generations through it."
        )
    return database_url, redis_url


def instance_env(database_url: str, redis_url: str) -> dict[str, str]:
    """The one environment every app server gets: production settings, one SECRET_KEY."""
    mine = {name: os.environ[name] for name in CALLER_MAY_SET if os.environ.get(name)}
    mine.setdefault("SECRET_KEY", "cluster-" + secrets.token_urlsafe(48))
    return common.production_env(
        database_url,
        REDIS_URL=redis_url,
        # As behind production's nginx (deploy/nginx/proxy.conf).
        BEHIND_HTTPS_PROXY="true",
        PROXY_COUNT="1",
        **mine,
    )


def find_nginx(*, install: bool) -> str | None:
    """nginx's path; with ``install``, installed with apt-get when missing."""
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    nginx = shutil.which("nginx", path=search)
    if nginx is None and install:
        command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"]
        if os.geteuid() != 0:
            command.insert(0, "sudo")
        print("Installing nginx with apt-get", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(command, env=env).returncode != 0:
            # A fresh machine may not have the package lists yet.
            update = [*command[: command.index("install")], "update", "-qq"]
            subprocess.run(update, env=env)
            if subprocess.run(command, env=env).returncode != 0:
                raise ClusterError("Could not install nginx; on Debian: sudo apt-get install nginx")
        nginx = shutil.which("nginx", path=search)
    if nginx is None and install:
        raise ClusterError("nginx is not on the PATH after installing it.")
    return nginx


def nginx_conf(directory: Path, port: int, upstream_ports: list[int]) -> str:
    """nginx.conf from deploy/nginx/cluster.conf.template."""
    user = ""
    if os.geteuid() == 0:
        # Root's nginx runs its workers as another user; Debian's is www-data.
        try:
            pwd.getpwnam("www-data")
            user = "user www-data;"
        except KeyError:
            user = "user nobody;"
    values = {
        "@USER@": user,
        "@DIR@": str(directory),
        "@HOST@": HOST,
        "@PORT@": str(port),
        "@SERVERS@": "\n".join(f"        server {HOST}:{p};" for p in upstream_ports),
        "@PROXY_CONF@": str(NGINX_DIR / "proxy.conf"),
    }
    text = (NGINX_DIR / "cluster.conf.template").read_text()
    for name, value in values.items():
        text = text.replace(name, value)
    return text


@contextlib.contextmanager
def run_worker(env: dict[str, str], directory: Path):
    """The task queue's worker (``manage.py run_huey``, as deploy/systemd/welbevinden-worker.service
    runs it): the reports made in the background and the nightly purges, in this block."""
    with open(directory / "worker.log", "w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey"],
            cwd=common.PROJECT_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        # SIGINT: a job in progress is finished first (as the unit's KillSignal).
        common.stop_group(process, sent=signal.SIGINT, timeout=30)


@contextlib.contextmanager
def run_nginx(nginx: str, directory: Path, port: int, upstream_ports: list[int]):
    """nginx in the foreground (daemon off) in front of ``upstream_ports``, in this block."""
    conf = directory / "nginx.conf"
    conf.write_text(nginx_conf(directory, port, upstream_ports))
    (directory / "temp").mkdir(exist_ok=True)
    log = directory / "nginx-error.log"
    command = [nginx, "-p", str(directory), "-c", str(conf), "-e", str(log), "-g", "daemon off;"]
    with open(directory / "nginx-output.log", "w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = common.Server(f"http://{HOST}:{port}", process, log)
    try:
        try:
            common.wait_until_up(server)
        except common.BenchError:
            text = (directory / "nginx-output.log").read_text() + (
                log.read_text() if log.exists() else ""
            )
            raise ClusterError(f"nginx did not start:\n{text[-3000:]}") from None
        yield server
    finally:
        common.stop_group(process)


def _stop_on_signals() -> threading.Event:
    """An event set by Ctrl+C (SIGINT) or SIGTERM (kill, a test).

    Set explicitly for SIGINT too: a shell starts a background job with
    SIGINT ignored, and the servers must still stop when it is sent.
    """
    stopping = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stopping.set())
    return stopping


if __name__ == "__main__":
    sys.exit(main())
