"""Sociometric analysis of one measurement: a pure function of who chose whom.

No Django here (pure Python and networkx), so the methods of
``../shared/SOCIOMETRY.md`` can be read and tested on their own:

- Status categories after Coie, Dodge & Coppotelli (1982): z-scores of liked
  most (LM) and liked least (LL) received, with the sample standard deviation
  (z = 0 when the SD is 0); SP = zLM - zLL and SI = zLM + zLL standardised again.
  The received shares are exact fractions, so a pupil who received exactly the
  class mean has z = 0, not a rounding error of either sign that the rules
  (zLM > 0, zLL < 0) would read as above or below the mean; SP and SI are
  irrational in general, so their thresholds are compared with a tolerance.
- Absent pupils: received nominations are compared relative to the number of
  classmates who took part (a pupil who answered cannot choose themself, so
  one rater fewer could choose them). With everyone present this is the same
  as comparing the counts.
- Categories only when enough of the class took part (>= 80 % and >= 12
  respondents) and only when there are negative nominations at all; the
  continuous scores are always given.
- Subgroups: Louvain communities of the mutual-choice graph with a fixed seed;
  a bridge is a pupil with mutual friends in two or more subgroups whose
  betweenness is at least that of each such mutual friend (so of a link
  between two subgroups, the end that carries more paths).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import networkx as nx

POPULAIR = "populair"
AFGEWEZEN = "afgewezen"
GENEGEERD = "genegeerd"
CONTROVERSIEEL = "controversieel"
GEMIDDELD = "gemiddeld"
STATUSES = (POPULAIR, AFGEWEZEN, GENEGEERD, CONTROVERSIEEL, GEMIDDELD)

MIN_PARTICIPATION = 0.8
MIN_RESPONDENTS = 12
LOUVAIN_SEED = 11

# Why categories are withheld (the page words these).
NO_NEGATIVE = "no-negative"
LOW_PARTICIPATION = "low-participation"
FEW_RESPONDENTS = "few-respondents"


@dataclass
class PupilResult:
    id: str
    took_part: bool
    lm: int = 0  # positive nominations received
    ll: int = 0  # negative nominations received
    lm_share: float = 0.0  # lm / classmates who took part and could choose this pupil
    ll_share: float = 0.0
    z_lm: float = 0.0
    z_ll: float = 0.0
    z_sp: float = 0.0
    z_si: float = 0.0
    status: str | None = None
    chose: frozenset = frozenset()  # whom this pupil chose (positive)
    rejected: frozenset = frozenset()  # whom this pupil named negatively
    chosen_by: frozenset = frozenset()
    rejected_by: frozenset = frozenset()
    mutual_friends: frozenset = frozenset()
    mutual_rejections: frozenset = frozenset()
    subgroup: int | None = None  # index into Result.subgroups
    betweenness: float = 0.0
    is_bridge: bool = False

    @property
    def isolated(self) -> bool:
        return self.lm == 0

    @property
    def no_mutual_friend(self) -> bool:
        return not self.mutual_friends


@dataclass
class Result:
    pupils: dict[str, PupilResult]
    participation: float
    cohesion: float
    dissociation: float
    coherence: float
    density: float
    subgroups: list[frozenset] = field(default_factory=list)
    bridges: frozenset = frozenset()
    has_negative: bool = False
    # None when status categories are shown; otherwise why not.
    withheld: str | None = None
    mutual_pairs: list[tuple[str, str]] = field(default_factory=list)
    rejection_pairs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def categories_shown(self) -> bool:
        return self.withheld is None

    @property
    def respondents(self) -> int:
        return sum(1 for r in self.pupils.values() if r.took_part)


# Scores that differ from a threshold by less than this are taken as equal to it
# (SP and SI are sums of irrational z-scores, standardised again).
TOLERANCE = 1e-9


def z_scores(values: list[float | Fraction]) -> list[float]:
    """Standard scores with the sample standard deviation; all 0 when it is 0.

    Exact integers or fractions in give an exact 0 for a value equal to the
    mean (the deviation is computed exactly; only the division by the
    standard deviation is rounded, and it cannot change a sign).

    Exact in integers over one common denominator rather than in ``Fraction``
    (the same numbers: Python divides integers correctly rounded, as
    ``float(Fraction)`` does), because a float's fraction has a denominator of
    2**52 and more, and summing 25 of them as fractions made this the slow
    part of an analysis (the school dashboard scores every group at once).
    """
    n = len(values)
    if n < 2:
        return [0.0 for _ in values]
    ratios = [Fraction(v).as_integer_ratio() for v in values]
    common = math.lcm(*(den for _num, den in ratios))
    xs = [num * (common // den) for num, den in ratios]
    total = sum(xs)
    # deviation_i = (n * x_i - total) / (n * common), exactly
    scaled = [n * x - total for x in xs]
    squares = sum(d * d for d in scaled)
    if squares == 0:
        return [0.0 for _ in values]
    sd = math.sqrt(squares / (n * n * common * common * (n - 1)))
    return [(d / (n * common)) / sd if d else 0.0 for d in scaled]


def _clean(
    nominations: Mapping[str, Iterable[str]] | None, pupils: set[str], respondents: set[str]
) -> dict[str, frozenset]:
    """Only a respondent's choices of classmates count; choosing oneself never does."""
    cleaned = {}
    for rater, chosen in (nominations or {}).items():
        if rater not in respondents:
            continue
        cleaned[rater] = frozenset(c for c in chosen if c in pupils and c != rater)
    return cleaned


