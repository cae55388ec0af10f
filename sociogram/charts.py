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
from welbevinden.core import svglabels

SEED = 11
# Sized for a class of 32: every name legible on A4 and projected, none overlapping.
WIDTH, HEIGHT = 1000, 760
TARGET_SIZE = 900
MARGIN = 70
RADIUS = 15
LABEL_SIZE = 15
LOOSE_SPACING = 118  # pupils in no subgroup, side by side along the bottom


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
    label_x: str = ""
    label_y: str = ""
    # The white box behind the label, so lines under it do not cross the name.
    box_x: str = ""
    box_y: str = ""
    box_w: str = ""
    box_h: str = ""
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
        points=_shape_points(shape, x, y),
    )


def _label(nodes: list[Node], angles: dict[str, float], width: int, height: int) -> None:
    """Each name beside its pupil, towards `angles` (outward) where there is room."""
    order = sorted(nodes, key=lambda n: (float(n.y), float(n.x)))
    placed = svglabels.place(
        [(float(n.x), float(n.y), n.name, angles[n.id]) for n in order],
        size=LABEL_SIZE,
        radius=RADIUS + 3,
        bounds=svglabels.Box(2, 2, width - 4, height - 4),
    )
    for node, spot in zip(order, placed, strict=True):
        node.label_x, node.label_y = _n(spot.x), _n(spot.y)
        node.box_x, node.box_y = _n(spot.box.x), _n(spot.box.y)
        node.box_w, node.box_h = _n(spot.box.w), _n(spot.box.h)


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
    loose = sorted((p for p in ids if result.pupils[p].subgroup is None), key=lambda p: names[p])
    pos: dict[str, tuple[float, float]] = {}
    angles: dict[str, float] = {}
    # Pupils in no subgroup (the isolated among them) in rows along the bottom.
    per_row = max(int((WIDTH - 2 * MARGIN) // LOOSE_SPACING), 1)
    loose_rows = math.ceil(len(loose) / per_row)
    bottom_band = loose_rows * 62
    cx, cy = WIDTH / 2, (HEIGHT - bottom_band) / 2
    total = sum(len(c) for c in clusters) or 1
    angle = -math.pi / 2
    ring = min(cx - MARGIN - 60, cy - 70) if len(clusters) > 1 else 0
    for members in clusters:
        share = len(members) / total * 2 * math.pi
        middle = angle + share / 2
        gx, gy = cx + ring * math.cos(middle), cy + ring * 0.85 * math.sin(middle)
        small = 24 + 9 * len(members) if len(members) > 1 else 0
        for index, pid in enumerate(members):
            a = middle + math.pi + 2 * math.pi * index / len(members)
            pos[pid] = (gx + small * math.cos(a), gy + small * math.sin(a))
            # The name outside the circle of friends, away from its lines.
            angles[pid] = a if len(members) > 1 else middle
        angle += share
    for index, pid in enumerate(loose):
        row, column = divmod(index, per_row)
        in_row = min(per_row, len(loose) - row * per_row)
        x = WIDTH / 2 + (column - (in_row - 1) / 2) * LOOSE_SPACING
        pos[pid] = (x, HEIGHT - bottom_band + 22 + row * 62)
        angles[pid] = math.pi / 2
    # Keep everyone on the canvas.
    pos = {
        pid: (min(max(x, MARGIN / 2), WIDTH - MARGIN / 2), min(max(y, 26), HEIGHT - 40))
        for pid, (x, y) in pos.items()
    }
    nodes = [_node(pid, names[pid], *pos[pid], result, focus) for pid in ids]
    _label(nodes, angles, WIDTH, HEIGHT)
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
    size = TARGET_SIZE
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
    pos: dict[str, tuple[float, float]] = {}
    angles: dict[str, float] = {}
    spacing = 2 * RADIUS + 40  # along the ring, so a name fits between two pupils
    for ring, members in rings.items():
        if not members:
            continue
        if ring == 0:
            # The centre: one pupil in the middle, several on a small circle inside the bull's eye.
            radius = (
                0 if len(members) == 1 else min(len(members) * spacing / (2 * math.pi), step * 0.7)
            )
        else:
            radius = step * ring + step / 2
        # A crowded ring alternates pupils inwards and outwards within its band.
        crowded = len(members) * spacing > 2 * math.pi * radius
        for index, pid in enumerate(members):
            angle = -math.pi / 2 + 2 * math.pi * index / len(members) + ring * 0.35
            r = radius + (step * 0.22 * (1 if index % 2 else -1) if crowded and ring else 0)
            pos[pid] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
            angles[pid] = angle if radius else math.pi / 2
    nodes = [_node(pid, names[pid], *pos[pid], result, focus) for pid in result.pupils]
    _label(nodes, angles, size, size)
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


def measured_groups(label: str, measured: tuple[str, int], not_measured: tuple[str, int]):
    """The dashboard's bar: groups with a measurement in the span, and without."""
    from welbevinden.core.bars import bars

    return bars(
        [
            (
                label,
                [
                    ("gemeten", measured[0], measured[1], "#176087", "#fff"),
                    ("niet-gemeten", not_measured[0], not_measured[1], "#dae9f2", "#1f2a30"),
                ],
            )
        ]
    )
