"""Checks for what pip cannot install: WeasyPrint's system libraries.

Run as ``python -m welbevinden.syscheck`` (``make`` does); Django's system
checks run it too, so ``manage.py check`` reports it on a server.
"""

import sys

PANGO_HINT = (
    "WeasyPrint (used for the PDF reports) needs the Pango libraries. Install them with:\n"
    "    sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0\n"
    "(on macOS: brew install pango)"
)


def weasyprint_problem() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        return f"{PANGO_HINT}\n\nThe error was: {error}"
    return None


def main() -> int:
    problem = weasyprint_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
