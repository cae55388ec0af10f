"""Traffic benchmark: many members at once, each on their own pages, a colleague writing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python -m bench.traffic [--large]

Builds the demo schools (with --large also the large school) in a database of
its own, logs every member in through the login form (a browser session of
their own: session and CSRF cookies), finds the pages each member's menu and
home page lead to, and measures three kinds of traffic with wrk at 8
concurrent clients on gunicorn (2 sync workers, production settings), each
beside bare Django measured just before it:

  (a) one session, the home page repeated (the page benchmark's figure);
  (b) all members, each requesting random pages of their own;
  (c) the same while one colleague's round is autosaved once a second
      (a real POST to circles:autosave with the session's CSRF token).

Each with the page cache on (PAGE_CACHE_SECONDS as configured) and off
(PAGE_CACHE_SECONDS=0), without Redis and, when REDIS_URL is set, with it.
Prints a table and writes bench/results/traffic-<database>[-large].json.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench import common

DEMO_PASSWORD = "welbevinden-demo"
LOGIN_PATH = "/account/inloggen/"
# The colleague who types: Joris, leraar of Groep 5 and kernteam, in his own
# open round of "Je bent je eigen instrument" (the round the page benchmark measures).
WRITER = "joris@kiezel.example"
WRITER_SCHOOL = "de-kiezel"
WRITER_HANDVAT = "eigen-instrument"
# Links that are downloads (PDFs rendered by WeasyPrint), not pages to browse.
NOT_A_PAGE = re.compile(
    r"(\.pdf$|/pdf/$|/teambespreking/|/kernteamrapport/|/schoolwerk/|/klimaatoverzicht/)"
)
HREF = re.compile(r'href="(/s/[^"#]*)"')

SCENARIOS = {
    "a": "one session, home page repeated",
    "b": "all members, their own pages",
    "c": "the same, one colleague autosaving once a second",
}
# Issue 24's target, for (c): a share of bare Django's throughput and a p95.
TARGET_RATIO = 0.15
TARGET_P95_MS = 60


@dataclass(frozen=True)
class Variant:
    redis: bool
    page_cache: bool

    @property
    def label(self) -> str:
        redis = "Redis" if self.redis else "no Redis"
        return f"{redis}, page cache {'on' if self.page_cache else 'off'}"


@dataclass
class Member:
    email: str
    schools: list[str]
    cookies: dict[str, str] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)


# The members and their pages ---------------------------------------------------


def members_of_the_schools() -> list[Member]:
    """Every user with an active membership, with the schools they belong to."""
    from welbevinden.schools.models import Membership

    schools: dict[str, list[str]] = {}
    for email, slug in (
        Membership.objects.active()
        .order_by("user__email", "school__slug")
        .values_list("user__email", "school__slug")
    ):
        schools.setdefault(email, []).append(slug)
    return [Member(email, slugs) for email, slugs in schools.items()]


def find_pages(base_url: str, member: Member) -> dict[str, int | str]:
    """The member's pages: each school's home page and the pages it links to.

    The home page holds the menu (start, the circles, Mijn handvatten, beheer
    for a beheerder) and the member's own links (their groups, rounds, the
    kernteam's modules): what their roles see. Downloads are left out, and
    every page kept answered 200 with HTML. Returns what was left out and why.
    """
    from django.urls import reverse

    left_out: dict[str, int | str] = {}
    candidates: list[str] = []
    for slug in member.schools:
        home = reverse("dashboard:home", args=[slug])
        answer = common.fetch(base_url, home, cookies=member.cookies)
        if answer.status != 200:
            raise common.BenchError(f"{member.email}: {home} answered {answer.status}.")
        candidates.append(home)
        for href in HREF.findall(answer.body.decode()):
            path = html.unescape(href)
            if not path.startswith(f"/s/{slug}/"):
                continue
            if NOT_A_PAGE.search(urlsplit(path).path):
                left_out[path] = "download"
            elif path not in candidates:
                candidates.append(path)
    for path in candidates:
        answer = common.fetch(base_url, path, cookies=member.cookies)
        kind = answer.headers.get("Content-Type", "")
        if answer.status == 200 and kind.startswith("text/html"):
            member.pages.append(path)
        else:
            left_out[path] = f"{answer.status} {kind}".strip()
    return left_out


def weighted_mix(members: list[Member]) -> list[tuple[dict[str, str], str]]:
    """Every member equally often, each on their own pages in turn.

    wrk picks a line at random; each member gets as many lines as the member
    with the most pages, filled by going round their own pages.
    """
    most = max(len(m.pages) for m in members)
    return [(m.cookies, m.pages[i % len(m.pages)]) for m in members for i in range(most)]


# The colleague who types -------------------------------------------------------


class Autosaver(threading.Thread):
    """POSTs one step of a round to circles:autosave every ``interval`` seconds.

    As the round page's htmx does: every answer of the step (one of them
    changed), the version and the answers the page last had (``base``), the
    CSRF token in X-CSRFToken, HX-Request, Origin and Referer. The version
    and base come back in each answer and are sent with the next.
    """

    def __init__(self, base_url, cookies, round_path, autosave_path, questions, interval=1.0):
        super().__init__(daemon=True, name="autosaver")
        self.base_url, self.cookies, self.interval = base_url, cookies, interval
        self.round_path, self.autosave_path = round_path, autosave_path
        self.questions = questions  # keys of the step's questions; the first is typed in
        self.stop = threading.Event()
        self.results: list[tuple[int, float]] = []  # (status, ms)
        page = common.fetch(base_url, round_path, cookies=cookies)
        token = re.search(rb'"X-CSRFToken": "([^"]+)"', page.body)
        if page.status != 200 or token is None:
            raise common.BenchError(f"The round page {round_path} answered {page.status}.")
        self.token = token.group(1).decode()
        self._take_state(page.body)

    def _take_state(self, body: bytes) -> None:
        version = re.search(rb'name="version"[^>]*value="(\d+)"', body) or re.search(
            rb'value="(\d+)"[^>]*name="version"', body
        )
        base = re.search(rb'id="id_base" value="([^"]*)"', body)
        if version is None or base is None:
            raise common.BenchError("The round's version or base is missing from the answer.")
        self.version = int(version.group(1))
        self.base = html.unescape(base.group(1).decode())

    def save_once(self, n: int) -> None:
        answers = json.loads(self.base)
        answers[self.questions[0]] = f"Elke ochtend begroet ik iedereen bij de deur ({n})."
        data = {key: answers.get(key) or "" for key in self.questions}
        data.update(version=self.version, base=self.base)
        started = time.perf_counter()
        answer = common.fetch(
            self.base_url,
            self.autosave_path,
            cookies=self.cookies,
            data=data,
            headers={
                "X-CSRFToken": self.token,
                "HX-Request": "true",
                "Origin": self.base_url,
                "Referer": self.base_url + self.round_path,
            },
        )
        self.results.append((answer.status, (time.perf_counter() - started) * 1000))
        if answer.status == 200:
            self._take_state(answer.body)

    def run(self) -> None:
        n = 0
        next_at = time.monotonic()
        while not self.stop.is_set():
            n += 1
            try:
                self.save_once(n)
            except (OSError, common.BenchError):
                self.results.append((0, 0.0))
            next_at += self.interval
            self.stop.wait(max(0.0, next_at - time.monotonic()))

    def summary(self, since: int = 0) -> dict:
        results = self.results[since:]
        times = sorted(ms for _, ms in results)
        statuses: dict[str, int] = {}
        for status, _ in results:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        return {
            "saves": len(results),
            "errors": sum(1 for status, _ in results if status != 200),
            "statuses": statuses,
            "p50_ms": times[len(times) // 2] if times else None,
            "max_ms": times[-1] if times else None,
        }


def writer_round() -> tuple[str, str, list[str]]:
    """The round page, its autosave URL and the keys of step 1's questions."""
    from django.urls import reverse

    from circles import content
    from circles.models import Round

    round = Round.objects.select_related("handvat").get(
        school__slug=WRITER_SCHOOL,
        handvat__key=WRITER_HANDVAT,
        owner__email=WRITER,
        completed_at=None,
    )
    questions = content.steps_for(round.handvat.content, round.scope)[0]["questions"]
    if any(q["type"] not in ("text", "sentence") for q in questions):
        raise common.BenchError("Step 1 of the writer's round is no longer text only.")
    return (
        reverse("circles:round", args=[WRITER_SCHOOL, round.code]),
        reverse("circles:autosave", args=[WRITER_SCHOOL, round.code]),
        [q["key"] for q in questions],
    )


