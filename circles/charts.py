"""Pictures drawn by the server as SVG, so page and PDF show the same thing."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Coordinates are strings with a decimal point: the template layer would
# otherwise localise floats to "160,0", which SVG does not read.


def _n(number: float) -> str:
    return f"{number:.1f}"


@dataclass(frozen=True)
class RadarAxis:
    label: str
    value: int | None
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str


@dataclass(frozen=True)
class Radar:
    size: int
    centre: str
    axes: list[RadarAxis]
    rings: list[str]
    shape: str  # polygon points of the answered values; empty when nothing is rated

    @property
    def view_box(self) -> str:
        # Room at the sides for the labels of the left and right axes.
        return f"-80 0 {self.size + 160} {self.size}"


def radar(
    labels: list[str], values: list[int | None], *, maximum: int = 5, size: int = 320
) -> Radar:
    """A radar (spider) chart: one axis per item, 0 at the centre, ``maximum`` at the edge."""
    centre = size / 2
    radius = size / 2 - 70
    count = len(labels)

    def point(index: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return (
            round(centre + radius * fraction * math.cos(angle), 1),
            round(centre + radius * fraction * math.sin(angle), 1),
        )

    axes = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x, y = point(index, 1)
        lx, ly = point(index, 1.2)
        anchor = "middle" if abs(lx - centre) < 5 else ("start" if lx > centre else "end")
        axes.append(RadarAxis(label, value, _n(x), _n(y), _n(lx), _n(ly), anchor))
    rings = [
        " ".join(f"{x},{y}" for x, y in (point(i, level / maximum) for i in range(count)))
        for level in range(1, maximum + 1)
    ]
    answered = [v for v in values if v is not None]
    shape = ""
    if answered:
        shape = " ".join(
            f"{x},{y}" for x, y in (point(i, (values[i] or 0) / maximum) for i in range(count))
        )
    return Radar(size, _n(centre), axes, rings, shape)
