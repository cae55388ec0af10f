"""Report benchmark: each report against WeasyPrint's own time, in one run.

    .venv/bin/python -m bench.reports                     # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m bench.reports
    .venv/bin/python -m bench.reports --large             # plus the large school

Builds the demo schools (with --large also the large school) in a database of
its own with production settings, and downloads each report in-process through
Django's test client:

- the Teambespreking of De Kiezel's three groups, by its IB'er;
- the Kernteamrapport of De Kiezel, by the same IB'er (kernteam), and with
  --large of De Grote Stroom, by its first IB'er (kernteam), the school year so
  far (measured once ``reports:kernteamrapport`` exists in this checkout).

For each report:

- *report*: the whole request with an empty report cache (access check,
  selectors, print template, the static-only fetcher, limits, WeasyPrint);
- *WeasyPrint alone*: the same HTML, rendered by ``weasyprint.HTML(...)
  .write_pdf()`` with its default set-up (default URL fetcher, the static
  files read from STATIC_ROOT by ``file:`` URLs);
- *cached*: the same request again, served from the report cache.

Runs alternate, so both sides see the same machine; medians are reported.
Prints a table and writes bench/results/reports-<database>[-large].json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass

from bench import common

IB = "noor.hendriks@bestuur.example"
SCHOOL = "de-kiezel"
TARGET_RATIO = 1.2
TARGET_CACHED_MS = 30


@dataclass(frozen=True)
class Report:
    name: str  # the table's row
    description: str  # what it is, in the results file
    user: str  # e-mail of the member who downloads it
    url: str


def _teambespreking_url() -> str:
    from django.urls import reverse
    from django.utils import timezone

    from welbevinden.schools.models import Group

    groups = Group.objects.filter(school__slug=SCHOOL, school_year__is_current=True).order_by(
        "name"
    )
    codes = "&".join(f"groepen={group.code}" for group in groups)
    year_start = groups[0].school_year.starts_on
    url = reverse("reports:teambespreking", args=[SCHOOL])
    return f"{url}?{codes}&van={year_start:%Y-%m-%d}&tot={timezone.localdate():%Y-%m-%d}"


def reports(large) -> list[Report]:
    """The reports to measure; one whose URL name this checkout lacks is named and left out."""
    from django.urls import NoReverseMatch, reverse

    found = [
        Report(
            "Teambespreking, De Kiezel",
            "Teambespreking, De Kiezel, three groups, school year so far",
            IB,
            _teambespreking_url(),
        )
    ]
    # The Kernteamrapport (issue 23): the whole school year so far (no jaar, no periode).
    kernteam = [(SCHOOL, "De Kiezel", IB)]
    if large is not None:
        # The large school's first IB'er is in its kernteam (large_school.py).
        ib = next(m for m in large.school.memberships.all() if m.is_ib and m.is_kernteam)
        kernteam.append((large.school.slug, "De Grote Stroom", ib.user.email))
    for slug, school_name, user in kernteam:
        try:
            url = reverse("reports:kernteamrapport", args=[slug])
        except NoReverseMatch:
            print("Not measured: the Kernteamrapport (no reports:kernteamrapport here).")
            break
        found.append(
            Report(
                f"Kernteamrapport, {school_name}",
                f"Kernteamrapport, {school_name}, school year so far",
                user,
                url,
            )
        )
    return found


def _captured_html(client, url: str) -> str:
    """The HTML the report service hands to WeasyPrint for this request."""
    from django.core.cache import caches

    from welbevinden.reports import service

    captured = []
    real = service.render_pdf

    def capture(**kwargs):
        captured.append(kwargs["html"])
        return real(**kwargs)

    caches[service.CACHE_ALIAS].clear()
    service.render_pdf = capture
    try:
        client.get(url)
    finally:
        service.render_pdf = real
    if not captured:
        raise common.BenchError(f"{url} did not go through the report service's render_pdf.")
    return captured[0]


def _plain_weasyprint_html(html: str) -> tuple[str, str]:
    """The same HTML for WeasyPrint's default set-up: static URLs as files in STATIC_ROOT."""
    from django.conf import settings

    root = settings.STATIC_ROOT.as_uri() + "/"
    return html.replace('href="/static/', f'href="{root}'), root