# Running -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.traffic", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--large", action="store_true", help="also the large school's members")
    parser.add_argument("--seconds", type=float, default=10, help="measuring time (10)")
    parser.add_argument("--warmup", type=float, default=5, help="warm-up per scenario (5)")
    parser.add_argument("--bare-seconds", type=float, default=5, help="bare Django each time (5)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--autosave-interval", type=float, default=1.0, help="seconds (1)")
    parser.add_argument("--port", type=int, default=18180, help="first port to try for the app")
    parser.add_argument("--bare-port", type=int, default=18181, help="first port for bare Django")
    parser.add_argument(
        "--database-name", default="welbevinden_bench_traffic", help="PostgreSQL database"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="Redis for the runs with Redis (default REDIS_URL; none: only without)",
    )
    parser.add_argument("--scenarios", default="abc", help="which of a, b, c (abc)")
    parser.add_argument(
        "--page-cache", choices=("both", "on", "off"), default="both", help="(both)"
    )
    parser.add_argument(
        "--redis", choices=("both", "yes", "no"), default="both", help="with a REDIS_URL (both)"
    )
    parser.add_argument(
        "--list-pages", action="store_true", help="print every member's pages, then stop"
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)
    if not set(args.scenarios) <= set(SCENARIOS) or not args.scenarios:
        parser.error("--scenarios: letters from abc")

    return common.run_benchmark("bench.traffic", args, _run)


