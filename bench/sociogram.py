"""Sociogram benchmark: the analysis of a class of 35 and a seating plan for 32 seats.

    .venv/bin/python -m bench.sociogram

Both are pure Python (``sociogram.analysis``, ``sociogram.seating``), so no
database and no server: the class is invented here with a fixed seed, in the
shape of a real one (circles of friends, a popular pupil, some isolated
pupils, negative nominations, two absent), with unlimited choices.

- *analyse*: ``analyse`` on 35 pupils, every pupil naming 3-9 classmates per
  question over three positive questions and one negative question;
- *seating plan*: ``seating.generate`` for 32 pupils in 4 rows of 8 seats in
  pairs, with externalising, prosocial and weaker pupils and two locked seats.

Runs alternate; medians and best runs are reported.
Prints a table and writes bench/results/sociogram.json.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import common

TARGET_ANALYSE_MS = 50
TARGET_SEATING_MS = 1000


def invented_class(size: int, seed: int = 35):
    """Pupils and nominations with the structure of a real class."""
    rng = random.Random(seed)
    pupils = [f"p{i:02d}" for i in range(size)]
    absent = set(pupils[-2:])
    circles = [pupils[i : i + 6] for i in range(0, size, 6)]
    positive: dict[str, set[str]] = {}
    negative: dict[str, set[str]] = {}
    for circle in circles:
        for p in circle:
            friends = [o for o in circle if o != p]
            others = [o for o in pupils if o not in circle]
            chosen = set(rng.sample(friends, min(len(friends), rng.randint(2, 5))))
            chosen |= set(rng.sample(others, rng.randint(1, 4)))
            chosen.add(pupils[0])  # the popular pupil
            chosen.discard(p)
            positive[p] = chosen
            negative[p] = set(rng.sample(others, rng.randint(0, 2)))
    respondents = set(pupils) - absent
    return pupils, respondents, positive, negative


def measure_analyse(rounds: int) -> list[float]:
    from sociogram.analysis import analyse

    pupils, respondents, positive, negative = invented_class(35)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        analyse(pupils=pupils, respondents=respondents, positive=positive, negative=negative)
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_seating(rounds: int) -> tuple[list[float], int]:
    from sociogram.analysis import analyse
    from sociogram.seating import PAIRS, Layout, Pupil, generate

    pupils, respondents, positive, negative = invented_class(32)
    result = analyse(pupils=pupils, respondents=respondents, positive=positive, negative=negative)
    seating_pupils = [
        Pupil(
            id=p,
            chose=r.chose,
            externalising=i % 9 == 4,
            prosocial=i % 5 == 1,
            weak=r.isolated or i % 11 == 7,
            liked=r.z_lm > 0,
            subgroup=r.subgroup,
            rejects_mutually=r.mutual_rejections,
        )
        for i, (p, r) in enumerate(result.pupils.items())
    ]
    times, unmet = [], 0
    for round_number in range(rounds):
        start = time.perf_counter()
        plan = generate(
            Layout(4, 8, PAIRS), seating_pupils, locked={0: "p03", 9: "p10"}, seed=round_number + 1
        )
        times.append((time.perf_counter() - start) * 1000)
        unmet = len(plan.unmet)
    return times, unmet


def describe_machine() -> dict:
    """As common.describe_machine, without a database (there is none here)."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1).strip() if match else cpu
    commit = common._first_line(
        ["git", "-C", str(common.PROJECT_DIR), "rev-parse", "--short", "HEAD"]
    )
    dirty = common._first_line(["git", "-C", str(common.PROJECT_DIR), "status", "--porcelain"])
    import networkx

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + ("+changes" if dirty not in ("", "unknown") else ""),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": platform.python_version(),
        "networkx": networkx.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="measurements per side (7)")
    args = parser.parse_args(argv)

    analyse_ms, seating_ms = [], []
    unmet = 0
    measure_analyse(1)  # warm-up: imports, networkx's first call
    for _ in range(args.rounds):
        analyse_ms += measure_analyse(1)
        times, unmet = measure_seating(1)
        seating_ms += times
    rows = [
        {
            "what": "analyse, class of 35, unlimited choices",
            "ms": statistics.median(analyse_ms),
            "best": min(analyse_ms),
            "target": f"≤ {TARGET_ANALYSE_MS}",
        },
        {
            "what": "seating plan, 32 seats in pairs",
            "ms": statistics.median(seating_ms),
            "best": min(seating_ms),
            "target": f"≤ {TARGET_SEATING_MS}",
        },
    ]
    misses = []
    if rows[0]["ms"] > TARGET_ANALYSE_MS:
        misses.append(f"analyse {rows[0]['ms']:.1f} ms > {TARGET_ANALYSE_MS} ms")
    if rows[1]["ms"] > TARGET_SEATING_MS:
        misses.append(f"seating plan {rows[1]['ms']:.0f} ms > {TARGET_SEATING_MS} ms")
    print()
    table = common.print_table(
        [("what", "Sociogram"), ("ms", "median ms"), ("best", "best ms"), ("target", "target ms")],
        rows,
    )
    print(f"\n{args.rounds} runs each; the seating plan left {unmet} soft rule(s) unmet.")
    print("Targets met." if not misses else "Targets missed: " + "; ".join(misses))
    path = common.write_results(
        "sociogram",
        {
            "machine": describe_machine(),
            "result": {
                "analyse_ms": [round(x, 2) for x in analyse_ms],
                "seating_ms": [round(x, 1) for x in seating_ms],
                "seating_unmet": unmet,
            },
            "targets": {"analyse_ms": TARGET_ANALYSE_MS, "seating_ms": TARGET_SEATING_MS},
            "missed": misses,
            "table": table,
        },
    )
    print(f"Written to {path.relative_to(common.PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
