"""A seating plan from a sociogram and what the teacher knows (stap 4): pure Python.

Two soft rules put the handreiking's two tips for stap 4 into practice (a pupil
with externalising behaviour beside "een prosociale en sociaal sterke
klasgenoot"; "sociaal zwakkere leerlingen meer centraal"); how we read "sociaal
sterk" (prosocial and chosen more than the class average) and the other rules
are ours (SOCIOMETRY.md), and the page says which is which:

hard (a plan breaking one is never chosen over one that does not)
- seats the teacher locked keep their pupil;
- pupils who both named each other "liever niet" do not sit side by side;
- two pupils with externalising behaviour do not sit side by side;

soft
- everyone sits near (beside, in front or behind) someone they chose;
- socially weaker pupils (sociaal kwetsbaar, nobody's choice, low preference)
  sit more centrally (van den Berg & Cillessen 2015); a pupil who did not
  answer is never called that for it: the plan only says it had no choices of
  theirs to use;
- a pupil with externalising behaviour sits beside a prosocial classmate who
  is chosen more than average (van den Berg & Stoltz 2018);
- closed subgroups are split up: at most two of a subgroup near each other.

Local search (simulated annealing, then plain hill climbing) from a placement
drawn with a fixed seed:
the same input and seed always give the same plan. Each placement gets a
one-line reason, and the rules the plan could not satisfy are listed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

PAIRS, ROWS, TABLES = "pairs", "rows", "tables"
HARD = 1000.0
WEIGHTS = {"near-choice": 10.0, "central": 3.0, "buddy": 8.0, "subgroup": 2.0}
STEPS = 10000


@dataclass(frozen=True)
class Seat:
    index: int
    row: int
    col: int
    x: float  # position in seat widths, for distance and centrality
    y: float
    block: int  # the pair, row or table the seat belongs to


@dataclass(frozen=True)
class Layout:
    rows: int
    cols: int
    arrangement: str = PAIRS

    def seats(self) -> list[Seat]:
        seats = []
        for row in range(self.rows):
            for col in range(self.cols):
                if self.arrangement == PAIRS:
                    x, block = col + 0.6 * (col // 2), row * 100 + col // 2
                elif self.arrangement == TABLES:
                    # Tables of four: two by two, a gap around each table.
                    x, block = col + 0.8 * (col // 2), (row // 2) * 100 + col // 2
                else:
                    x, block = float(col), row * 100
                y = row + (0.8 * (row // 2) if self.arrangement == TABLES else 0.0)
                seats.append(Seat(len(seats), row, col, x, y, block))
        return seats


@dataclass
class Pupil:
    id: str
    chose: frozenset = frozenset()
    externalising: bool = False
    prosocial: bool = False
    weak: bool = False  # sociaal kwetsbaar, nobody's choice or low preference
    liked: bool = False  # chosen more than the class average
    subgroup: int | None = None
    rejects_mutually: frozenset = frozenset()
    took_part: bool = True  # answered the sociogram; without it the plan has no choices to use


@dataclass
class Plan:
    seats: dict[int, str]  # seat index -> pupil id
    reasons: dict[str, tuple]  # pupil id -> (rule, *other pupil ids)
    unmet: list[tuple] = field(default_factory=list)  # (rule, pupil id, ...)
    cost: float = 0.0


def _geometry(seats: list[Seat]):
    side: dict[int, set[int]] = {s.index: set() for s in seats}
    near: dict[int, set[int]] = {s.index: set() for s in seats}
    for a in seats:
        for b in seats:
            if a.index == b.index:
                continue
            distance = math.hypot(a.x - b.x, a.y - b.y)
            # Side by side: the same pair, row or table and next to each other.
            if a.block == b.block and a.row == b.row and abs(a.col - b.col) == 1:
                side[a.index].add(b.index)
            elif a.block == b.block and a.col == b.col and abs(a.row - b.row) == 1:
                side[a.index].add(b.index)  # across a table of four
            if distance <= 1.9:
                near[a.index].add(b.index)
    cx = sum(s.x for s in seats) / len(seats)
    cy = sum(s.y for s in seats) / len(seats)
    spread = max(math.hypot(s.x - cx, s.y - cy) for s in seats) or 1
    centrality = {s.index: math.hypot(s.x - cx, s.y - cy) / spread for s in seats}
    return side, near, centrality


class _Scorer:
    def __init__(self, seats, pupils: dict[str, Pupil], locked: dict[int, str]):
        self.side, self.near, self.centrality = _geometry(seats)
        self.pupils = pupils
        self.locked = locked

    def pupil_cost(self, pid: str, seat: int, at: dict[int, str]) -> float:
        p = self.pupils[pid]
        cost = 0.0
        beside = [at[s] for s in self.side[seat] if s in at]
        nearby = [at[s] for s in self.near[seat] if s in at]
        for other in beside:
            if other in p.rejects_mutually:
                cost += HARD
            if p.externalising and self.pupils[other].externalising:
                cost += HARD
        if p.chose and not any(o in p.chose for o in nearby):
            cost += WEIGHTS["near-choice"]
        if p.weak:
            cost += WEIGHTS["central"] * self.centrality[seat]
        if p.externalising and not any(
            self.pupils[o].prosocial and self.pupils[o].liked for o in beside
        ):
            cost += WEIGHTS["buddy"]
        if p.subgroup is not None:
            same = sum(1 for o in nearby if self.pupils[o].subgroup == p.subgroup)
            cost += WEIGHTS["subgroup"] * max(0, same - 2)
        return cost

    def total(self, at: dict[int, str]) -> float:
        return sum(self.pupil_cost(pid, seat, at) for seat, pid in at.items())


def generate(
    layout: Layout,
    pupils: list[Pupil],
    *,
    locked: dict[int, str] | None = None,
    seed: int = 1,
    steps: int = STEPS,
) -> Plan:
    seats = layout.seats()
    if len(pupils) > len(seats):
        raise ValueError("more pupils than seats")
    by_id = {p.id: p for p in pupils}
    locked = {s: pid for s, pid in (locked or {}).items() if pid in by_id and s < len(seats)}
    side, near, centrality = _geometry(seats)
    # The search works on numbers: pupil i, seat s; -1 is an empty seat. The
    # same rules as _Scorer.pupil_cost, which explain() uses.
    ids = sorted(by_id)
    number = {pid: i for i, pid in enumerate(ids)}
    ps = [by_id[pid] for pid in ids]
    chose = [frozenset(number[c] for c in p.chose if c in number) for p in ps]
    rejects = [frozenset(number[c] for c in p.rejects_mutually if c in number) for p in ps]
    ext = [p.externalising for p in ps]
    buddy = [p.prosocial and p.liked for p in ps]
    weak = [p.weak for p in ps]
    sub = [-1 if p.subgroup is None else p.subgroup for p in ps]
    side_of = [tuple(side[s.index]) for s in seats]
    near_of = [tuple(near[s.index]) for s in seats]
    around = [frozenset(near[s.index] | side[s.index] | {s.index}) for s in seats]
    w_near, w_central = WEIGHTS["near-choice"], WEIGHTS["central"]
    w_buddy, w_sub = WEIGHTS["buddy"], WEIGHTS["subgroup"]

    def cost_at(seat: int, at: list[int]) -> float:
        p = at[seat]
        if p < 0:
            return 0.0
        cost = 0.0
        has_buddy = False
        for s in side_of[seat]:
            o = at[s]
            if o < 0:
                continue
            if o in rejects[p]:
                cost += HARD
            if ext[p] and ext[o]:
                cost += HARD
            if buddy[o]:
                has_buddy = True
        if ext[p] and not has_buddy:
            cost += w_buddy
        mine = chose[p]
        group = sub[p]
        near_choice = not mine
        same = 0
        for s in near_of[seat]:
            o = at[s]
            if o < 0:
                continue
            if o in mine:
                near_choice = True
            if group >= 0 and sub[o] == group:
                same += 1
        if not near_choice:
            cost += w_near
        if weak[p]:
            cost += w_central * centrality[seat]
        if same > 2:
            cost += w_sub * (same - 2)
        return cost

    rng = random.Random(seed)
    at = [-1] * len(seats)
    for seat, pid in locked.items():
        at[seat] = number[pid]
    free_seats = [s.index for s in seats if s.index not in locked]
    rng.shuffle(free_seats)
    free_pupils = [number[pid] for pid in ids if pid not in locked.values()]
    for seat, p in zip(free_seats, free_pupils, strict=False):
        at[seat] = p
    movable = sorted(free_seats)
    cost = sum(cost_at(s, at) for s in range(len(seats)))
    best, best_cost = list(at), cost
    temperature = 8.0
    cooling = (0.02 / temperature) ** (1 / max(steps, 1))
    exp, rand = math.exp, rng.random
    for _ in range(steps if len(movable) > 1 else 0):
        a, b = rng.sample(movable, 2)
        if at[a] < 0 and at[b] < 0:
            continue
        affected = around[a] | around[b]
        before = sum(cost_at(s, at) for s in affected)
        at[a], at[b] = at[b], at[a]
        delta = sum(cost_at(s, at) for s in affected) - before
        if delta <= 0 or rand() < exp(-delta / temperature):
            cost += delta
            if cost < best_cost - 1e-9:
                best, best_cost = list(at), cost
        else:
            at[a], at[b] = at[b], at[a]
        temperature *= cooling
    # Finish with plain hill climbing: every swap that still helps, until none does.
    at = best
    for _ in range(4):
        improved = False
        for i, a in enumerate(movable):
            for b in movable[i + 1 :]:
                if at[a] < 0 and at[b] < 0:
                    continue
                affected = around[a] | around[b]
                before = sum(cost_at(s, at) for s in affected)
                at[a], at[b] = at[b], at[a]
                if sum(cost_at(s, at) for s in affected) < before - 1e-9:
                    improved = True
                else:
                    at[a], at[b] = at[b], at[a]
        if not improved:
            break
    placed = {seat: ids[p] for seat, p in enumerate(at) if p >= 0}
    return explain(layout, pupils, placed, locked)


def _swap(at: dict[int, str], a: int, b: int) -> None:
    pa, pb = at.pop(a, None), at.pop(b, None)
    if pa is not None:
        at[b] = pa
    if pb is not None:
        at[a] = pb


def explain(
    layout: Layout, pupils: list[Pupil], at: dict[int, str], locked: dict[int, str]
) -> Plan:
    """One reason per pupil and the rules not met, for any placement (after a swap too)."""
    seats = layout.seats()
    by_id = {p.id: p for p in pupils}
    scorer = _Scorer(seats, by_id, locked)
    reasons: dict[str, tuple] = {}
    unmet: list[tuple] = []
    for seat, pid in sorted(at.items()):
        p = by_id[pid]
        beside = sorted(at[s] for s in scorer.side[seat] if s in at)
        nearby = sorted(at[s] for s in scorer.near[seat] if s in at)
        for other in beside:
            if other in p.rejects_mutually and pid < other:
                unmet.append(("rejecters-side-by-side", pid, other))
            if p.externalising and by_id[other].externalising and pid < other:
                unmet.append(("externalising-side-by-side", pid, other))
        buddy = next((o for o in beside if by_id[o].prosocial and by_id[o].liked), None)
        chosen_near = next((o for o in nearby if o in p.chose), None)
        if p.externalising and buddy is None:
            unmet.append(("no-buddy", pid))
        if p.chose and chosen_near is None:
            unmet.append(("no-choice-near", pid))
        if p.weak and scorer.centrality[seat] > 0.6:
            unmet.append(("not-central", pid))
        if seat in locked:
            reasons[pid] = ("locked",)
        elif p.externalising and buddy:
            reasons[pid] = ("buddy", buddy)
        elif p.weak and scorer.centrality[seat] <= 0.6:
            reasons[pid] = ("central", chosen_near) if chosen_near else ("central",)
        elif chosen_near:
            reasons[pid] = ("near-choice", chosen_near)
        elif not p.took_part:
            reasons[pid] = ("no-answer",)
        elif not p.chose:
            reasons[pid] = ("no-choices",)
        else:
            reasons[pid] = ("rest",)
    return Plan(seats=dict(at), reasons=reasons, unmet=unmet, cost=scorer.total(at))