def _check_plain_setup_finds_static(html: str, base_url: str) -> None:
    """Once, untimed: WeasyPrint's default fetcher must load the print CSS and the font."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetched = []

    class Recording(URLFetcher):
        def fetch(self, url, headers=None):
            response = super().fetch(url, headers)
            fetched.append(url)
            return response

    weasyprint.HTML(string=html, base_url=base_url, url_fetcher=Recording()).write_pdf()
    if not any(url.endswith(".css") for url in fetched) or not any(".ttf" in u for u in fetched):
        raise common.BenchError(f"WeasyPrint alone did not load the CSS and font: {fetched}")


def measure(report: Report, rounds: int) -> dict:
    import weasyprint
    from django.core.cache import caches
    from django.test import Client

    from welbevinden.accounts.models import User
    from welbevinden.reports import service

    client = Client()
    client.force_login(User.objects.get(email=report.user))
    url = report.url
    first = client.get(url)
    if first.status_code != 200 or first["Content-Type"] != "application/pdf":
        raise common.BenchError(f"{url} answered {first.status_code}, not a PDF.")
    html, base_url = _plain_weasyprint_html(_captured_html(client, url))
    pages = len(weasyprint.HTML(string=html, base_url=base_url).render().pages)
    _check_plain_setup_finds_static(html, base_url)

    report_ms, plain_ms, cached_ms = [], [], []
    cache = caches[service.CACHE_ALIAS]
    for _ in range(rounds):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        report_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200

        start = time.perf_counter()
        weasyprint.HTML(string=html, base_url=base_url).write_pdf()
        plain_ms.append((time.perf_counter() - start) * 1000)

        start = time.perf_counter()
        response = client.get(url)
        cached_ms.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200

    median_report, plain, cached = (statistics.median(x) for x in (report_ms, plain_ms, cached_ms))
    result = {
        "name": report.name,
        "report": report.description,
        "url": url,
        "pages": pages,
        "pdf_bytes": len(first.content),
        "html_bytes": len(html.encode()),
        "rounds": rounds,
        "report_ms": median_report,
        "weasyprint_ms": plain,
        "ratio": median_report / plain,
        "cached_ms": cached,
        # On a busy machine the best run is the least disturbed one.
        "best_report_ms": min(report_ms),
        "best_weasyprint_ms": min(plain_ms),
        "best_ratio": min(report_ms) / min(plain_ms),
        "best_cached_ms": min(cached_ms),
        "all_report_ms": [round(x, 1) for x in report_ms],
        "all_weasyprint_ms": [round(x, 1) for x in plain_ms],
        "all_cached_ms": [round(x, 1) for x in cached_ms],
    }
    misses = []
    if result["ratio"] > TARGET_RATIO:
        misses.append(f"ratio > {TARGET_RATIO}")
    if result["cached_ms"] > TARGET_CACHED_MS:
        misses.append(f"cached > {TARGET_CACHED_MS} ms")
    result["misses"] = ", ".join(misses)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="measurements per side (7)")
    parser.add_argument("--database-name", default="welbevinden_bench_reports")
    parser.add_argument(
        "--large", action="store_true", help="also the large school's Kernteamrapport"
    )
    parser.add_argument("--only", help="measure only the reports whose name contains this text")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)

    try:
        with common.bench_database(
            os.environ.get("DATABASE_URL"), args.database_name, keep=args.keep
        ) as url:
            common.setup_django(common.production_env(url))
            print("Building the data …", file=sys.stderr)
            built = common.build_data(large=args.large)
            chosen = [r for r in reports(built["large"]) if not args.only or args.only in r.name]
            results = []
            for report in chosen:
                print(f"Measuring {report.name} …", file=sys.stderr, flush=True)
                results.append(measure(report, args.rounds))
            machine = common.describe_machine()
    except common.BenchError as error:
        print(f"bench.reports: {error}", file=sys.stderr)
        return 1
    from django.conf import settings

    machine["report_cache"] = settings.CACHES["reports"]["BACKEND"].rsplit(".", 1)[-1]
    rows = [
        {
            **result,
            "ratio_text": f"{result['ratio']:.2f}",
            "best_ratio_text": f"{result['best_ratio']:.2f}",
        }
        for result in results
    ]
    print(
        f"\n{machine['date']} · {machine['cpu']} · {machine['cores']} cores · "
        f"{machine['database']} · report cache {machine['report_cache']} · "
        f"load {machine['load_average']} · {args.rounds} runs per side, medians\n"
    )
    table = common.print_table(
        [
            ("name", "report"),
            ("pages", "pages"),
            ("report_ms", "report ms"),
            ("weasyprint_ms", "WeasyPrint alone ms"),
            ("ratio_text", "ratio"),
            ("best_ratio_text", "best ratio"),
            ("cached_ms", "cached ms"),
            ("misses", "misses target"),
        ],
        rows,
    )
    missed = [f"{r['name']}: {r['misses']}" for r in results if r["misses"]]
    print("\nTargets met." if not missed else "\nTargets missed: " + "; ".join(missed))
    vendor = machine["database"].split()[0]
    name = f"reports-{vendor}" + ("-large" if args.large else "")
    path = common.write_results(
        name,
        {
            "benchmark": "reports",
            "machine": machine,
            "results": results,
            "targets": {"ratio": TARGET_RATIO, "cached_ms": TARGET_CACHED_MS},
            "missed": missed,
            "table": table,
        },
    )
    print(f"Written to {path.relative_to(common.PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