def _run(args, database_url: str) -> int:
    # One environment (one SECRET_KEY) for every server, so the sessions
    # logged in once hold on all of them; Redis and the page cache per variant.
    # This process (building the data) runs without Redis, as the first server.
    os.environ.pop("REDIS_URL", None)
    page_cache_seconds = os.environ.pop("PAGE_CACHE_SECONDS", None)
    env = common.production_env(database_url)
    common.setup_django(env)
    from django.conf import settings
    from django.db import connection

    print(f"Building the data on {connection.vendor} …", flush=True)
    common.build_data(large=args.large)
    members = members_of_the_schools()
    round_path, autosave_path, questions = writer_round()
    connection.close()

    with_redis = {"both": [False, True], "yes": [True], "no": [False]}[args.redis]
    if not args.redis_url:
        if args.redis == "yes":
            raise common.BenchError("--redis yes: set REDIS_URL or --redis-url.")
        print("No REDIS_URL: measuring without Redis only.", file=sys.stderr)
        with_redis = [False]
    page_cache = {"both": [True, False], "on": [True], "off": [False]}[args.page_cache]
    variants = [Variant(redis, cache) for redis in with_redis for cache in page_cache]

    def variant_env(variant: Variant) -> dict[str, str]:
        extra = {"PAGE_CACHE_SECONDS": "0"}
        if variant.page_cache:
            extra = {"PAGE_CACHE_SECONDS": page_cache_seconds} if page_cache_seconds else {}
        if variant.redis:
            extra["REDIS_URL"] = args.redis_url
        return {**env, **extra}

    port = common.free_port(args.port)
    bare_port = common.free_port(max(args.bare_port, port + 1))
    rows: list[dict] = []
    left_out: dict[str, dict] = {}
    writer_member = None
    with common.gunicorn("bench.bare_wsgi", port=bare_port, env=env, workers=args.workers) as bare:
        for index, variant in enumerate(variants):
            with common.gunicorn(
                "welbevinden.wsgi", port=port, env=variant_env(variant), workers=args.workers
            ) as app:
                if index == 0:
                    print(f"Logging in {len(members)} members …", flush=True)
                    for member in members:
                        member.cookies = common.login(
                            app.base_url, member.email, DEMO_PASSWORD, LOGIN_PATH
                        )
                        left_out[member.email] = find_pages(app.base_url, member)
                    writer_member = next(m for m in members if m.email == WRITER)
                    if args.list_pages:
                        for member in members:
                            print(f"{member.email} ({len(member.pages)}):")
                            for path in member.pages:
                                print(f"  {path}")
                        return 0
                    print(
                        f"{sum(len(m.pages) for m in members)} pages of {len(members)} members.",
                        flush=True,
                    )
                writer = (writer_member, round_path, autosave_path, questions)
                rows += _measure_variant(args, variant, app, bare, members, writer)
    seconds = int(page_cache_seconds) if page_cache_seconds else settings.PAGE_CACHE_SECONDS
    return _report(args, rows, members, left_out, seconds)