def _above(value: float, threshold: float) -> bool:
    return value > threshold + TOLERANCE


def _below(value: float, threshold: float) -> bool:
    return value < threshold - TOLERANCE


def _status(z_lm: float, z_ll: float, z_sp: float, z_si: float) -> str | None:
    if _above(z_sp, 1.0) and _above(z_lm, 0) and _below(z_ll, 0):
        return POPULAIR
    if _below(z_sp, -1.0) and _above(z_ll, 0) and _below(z_lm, 0):
        return AFGEWEZEN
    if _below(z_si, -1.0) and _below(z_lm, 0) and _below(z_ll, 0):
        return GENEGEERD
    if _above(z_si, 1.0) and _above(z_lm, 0) and _above(z_ll, 0):
        return CONTROVERSIEEL
    if not _above(abs(z_sp), 0.5) and not _above(abs(z_si), 0.5):
        return GEMIDDELD
    return None


def _pairs(nominations: dict[str, frozenset], order: dict[str, int]) -> list[tuple[str, str]]:
    pairs = []
    for rater, chosen in nominations.items():
        for other in chosen:
            if order[rater] < order[other] and rater in nominations.get(other, frozenset()):
                pairs.append((rater, other))
    return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))


def analyse(
    pupils: list[str],
    respondents: set[str],
    positive: Mapping[str, Iterable[str]],
    negative: Mapping[str, Iterable[str]] | None = None,
    *,
    min_participation: float = MIN_PARTICIPATION,
    min_respondents: int = MIN_RESPONDENTS,
) -> Result:
    order = {pupil: index for index, pupil in enumerate(pupils)}
    everyone = set(order)
    took_part = {p for p in respondents if p in everyone}
    pos = _clean(positive, everyone, took_part)
    neg = _clean(negative, everyone, took_part)
    n = len(pupils)

    results = {
        p: PupilResult(
            id=p,
            took_part=p in took_part,
            chose=pos.get(p, frozenset()),
            rejected=neg.get(p, frozenset()),
        )
        for p in pupils
    }
    chosen_by: dict[str, set] = {p: set() for p in pupils}
    rejected_by: dict[str, set] = {p: set() for p in pupils}
    for rater, chosen in pos.items():
        for other in chosen:
            chosen_by[other].add(rater)
    for rater, chosen in neg.items():
        for other in chosen:
            rejected_by[other].add(rater)

    exact_lm: dict[str, Fraction] = {}
    exact_ll: dict[str, Fraction] = {}
    for p, r in results.items():
        r.chosen_by = frozenset(chosen_by[p])
        r.rejected_by = frozenset(rejected_by[p])
        r.lm = len(r.chosen_by)
        r.ll = len(r.rejected_by)
        could_choose = len(took_part) - (1 if r.took_part else 0)
        exact_lm[p] = Fraction(r.lm, could_choose) if could_choose else Fraction(0)
        exact_ll[p] = Fraction(r.ll, could_choose) if could_choose else Fraction(0)
        r.lm_share = float(exact_lm[p])
        r.ll_share = float(exact_ll[p])
        r.mutual_friends = frozenset(o for o in r.chose if p in pos.get(o, frozenset()))
        r.mutual_rejections = frozenset(o for o in r.rejected if p in neg.get(o, frozenset()))

    ordered = [results[p] for p in pupils]
    z_lm = z_scores([exact_lm[p] for p in pupils])
    z_ll = z_scores([exact_ll[p] for p in pupils])
    sp = [a - b for a, b in zip(z_lm, z_ll, strict=True)]
    si = [a + b for a, b in zip(z_lm, z_ll, strict=True)]
    for r, a, b, c, d in zip(ordered, z_lm, z_ll, z_scores(sp), z_scores(si), strict=True):
        r.z_lm, r.z_ll, r.z_sp, r.z_si = a, b, c, d

    has_negative = any(neg.values())
    participation = len(took_part) / n if n else 0.0
    if not has_negative:
        withheld = NO_NEGATIVE
    elif participation < min_participation:
        withheld = LOW_PARTICIPATION
    elif len(took_part) < min_respondents:
        withheld = FEW_RESPONDENTS
    else:
        withheld = None
    if withheld is None:
        for r in ordered:
            r.status = _status(r.z_lm, r.z_ll, r.z_sp, r.z_si)

    mutual_pairs = _pairs(pos, order)
    rejection_pairs = _pairs(neg, order)
    max_pairs = n * (n - 1) / 2
    positive_total = sum(len(c) for c in pos.values())
    subgroups, bridges = _subgroups(pupils, mutual_pairs, results, order)

    return Result(
        pupils=results,
        participation=participation,
        cohesion=len(mutual_pairs) / max_pairs if max_pairs else 0.0,
        dissociation=len(rejection_pairs) / max_pairs if max_pairs else 0.0,
        coherence=2 * len(mutual_pairs) / positive_total if positive_total else 0.0,
        density=positive_total / (n * (n - 1)) if n > 1 else 0.0,
        subgroups=subgroups,
        bridges=bridges,
        has_negative=has_negative,
        withheld=withheld,
        mutual_pairs=mutual_pairs,
        rejection_pairs=rejection_pairs,
    )


