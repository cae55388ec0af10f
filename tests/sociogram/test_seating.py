"""The seating plan generator (pure): rules, determinism, locks, explanations."""

import time

from sociogram.seating import PAIRS, ROWS, TABLES, Layout, Pupil, explain, generate


def _class(n=24):
    pupils = [Pupil(id=f"p{i:02d}", chose=frozenset({f"p{(i + 1) % n:02d}"})) for i in range(n)]
    return {p.id: p for p in pupils}


def test_the_layouts_know_who_sits_side_by_side():
    pairs = Layout(1, 4, PAIRS).seats()
    assert [s.block for s in pairs] == [0, 0, 1, 1]
    tables = Layout(2, 4, TABLES).seats()
    # A table of four: seats 0, 1, 4, 5.
    assert tables[0].block == tables[1].block == tables[4].block == tables[5].block
    assert tables[2].block != tables[0].block
    assert len({s.block for s in Layout(2, 5, ROWS).seats()}) == 2


def test_mutual_rejecters_and_two_externalising_pupils_never_sit_side_by_side():
    pupils = _class(8)
    pupils["p00"].rejects_mutually = frozenset({"p01"})
    pupils["p01"].rejects_mutually = frozenset({"p00"})
    pupils["p02"].externalising = pupils["p03"].externalising = True
    plan = generate(Layout(2, 4, PAIRS), list(pupils.values()), seed=3)
    seat_of = {pid: seat for seat, pid in plan.seats.items()}
    assert seat_of["p00"] // 2 != seat_of["p01"] // 2  # pairs: seats 0-1, 2-3, …
    assert seat_of["p02"] // 2 != seat_of["p03"] // 2
    assert not [u for u in plan.unmet if u[0].endswith("side-by-side")]


def test_an_externalising_pupil_gets_a_prosocial_well_liked_neighbour():
    pupils = _class(8)
    pupils["p04"].externalising = True
    pupils["p06"].prosocial = pupils["p06"].liked = True
    plan = generate(Layout(2, 4, PAIRS), list(pupils.values()), seed=5)
    assert plan.reasons["p04"] == ("buddy", "p06")
    seat_of = {pid: seat for seat, pid in plan.seats.items()}
    assert seat_of["p04"] // 2 == seat_of["p06"] // 2


def test_a_weak_pupil_sits_centrally():
    # Nobody chose anyone here, so only this rule decides.
    pupils = {f"p{i:02d}": Pupil(id=f"p{i:02d}") for i in range(20)}
    pupils["p07"].weak = True
    layout = Layout(4, 6, PAIRS)
    plan = generate(layout, list(pupils.values()), seed=2)
    seat = next(s for s, pid in plan.seats.items() if pid == "p07")
    assert layout.seats()[seat].row in (1, 2)
    assert plan.reasons["p07"][0] == "central"


def test_locked_seats_keep_their_pupil_and_the_plan_is_deterministic():
    pupils = list(_class(16).values())
    first = generate(Layout(4, 4, PAIRS), pupils, locked={0: "p09"}, seed=7)
    again = generate(Layout(4, 4, PAIRS), pupils, locked={0: "p09"}, seed=7)
    other = generate(Layout(4, 4, PAIRS), pupils, locked={0: "p09"}, seed=8)
    assert first.seats[0] == "p09" and first.reasons["p09"] == ("locked",)
    assert first.seats == again.seats
    assert other.seats != first.seats


def test_everyone_near_someone_they_chose_when_possible():
    plan = generate(Layout(4, 6, PAIRS), list(_class(24).values()), seed=1)
    assert not [u for u in plan.unmet if u[0] == "no-choice-near"]


def test_rules_that_cannot_be_met_are_reported():
    pupils = _class(4)
    for pid in ("p00", "p01", "p02"):
        pupils[pid].externalising = True
    # One row of four seats in pairs: three externalising pupils, only two pairs.
    plan = generate(Layout(1, 4, PAIRS), list(pupils.values()), seed=1)
    assert "externalising-side-by-side" in {u[0] for u in plan.unmet}


def test_explain_says_why_after_a_manual_swap():
    pupils = _class(4)  # p00 chose p01, p01 chose p02, …
    far_apart = {0: "p00", 1: "p03", 2: "p02", 3: "p01"}
    plan = explain(Layout(1, 4, ROWS), list(pupils.values()), far_apart, {})
    assert ("no-choice-near", "p00") in plan.unmet
    assert plan.reasons["p01"] == ("near-choice", "p02")


def test_a_class_of_32_takes_under_a_second():
    pupils = _class(32)
    for i in range(0, 32, 7):
        pupils[f"p{i:02d}"].externalising = True
    for i in range(1, 32, 5):
        pupils[f"p{i:02d}"].prosocial = pupils[f"p{i:02d}"].liked = True
    start = time.perf_counter()
    generate(Layout(4, 8, PAIRS), list(pupils.values()), seed=1)
    assert time.perf_counter() - start < 2.0  # the target is 1 s (bench.sociogram)
