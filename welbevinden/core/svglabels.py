"""Labels on server-drawn pictures that neither overlap nor leave the picture.

Pure Python, no Django. A label's width is estimated from its characters (the
pictures use Open Sans, embedded in the PDF too), generously, so a label that
fits here fits in the browser and on paper. Placement is greedy and in a fixed
order, so the same data always gives the same picture (a teacher compares two
prints): each label takes the first candidate spot around its point that is
free of the labels placed before it, of every marker and of the picture's
edge; if none is free, the one that overlaps least.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Average advance of Open Sans per character, in em; narrow and wide letters
# are counted apart, and the estimate errs on the wide side.
_NARROW = set("iljtfrI.,;:'! ")
_WIDE = set("mwMWOQGCDHNU")


def text_width(text: str, size: float) -> float:
    units = sum(0.32 if c in _NARROW else 0.9 if c in _WIDE else 0.62 for c in text)
    return units * size


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlap(self, other: Box) -> float:
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def inside(self, bounds: Box) -> bool:
        return (
            self.x >= bounds.x
            and self.y >= bounds.y
            and self.x + self.w <= bounds.x + bounds.w
            and self.y + self.h <= bounds.y + bounds.h
        )


@dataclass(frozen=True)
class Placed:
    x: float  # the text's anchor (text-anchor="middle"), baseline y
    y: float
    box: Box


def _box_at(angle: float, distance: float, px: float, py: float, w: float, h: float) -> Box:
    # The label's box touches the circle of `distance` around the point on the side of `angle`.
    cx = px + math.cos(angle) * (distance + w / 2 * abs(math.cos(angle)))
    cy = py + math.sin(angle) * (distance + h / 2 * abs(math.sin(angle)))
    return Box(cx - w / 2, cy - h / 2, w, h)


def place(
    points: list[tuple[float, float, str, float]],
    *,
    size: float,
    radius: float,
    bounds: Box,
    obstacles: list[Box] = (),
    pad: float = 2.0,
) -> list[Placed]:
    """points: (x, y, text, preferred angle in radians) in the order to place them."""
    markers = [Box(x - radius, y - radius, 2 * radius, 2 * radius) for x, y, _, _ in points]
    taken: list[Box] = list(obstacles)
    placed: list[Placed] = []
    height = size * 1.25
    for index, (x, y, text, preferred) in enumerate(points):
        w = text_width(text, size) + 2 * pad
        others = markers[:index] + markers[index + 1 :]
        best: tuple[float, Box] | None = None
        for distance in (radius + 3, radius + 3 + height, radius + 3 + 2 * height):
            for step in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6):
                box = _box_at(preferred + step * math.pi / 6, distance, x, y, w, height)
                cost = sum(box.overlap(b) for b in taken) + sum(box.overlap(b) for b in others)
                if not box.inside(bounds):
                    cost += 1e6
                if best is None or cost < best[0]:
                    best = (cost, box)
                if cost == 0:
                    break
            if best[0] == 0:
                break
        box = best[1]
        taken.append(box)
        # Baseline a little under the box's middle: the box holds ascenders and descenders.
        placed.append(Placed(box.x + box.w / 2, box.y + box.h * 0.72, box))
    return placed