def _measure_variant(args, variant, app, bare, members, writer) -> list[dict]:
    writer, round_path, autosave_path, questions = writer
    home = next(p for p in writer.pages if p == f"/s/{WRITER_SCHOOL}/")
    mixes = {
        "a": [(writer.cookies, home)],
        "b": weighted_mix(members),
        "c": weighted_mix(members),
    }
    rows = []
    for key in args.scenarios:
        print(f"{variant.label}: ({key}) {SCENARIOS[key]} …", flush=True)
        bare_result = common.run_wrk_mix(
            bare.base_url,
            [(None, "/")],
            seconds=args.bare_seconds,
            connections=args.connections,
        )
        autosaver = None
        if key == "c":
            autosaver = Autosaver(
                app.base_url,
                writer.cookies,
                round_path,
                autosave_path,
                questions,
                interval=args.autosave_interval,
            )
            autosaver.start()
        try:
            common.run_wrk_mix(
                app.base_url, mixes[key], seconds=args.warmup, connections=args.connections
            )
            since = len(autosaver.results) if autosaver else 0
            result = common.run_wrk_mix(
                app.base_url, mixes[key], seconds=args.seconds, connections=args.connections
            )
            saves = autosaver.summary(since) if autosaver else None
        finally:
            if autosaver:
                autosaver.stop.set()
                autosaver.join()
        rows.append(
            {
                "scenario": key,
                "traffic": SCENARIOS[key],
                "redis": variant.redis,
                "page_cache": variant.page_cache,
                "sessions": len({id(c) for c, _ in mixes[key]}),
                "pages": len({(id(c), p) for c, p in mixes[key]}),
                **result,
                "bare_rps": bare_result["rps"],
                "bare": bare_result,
                "ratio_pct": result["rps"] / bare_result["rps"] * 100,
                "autosave": saves,
                # The machine is shared: its 1-minute load when this row ended.
                "load": round(os.getloadavg()[0], 1),
            }
        )
    return rows