def _subgroups(
    pupils: list[str],
    mutual_pairs: list[tuple[str, str]],
    results: dict[str, PupilResult],
    order: dict[str, int],
) -> tuple[list[frozenset], frozenset]:
    graph = nx.Graph()
    graph.add_nodes_from(pupils)
    graph.add_edges_from(mutual_pairs)
    if not mutual_pairs:
        return [], frozenset()
    communities = nx.community.louvain_communities(graph, seed=LOUVAIN_SEED)
    # A subgroup is two or more pupils; largest first, then in class-list order.
    subgroups = sorted(
        (frozenset(c) for c in communities if len(c) >= 2),
        key=lambda c: (-len(c), min(order[p] for p in c)),
    )
    for index, members in enumerate(subgroups):
        for p in members:
            results[p].subgroup = index
    betweenness = nx.betweenness_centrality(graph)
    linkers = set()
    for p in pupils:
        r = results[p]
        r.betweenness = betweenness[p]
        touched = {results[o].subgroup for o in graph.neighbors(p)} | {r.subgroup}
        touched.discard(None)
        if len(touched) >= 2 and r.betweenness > 0:
            linkers.add(p)
    # Both ends of a link between two subgroups touch both; the bridge is the
    # one that carries more of the paths between them (a tie: both).
    bridges = {
        p
        for p in linkers
        if all(betweenness[p] >= betweenness[o] for o in graph.neighbors(p) if o in linkers)
    }
    for p in bridges:
        results[p].is_bridge = True
    return subgroups, frozenset(bridges)


@dataclass(frozen=True)
class Attention:
    """Who needs attention in one measurement, for counting (the school dashboard)."""

    pupils: int
    took_part: int
    isolated: frozenset  # chosen by nobody
    rejected: frozenset | None  # status "afgewezen"; None where categories are withheld

    @property
    def either(self) -> frozenset:
        return self.isolated | (self.rejected or frozenset())


def attention(
    pupils: list[str],
    respondents: set[str],
    positive: Mapping[str, Iterable[str]],
    negative: Mapping[str, Iterable[str]] | None = None,
) -> Attention:
    """The same isolated pupils and "afgewezen" status as ``analyse``, computed
    only as far as they need: the z-scores only where categories are shown
    (most sociograms ask no negative question), no subgroups or bridges. The
    dashboard counts this for every group of a large school at once; a test
    holds it to ``analyse`` on random classes."""
    everyone = set(pupils)
    took_part = {p for p in respondents if p in everyone}
    pos = _clean(positive, everyone, took_part)
    neg = _clean(negative, everyone, took_part)
    lm = dict.fromkeys(pupils, 0)
    ll = dict.fromkeys(pupils, 0)
    for chosen in pos.values():
        for other in chosen:
            lm[other] += 1
    for chosen in neg.values():
        for other in chosen:
            ll[other] += 1
    isolated = frozenset(p for p in pupils if lm[p] == 0)
    participation = len(took_part) / len(pupils) if pupils else 0.0
    shown = (
        any(neg.values())
        and participation >= MIN_PARTICIPATION
        and len(took_part) >= MIN_RESPONDENTS
    )
    if not shown:
        return Attention(len(pupils), len(took_part), isolated, None)

    def share(counts, p):
        could_choose = len(took_part) - (1 if p in took_part else 0)
        return Fraction(counts[p], could_choose) if could_choose else Fraction(0)

    z_lm = z_scores([share(lm, p) for p in pupils])
    z_ll = z_scores([share(ll, p) for p in pupils])
    sp = [a - b for a, b in zip(z_lm, z_ll, strict=True)]
    si = [a + b for a, b in zip(z_lm, z_ll, strict=True)]
    rejected = frozenset(
        p
        for p, a, b, c, d in zip(pupils, z_lm, z_ll, z_scores(sp), z_scores(si), strict=True)
        if _status(a, b, c, d) == AFGEWEZEN
    )
    return Attention(len(pupils), len(took_part), isolated, rejected)
