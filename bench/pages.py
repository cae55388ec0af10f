"""Page benchmark: every main page against bare Django, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.pages
    .venv/bin/python -m bench.pages --large      # SQLite, plus the large school

Builds the demo schools (and with --large a school of 1,200 pupils) in a
database of its own, serves the app and a bare Django view under gunicorn
with production settings, logs in, and measures each page with wrk at 8
concurrent clients: throughput, p50/p95 latency, the ratio to bare Django,
SQL queries per request (in-process) and bytes per response. Prints a table
and writes bench/results/pages-<database>[-large].json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import common

DEMO_PASSWORD = "welbevinden-demo"
# Targets of issue 8, for the pages where a teacher spends their time.
TARGET_PAGES = {"home", "circle", "handvat", "round"}
TARGET_RATIO = 0.15
TARGET_P95_MS = 30
TARGET_QUERIES = 10
# Issue 25: the board's view and its schools' dashboard on a board of 40 schools.
TARGET_BOARD_P95_MS = 300
# The page a page of the large school or board is compared with, for its queries.
REFERENCE = {"board": "golfslag", "board-school": "de-kiezel"}


@dataclass(frozen=True)
class Page:
    school: str
    name: str
    # What the targets are checked against: home, circle, handvat, round, dashboard, other.
    kind: str
    path: str
    user: str  # e-mail of the member who opens it
    # A page kept outside the page cache (the board's overview): rendered means
    # after a write to the climate log of this school of the board.
    written_school: str = ""


def demo_pages() -> list[Page]:
    """The main pages of De Kiezel: Joris (leraar, kernteam) and its beheerder."""
    from circles.models import Round
    from welbevinden.schools.models import Group

    teacher, beheerder = "joris@kiezel.example", "beheer@kiezel.example"
    round = Round.objects.get(
        school__slug="de-kiezel",
        handvat__key="eigen-instrument",
        owner__email=teacher,
        completed_at=None,
    )
    group = Group.objects.get(
        school__slug="de-kiezel", name="Groep 5", school_year__is_current=True
    )
    return _pages("de-kiezel", teacher, beheerder, round.code, group.code)


def large_pages(large) -> list[Page]:
    from circles.models import Round

    round = Round.objects.get(
        school=large.school,
        handvat__key="eigen-instrument",
        owner=large.teacher.user,
        completed_at=None,
    )
    return _pages(
        large.school.slug,
        large.teacher.user.email,
        large.beheerder.user.email,
        round.code,
        large.group.code,
    )


def board_pages(large_board) -> list[Page]:
    """The board's view (this year and the one before) on the demo board of two schools
    and on the large board of 40, and the school dashboard of one of the 40."""
    from django.urls import reverse

    from welbevinden.schools.models import SchoolYear

    school = large_board.schools[0]
    start_year = SchoolYear.objects.get(school=school.school, is_current=True).start_year
    pages = []
    for slug, email, written in (
        ("golfslag", "bestuurder@golfslag.example", "de-kiezel"),
        (large_board.board.slug, large_board.bestuurder.email, school.school.slug),
    ):
        path = reverse("boards:board", args=[slug])
        pages.append(Page(slug, "bestuur", "board", path, email, written))
    # The demo board's schools have one school year; the large board's three.
    pages.append(
        Page(
            large_board.board.slug,
            "bestuur (vorig jaar)",
            "board",
            f"{path}?jaar={start_year - 1}",
            large_board.bestuurder.email,
            school.school.slug,
        )
    )
    pages.append(
        Page(
            school.school.slug,
            "dashboard (school)",
            "board-school",
            reverse("dashboard:school", args=[school.school.slug]),
            school.teacher.user.email,
        )
    )
    return pages


# Pages that another branch may not have yet: measured once their URL name exists.
OPTIONAL_PAGES = (
    # The school dashboard (issue 23), for a kernteam member: the whole school year so far,
    # and one period of it.
    ("dashboard (school)", "dashboard:school", ""),
    ("dashboard (periode 2)", "dashboard:school", "?periode=2"),
)


def optional_pages(slug, user) -> list[Page]:
    """The OPTIONAL_PAGES whose URL names exist in this checkout; the others are named."""
    from django.urls import NoReverseMatch, reverse

    pages = []
    for name, url_name, query in OPTIONAL_PAGES:
        try:
            path = reverse(url_name, args=[slug])
        except NoReverseMatch:
            print(f"Not measured: {name} ({url_name} does not exist here).", file=sys.stderr)
            continue
        pages.append(Page(slug, name, "dashboard", path + query, user))
    return pages


def _pages(slug, teacher, beheerder, round_code, group_code) -> list[Page]:
    from django.urls import reverse

    def url(name, *args):
        return reverse(name, args=[slug, *args])

    pages = [Page(slug, "home", "home", url("dashboard:home"), teacher)]
    pages += [
        Page(slug, f"cirkel {n}", "circle", url("circles:circle", n), teacher) for n in range(1, 7)
    ]
    pages += [
        Page(
            slug,
            "handvat (eigen instrument)",
            "handvat",
            url("circles:handvat", "eigen-instrument"),
            teacher,
        ),
        Page(slug, "ronde (stap 1)", "round", url("circles:round", round_code), teacher),
        Page(slug, "mijn handvatten", "other", url("circles:mine"), teacher),
        Page(slug, "ondersteuningspiramide", "other", url("pyramid:page"), teacher),
        Page(slug, "checklist beginsituatie", "other", url("checklists:beginsituatie"), teacher),
        Page(slug, "teamagenda", "other", url("checklists:agenda"), teacher),
        Page(slug, "groep", "other", url("schools:group_detail", group_code), teacher),
        Page(
            slug, "klimaatlogboek (groep)", "other", url("climate:group_log", group_code), teacher
        ),
        Page(slug, "sociogram (groep)", "other", url("sociogram:group", group_code), teacher),
        *optional_pages(slug, teacher),
        Page(slug, "beheer", "other", url("schools:overview"), beheerder),
        Page(slug, "leerlingen", "other", url("schools:pupil_list"), beheerder),
        Page(slug, "leerlingen (zoeken)", "other", url("schools:pupil_list") + "?q=a", beheerder),
        Page(slug, "doorschuiven (voorbeeld)", "other", url("schools:year_rollover"), beheerder),
    ]
    return pages


def _misses(row: dict) -> list[str]:
    misses = []
    if max(row["queries"], row["render_queries"]) > TARGET_QUERIES:
        misses.append(f"queries > {TARGET_QUERIES}")
    if row["kind"] in REFERENCE and row["p95_ms"] > TARGET_BOARD_P95_MS:
        misses.append(f"p95 > {TARGET_BOARD_P95_MS} ms")
    if row["kind"] in TARGET_PAGES:
        if row["ratio"] < TARGET_RATIO:
            misses.append(f"ratio < {TARGET_RATIO:.0%}")
        if row["p95_ms"] > TARGET_P95_MS:
            misses.append(f"p95 > {TARGET_P95_MS} ms")
    return misses


def _grows(row: dict, rows: list[dict]) -> list[str]:
    """On the large school or board: a page whose queries differ from the same page on the
    demo school (or the demo board)."""
    reference = REFERENCE.get(row["kind"], "de-kiezel")
    demo = next((r for r in rows if r["school"] == reference and r["page"] == row["page"]), None)
    if demo is None or row is demo:
        return []
    if (row["queries"], row["render_queries"]) != (demo["queries"], demo["render_queries"]):
        return [f"queries differ from {reference}"]
    return []


def profile(page: Page, cookies: dict[str, str], top: int) -> None:
    """cProfile of one warm request in this process, sorted by cumulative time."""
    client = common.test_client(cookies)
    for _ in range(3):
        client.get(page.path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        client.get(page.path)
    profiler.disable()
    print(f"\nProfile of 20 requests to {page.name} ({page.path}):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--large", action="store_true", help="also build and measure the large school"
    )
    parser.add_argument(
        "--board",
        action="store_true",
        help="also build a board of 40 schools (30,000 pupils) and measure its view",
    )
    parser.add_argument("--seconds", type=float, default=3, help="measuring time per page (3)")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up time per page (1)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--port", type=int, default=18080, help="first port to try for the app")
    parser.add_argument("--bare-port", type=int, default=18081, help="first port for bare Django")
    parser.add_argument("--database-name", default="welbevinden_bench", help="PostgreSQL database")
    parser.add_argument(
        "--only", help="measure only pages whose name contains this text (or one of a,b,…)"
    )
    parser.add_argument("--profile", metavar="PAGE", help="profile one page in-process, then stop")
    parser.add_argument(
        "--in-process", action="store_true", help="only the in-process columns (no wrk)"
    )
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        help="another checkout of the project, served too and measured next to each page",
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)

    return common.run_benchmark(
        "bench.pages", args, _run, needs_wrk=not (args.profile or args.in_process)
    )


@contextlib.contextmanager
def _baseline_server(args, env: dict[str, str], first_port: int):
    """The baseline checkout under gunicorn, on the same database, with its own static files."""
    directory = Path(args.baseline).resolve()
    if not (directory / "manage.py").exists():
        raise common.BenchError(f"--baseline {directory}: not a checkout of the project.")
    baseline_env = {**env, "STATIC_ROOT": str(directory / "staticfiles")}
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=directory,
        env=baseline_env,
        capture_output=True,
        text=True,
    )
    if collected.returncode != 0:
        raise common.BenchError(f"collectstatic in the baseline failed:\n{collected.stderr}")
    with common.gunicorn(
        "welbevinden.wsgi",
        port=common.free_port(first_port),
        env=baseline_env,
        workers=args.workers,
        directory=directory,
    ) as server:
        yield server


def _run(args, database_url: str) -> int:
    env = common.production_env(database_url)
    common.setup_django(env)
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection

    from welbevinden.core import pagecache

    print(f"Building the data on {connection.vendor} …", flush=True)
    started = time.monotonic()
    built = common.build_data(large=args.large, board=args.board)
    build_seconds = time.monotonic() - started
    print(f"Built in {build_seconds:.0f} s.", flush=True)
    pages = demo_pages()
    if built["large"] is not None:
        pages += large_pages(built["large"])
    if built["board"] is not None:
        pages += board_pages(built["board"])
    if args.only:
        wanted = args.only.split(",")
        pages = [p for p in pages if any(text in p.name for text in wanted)]
    login_path = "/account/inloggen/"
    # The app's database connections in this process are closed before the
    # server starts, so PostgreSQL sees only the server's.
    connection.close()
    port = common.free_port(args.port)
    bare_port = common.free_port(max(args.bare_port, port + 1))
    with contextlib.ExitStack() as servers:
        app = servers.enter_context(
            common.gunicorn("welbevinden.wsgi", port=port, env=env, workers=args.workers)
        )
        bare = servers.enter_context(
            common.gunicorn("bench.bare_wsgi", port=bare_port, env=env, workers=args.workers)
        )
        baseline = None
        if args.baseline:
            baseline = servers.enter_context(_baseline_server(args, env, bare_port + 1))
        sessions = {
            email: common.login(app.base_url, email, DEMO_PASSWORD, login_path)
            for email in sorted({p.user for p in pages})
        }
        if args.profile:
            page = next((p for p in pages if args.profile in p.name), None)
            if page is None:
                raise common.BenchError(f"No page named like {args.profile!r}.")
            profile(page, sessions[page.user], top=40)
            return 0

        def measure(url, cookies=None):
            if args.in_process:
                return {
                    "rps": 1.0,
                    "p50_ms": 0.0,
                    "p95_ms": 0.0,
                    "bytes_per_response": 0,
                    "errors": 0,
                }
            common.run_wrk(url, seconds=args.warmup, connections=args.connections, cookies=cookies)
            return common.run_wrk(
                url, seconds=args.seconds, connections=args.connections, cookies=cookies
            )

        def measure_bare():
            # Short, on a warm server: next to every page, so that each
            # page's ratio compares with bare Django under the same load.
            if args.in_process:
                return measure(bare.base_url + "/")
            return common.run_wrk(
                bare.base_url + "/", seconds=args.seconds / 2, connections=args.connections
            )

        print(f"Measuring {len(pages)} pages, each next to bare Django …", flush=True)
        measure(bare.base_url + "/")
        bare_runs = []
        rows = []
        for page in pages:
            cookies = sessions[page.user]
            check = common.fetch(app.base_url, page.path, cookies=cookies)
            if check.status != 200:
                raise common.BenchError(f"{page.path} answered {check.status}, not 200.")
            client = common.test_client(cookies)
            # Served again (the page cache keeps it: what wrk measures), and
            # rendered (a first view, or the first after a change).
            in_process = common.measure_in_process(client, page.path)

            def rendered_anew(page=page):
                caches["pages"].clear()
                if page.written_school:
                    pagecache.bump(page.written_school, "climate_entry")

            rendered = common.measure_in_process(client, page.path, before_each=rendered_anew)
            in_process["render_cpu_ms"] = rendered["cpu_ms"]
            in_process["render_queries"] = rendered["queries"]
            bare_runs.append(measure_bare())
            before = None
            if baseline is not None:
                if common.fetch(baseline.base_url, page.path, cookies=cookies).status != 200:
                    raise common.BenchError(f"The baseline answered {page.path} with no 200.")
                before = measure(baseline.base_url + page.path, cookies)
            result = measure(app.base_url + page.path, cookies)
            if result["errors"]:
                raise common.BenchError(f"{page.path}: wrk saw errors {result['error_detail']}.")
            rows.append(
                {
                    "school": page.school,
                    "page": page.name,
                    "kind": page.kind,
                    "path": page.path,
                    **result,
                    **in_process,
                    "bare_rps": bare_runs[-1]["rps"],
                    "baseline": before,
                }
            )

    def mean(key):
        return sum(run[key] for run in bare_runs) / len(bare_runs)

    for row in rows:
        row["ratio"] = row["rps"] / row["bare_rps"]
        if row["baseline"] is not None:
            row["baseline_ratio_pct"] = row["baseline"]["rps"] / row["bare_rps"] * 100
            row["baseline_p95_ms"] = row["baseline"]["p95_ms"]
        row["ratio_pct"] = row["ratio"] * 100
        row["misses"] = ", ".join(_misses(row) + _grows(row, rows))
        row["bytes"] = round(row["bytes_per_response"])
    machine = common.describe_machine()
    bare_row = {
        "school": "",
        "page": "bare Django",
        "rps": mean("rps"),
        "p50_ms": mean("p50_ms"),
        "p95_ms": mean("p95_ms"),
        "ratio_pct": 100.0,
        "queries": 0,
        "cpu_ms": None,
        "render_cpu_ms": None,
        "render_queries": None,
        "bytes": round(mean("bytes_per_response")),
    }
    print(
        f"\n{machine['date']} · {machine['cpu']} · {machine['cores']} cores · "
        f"{machine['database']} · cache {machine['cache']} · sessions {machine['sessions']} · "
        f"load {machine['load_average']} · {args.connections} clients, {args.seconds:g} s "
        f"per page, gunicorn {args.workers} workers\n"
    )
    table = common.print_table(
        [
            ("school", "school"),
            ("page", "page"),
            ("rps", "req/s"),
            ("bare_rps", "bare req/s"),
            *(
                [("baseline_ratio_pct", "baseline %"), ("baseline_p95_ms", "baseline p95")]
                if args.baseline
                else []
            ),
            ("ratio_pct", "% of bare"),
            ("p50_ms", "p50 ms"),
            ("p95_ms", "p95 ms"),
            ("cpu_ms", "CPU ms"),
            ("queries", "queries"),
            ("render_cpu_ms", "render CPU ms"),
            ("render_queries", "render queries"),
            ("bytes", "bytes"),
            ("misses", "misses target"),
        ],
        [bare_row, *rows],
    )
    redis = "-redis" if machine["cache"] == "RedisCache" else ""
    name = (
        f"pages-{connection.vendor}{redis}"
        + ("-large" if args.large else "")
        + ("-board" if args.board else "")
    )
    if args.only:
        # A part of the pages: a file of its own, next to the full run's.
        name += "-only-" + re.sub(r"[^a-z0-9]+", "-", args.only.lower()).strip("-")
    if args.in_process:
        name += "-in-process"
    path = common.write_results(
        name,
        {
            "benchmark": "pages",
            "machine": machine,
            "settings": {
                "connections": args.connections,
                "seconds": args.seconds,
                "workers": args.workers,
                "debug": settings.DEBUG,
                "static_manifest": settings.STATIC_MANIFEST,
                "baseline": args.baseline,
                "build_seconds": round(build_seconds),
            },
            "targets": {
                "pages": sorted(TARGET_PAGES),
                "ratio": TARGET_RATIO,
                "p95_ms": TARGET_P95_MS,
                "queries": TARGET_QUERIES,
                "board_p95_ms": TARGET_BOARD_P95_MS,
            },
            "bare": {"runs": bare_runs, "rps": mean("rps")},
            "pages": rows,
            "table": table,
        },
    )
    print(f"\nWritten to {path.relative_to(common.PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