def _report(args, rows, members, left_out, page_cache_seconds: int) -> int:
    from django.db import connection

    machine = common.describe_machine()
    # In this process the settings are those without Redis; each row says its own.
    del machine["cache"], machine["sessions"]
    for row in rows:
        saves = row["autosave"]
        row["redis_text"] = "yes" if row["redis"] else "no"
        row["cache_text"] = "on" if row["page_cache"] else "off"
        row["autosaves"] = "" if saves is None else f"{saves['saves']} ({saves['p50_ms']:.0f} ms)"
        row["all_errors"] = row["errors"] + (saves["errors"] if saves else 0)
        misses = []
        if row["scenario"] == "c":
            if row["ratio_pct"] < TARGET_RATIO * 100:
                misses.append(f"ratio < {TARGET_RATIO:.0%}")
            if row["p95_ms"] > TARGET_P95_MS:
                misses.append(f"p95 > {TARGET_P95_MS} ms")
        row["misses"] = ", ".join(misses)
    print(
        f"\n{machine['date']} · {machine['cpu']} · {machine['cores']} cores · "
        f"{machine['database']} · load {machine['load_average']} · {args.connections} clients, "
        f"{args.seconds:g} s after {args.warmup:g} s warm-up · gunicorn {args.workers} workers · "
        f"{len(members)} members, {sum(len(m.pages) for m in members)} pages · "
        f"commit {machine['commit']}\n"
    )
    table = common.print_table(
        [
            ("traffic", "traffic"),
            ("redis_text", "Redis"),
            ("cache_text", "page cache"),
            ("rps", "req/s"),
            ("bare_rps", "bare req/s"),
            ("ratio_pct", "% of bare"),
            ("p50_ms", "p50 ms"),
            ("p95_ms", "p95 ms"),
            ("p99_ms", "p99 ms"),
            ("requests", "requests"),
            ("all_errors", "errors"),
            ("autosaves", "autosaves (p50)"),
            ("load", "load"),
            ("misses", "misses target"),
        ],
        rows,
    )
    print()
    summary = common.print_table(
        [
            ("traffic", "traffic"),
            ("redis_text", "Redis"),
            ("on", "page cache on"),
            ("off", "page cache off"),
        ],
        _summary_rows(rows),
    )
    name = f"traffic-{connection.vendor}" + ("-large" if args.large else "")
    # A part of the run: a file of its own, next to the full run's.
    part = [args.scenarios] if args.scenarios != "abc" else []
    if args.redis != "both":
        part.append("redis" if args.redis == "yes" else "no-redis")
    if args.page_cache != "both":
        part.append(f"page-cache-{args.page_cache}")
    if part:
        name += "-only-" + "-".join(part)
    path = common.write_results(
        name,
        {
            "benchmark": "traffic",
            "machine": machine,
            "settings": {
                "connections": args.connections,
                "seconds": args.seconds,
                "warmup": args.warmup,
                "bare_seconds": args.bare_seconds,
                "workers": args.workers,
                "autosave_interval": args.autosave_interval,
                "redis": bool(args.redis_url),
                "page_cache_seconds_when_on": page_cache_seconds,
            },
            "targets": {"scenario": "c", "ratio": TARGET_RATIO, "p95_ms": TARGET_P95_MS},
            "members": {m.email: {"schools": m.schools, "pages": m.pages} for m in members},
            "left_out": left_out,
            "rows": rows,
            "table": table,
            "summary": summary,
        },
    )
    print(f"\nWritten to {path.relative_to(common.PROJECT_DIR)}")
    errors = [row for row in rows if row["all_errors"]]
    if errors:
        for row in errors:
            print(
                f"bench.traffic: errors in ({row['scenario']}) Redis {row['redis_text']}, page "
                f"cache {row['cache_text']}: wrk {row['error_detail']}, autosave {row['autosave']}",
                file=sys.stderr,
            )
        return 1
    return 0


def _summary_rows(rows: list[dict]) -> list[dict]:
    """One line per traffic and Redis: % of bare (p50, p95) with the page cache on and off."""
    lines: dict[tuple, dict] = {}
    for row in rows:
        line = lines.setdefault(
            (row["scenario"], row["redis"]),
            {"traffic": f"({row['scenario']}) {row['traffic']}", "redis_text": row["redis_text"]},
        )
        line["on" if row["page_cache"] else "off"] = (
            f"{row['ratio_pct']:.1f} % (p50 {row['p50_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms)"
        )
    return [lines[key] for key in sorted(lines, key=lambda k: (k[1], k[0]))]


if __name__ == "__main__":
    raise SystemExit(main())
