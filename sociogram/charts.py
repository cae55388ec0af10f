"""The two pictures of a sociogram, drawn by the server as SVG (stap 2).

Pure functions of the analysis and the pupils' names. The layout is fixed by
a seed, so the same answers always give the same picture (a teacher compares
two prints). Status is shown by colour *and* shape, so the legend works in
black and white; the page also has a table with the same information.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sociogram.analysis import Result

SEED = 11
WIDTH, HEIGHT = 900, 640
MARGIN = 70
RADIUS = 15


def _n(number: float) -> str:
    # Strings with a decimal point: the template layer would localise floats to "1,0".
    return f"{number:.1f}"


# status -> (fill, shape); dark enough outlines for black and white.
STYLES = {
    "populair": ("#2e7d4f", "star"),
    "afgewezen": ("#b3261e", "square"),
    "genegeerd": ("#8a8f98", "triangle"),
    "controversieel": ("#b8860b", "diamond"),
    "gemiddeld": ("#4a6fa5", "circle"),
    None: ("#ffffff", "circle"),
}


@dataclass
class Node:
    id: str
    name: str
    x: str
    y: str
    fill: str
    shape: str
    status: str | None
    isolated: bool
    focused: bool = False
    faded: bool = False
    label_y: str = ""
    points: str = ""  # for star, triangle, diamond


@dataclass
class Edge:
    x1: str
    y1: str
    x2: str
    y2: str
    kind: str  # "mutual", "one-way", "negative"
    faded: bool = False


@dataclass
class Picture:
    kind: str  # "network" or "target"
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    rings: list[str] = field(default_factory=list)  # radii, centre first
    cx: str = ""
    cy: str = ""


def _shape_points(shape: str, x: float, y: float) -> str:
    r = RADIUS + 2
    if shape == "square":
        return ""
    if shape == "triangle":
        pts = [(x, y - r), (x + r * 0.95, y + r * 0.7), (x - r * 0.95, y + r * 0.7)]
    elif shape == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "star":
        pts = []
        for i in range(10):
            radius = r if i % 2 == 0 else r * 0.5
            angle = -math.pi / 2 + i * math.pi / 5
            pts.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    else:
        return ""
    return " ".join(f"{_n(px)},{_n(py)}" for px, py in pts)


def _node(pid: str, name: str, x: float, y: float, result: Result, focus: str | None) -> Node:
    r = result.pupils[pid]
    fill, shape = STYLES.get(r.status, STYLES[None])
    related = (
        focus is None
        or pid == focus
        or pid in result.pupils[focus].chose
        or pid in result.pupils[focus].chosen_by
    )
    return Node(
        id=pid,
        name=name,
        x=_n(x),
        y=_n(y),
        fill=fill,
        shape=shape,
        status=r.status,
        isolated=r.isolated,
        focused=pid == focus,
        faded=not related,
        label_y=_n(y + RADIUS + 16),
        points=_shape_points(shape, x, y),
    )


def _shorten(x1, y1, x2, y2, by=RADIUS + 4):
    length = math.hypot(x2 - x1, y2 - y1) or 1
    dx, dy = (x2 - x1) / length * by, (y2 - y1) / length * by
    return x1 + dx, y1 + dy, x2 - dx, y2 - dy


def _edges(
    result: Result, pos: dict, negative: bool, focus: str | None, mutual_only: bool = False
) -> list[Edge]:
    edges = []
    mutual = set(result.mutual_pairs)
    for pid, r in result.pupils.items():
        for other in sorted(r.chose):
            if (other, pid) in mutual:
                continue  # drawn once, from the first of the pair
            kind = "mutual" if (pid, other) in mutual else "one-way"
            if mutual_only and kind == "one-way" and focus not in (pid, other):
                continue
            x1, y1, x2, y2 = _shorten(*pos[pid], *pos[other])
            faded = focus is not None and focus not in (pid, other)
            edges.append(Edge(_n(x1), _n(y1), _n(x2), _n(y2), kind, faded))
        if negative:
            for other in sorted(r.rejected):
                if mutual_only and focus not in (pid, other):
                    continue
                x1, y1, x2, y2 = _shorten(*pos[pid], *pos[other])
                faded = focus is not None and focus not in (pid, other)
                edges.append(Edge(_n(x1), _n(y1), _n(x2), _n(y2), "negative", faded))
    # Faded lines first, so the focused ones lie on top.
    return sorted(edges, key=lambda e: (not e.faded, e.kind == "mutual"))


def network(
    result: Result,
    names: dict[str, str],
    *,
    negative: bool = False,
    focus: str | None = None,
) -> Picture:
    """Arrows for choices, a thick line for a mutual choice; each subgroup drawn as its
    own circle of friends, the subgroups around the middle, pupils in no subgroup outside."""
    ids = list(result.pupils)
    clusters = [sorted(members, key=lambda p: names[p]) for members in result.subgroups]
    loose = [p for p in ids if result.pupils[p].subgroup is None]
    pos: dict[str, tuple[float, float]] = {}
    cx, cy = WIDTH / 2, HEIGHT / 2
    total = sum(len(c) for c in clusters) or 1
    angle = -math.pi / 2
    ring = min(cx, cy) - MARGIN - 40 if len(clusters) > 1 else 0
    for members in clusters:
        share = len(members) / total * 2 * math.pi
        middle = angle + share / 2
        gx, gy = cx + ring * math.cos(middle), cy + ring * 0.85 * math.sin(middle)
        small = 24 + 9 * len(members) if len(members) > 1 else 0
        for index, pid in enumerate(members):
            a = middle + math.pi + 2 * math.pi * index / len(members)
            pos[pid] = (gx + small * math.cos(a), gy + small * math.sin(a))
        angle += share
    # Pupils in no subgroup (the isolated among them) along the bottom edge.
    for index, pid in enumerate(sorted(loose, key=lambda p: names[p])):
        x = MARGIN + (index + 0.5) * (WIDTH - 2 * MARGIN) / max(len(loose), 1)
        pos[pid] = (x, HEIGHT - 36)
    # Keep everyone on the canvas.
    pos = {
        pid: (min(max(x, MARGIN / 2), WIDTH - MARGIN / 2), min(max(y, 26), HEIGHT - 36))
        for pid, (x, y) in pos.items()
    }
    nodes = [_node(pid, names[pid], *pos[pid], result, focus) for pid in ids]
    return Picture("network", WIDTH, HEIGHT, nodes, _edges(result, pos, negative, focus))


def ring_of(lm: int, most: int) -> int:
    if lm == 0:
        return 3
    share = lm / most
    return 0 if share >= 2 / 3 else 1 if share >= 1 / 3 else 2


def target(
    result: Result,
    names: dict[str, str],
    *,
    negative: bool = False,
    focus: str | None = None,
) -> Picture:
    """The bull's eye: the most chosen in the centre; subgroups side by side around it."""
    size = HEIGHT
    cx = cy = size / 2
    step = (size / 2 - 30) / 4
    most = max((r.lm for r in result.pupils.values()), default=0) or 1
    rings: dict[int, list[str]] = {0: [], 1: [], 2: [], 3: []}
    # Around the circle in subgroup order, so friends sit in the same direction.
    order = sorted(
        result.pupils,
        key=lambda p: (
            result.pupils[p].subgroup if result.pupils[p].subgroup is not None else 999,
            names[p],
        ),
    )
    for pid in order:
        rings[ring_of(result.pupils[pid].lm, most)].append(pid)
    pos = {}
    for ring, members in rings.items():
        radius = step * ring + step / 2 if ring else (step * 0.45 if len(members) > 1 else 0)
        for index, pid in enumerate(members):
            angle = -math.pi / 2 + 2 * math.pi * index / max(len(members), 1) + ring * 0.35
            pos[pid] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    nodes = [_node(pid, names[pid], *pos[pid], result, focus) for pid in result.pupils]
    ring_circles = [_n(step * (i + 1)) for i in range(4)]
    return Picture(
        "target",
        size,
        size,
        nodes,
        # Only mutual choices here (the network has every arrow); one pupil's all.
        _edges(result, pos, negative, focus, mutual_only=True),
        rings=ring_circles,
        cx=_n(cx),
        cy=_n(cy),
    )
