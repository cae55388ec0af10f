"""The pyramid drawn as SVG by the server: the page and the PDF include the same fragment.

A pure function of the layers and their items' names. Sized to be read when
projected (1280×720): the counts sit in the pyramid in large type, the names
of the items beside it, two columns per layer; when a layer has more items
than fit, the last line says how many more (the full list is on the page).
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _n(number: float) -> str:
    # Strings with a decimal point: the template layer would localise floats to "1,0".
    return f"{number:.1f}"


WIDTH = 1200
PYRAMID_WIDTH = 620
CENTRE = 20 + PYRAMID_WIDTH / 2
APEX = 16
# Band heights, top (intensief) first; the fundament is a block under the pyramid.
BANDS = (("intensief", 126), ("extra", 136), ("basis", 166))
FUNDAMENT_GAP = 10
FUNDAMENT_HEIGHT = 130
LIST_X = 680
COLUMN_WIDTH = 260
LINE = 24
HEADER = 30
CHARS_PER_COLUMN = 27
# Light to dark from top to bottom, with dark text: distinct in black and white too.
FILLS = {"intensief": "#f6d7c3", "extra": "#f3e6b5", "basis": "#cfe3d3", "fundament": "#b9cde6"}


@dataclass(frozen=True)
class Line:
    x: str
    y: str
    text: str


@dataclass
class Band:
    layer: str
    label: str
    share: str
    count: int
    points: str
    count_x: str
    count_y: str
    header_y: str
    divider_y: str
    fill: str
    lines: list[Line] = field(default_factory=list)
    more: int = 0
    more_y: str = ""


@dataclass
class PyramidChart:
    bands: list[Band]
    height: int
    list_x: str = _n(LIST_X)

    @property
    def view_box(self) -> str:
        return f"0 0 {WIDTH} {self.height}"


def _fit(text: str, chars: int = CHARS_PER_COLUMN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _half_width(y: float, base_y: float) -> float:
    return (y - APEX) / (base_y - APEX) * PYRAMID_WIDTH / 2


def pyramid(layers: list[dict]) -> PyramidChart:
    """layers: dicts with layer, label, share and names (the items' names), any order."""
    by_layer = {entry["layer"]: entry for entry in layers}
    base_y = APEX + sum(height for _, height in BANDS)
    bands: list[Band] = []
    top = APEX
    geometry = []
    for layer, height in BANDS:
        bottom = top + height
        t, b = _half_width(top, base_y), _half_width(bottom, base_y)
        points = [(CENTRE - t, top), (CENTRE + t, top), (CENTRE + b, bottom), (CENTRE - b, bottom)]
        geometry.append((layer, top, bottom, points, top + height * 0.62))
        top = bottom
    f_top = base_y + FUNDAMENT_GAP
    f_bottom = f_top + FUNDAMENT_HEIGHT
    geometry.append(
        (
            "fundament",
            f_top,
            f_bottom,
            [
                (20, f_top),
                (20 + PYRAMID_WIDTH, f_top),
                (20 + PYRAMID_WIDTH, f_bottom),
                (20, f_bottom),
            ],
            f_top + FUNDAMENT_HEIGHT / 2 + 14,
        )
    )
    for layer, top, bottom, points, count_y in geometry:
        entry = by_layer.get(layer, {"label": layer, "share": "", "names": []})
        names = list(entry["names"])
        rows = max(int((bottom - top - HEADER - 4) // LINE), 1)
        room = rows * 2
        shown = names if len(names) <= room else names[: room - 1]
        # One wide column while the names fit in it, else two narrow ones.
        chars = CHARS_PER_COLUMN * 2 if len(names) <= rows else CHARS_PER_COLUMN
        lines = []
        for index, name in enumerate(shown):
            column, row = divmod(index, rows)
            lines.append(
                Line(
                    _n(LIST_X + column * COLUMN_WIDTH),
                    _n(top + HEADER + LINE * (row + 0.75)),
                    "• " + _fit(name, chars),
                )
            )
        more = len(names) - len(shown)
        bands.append(
            Band(
                layer=layer,
                label=entry["label"],
                share=entry["share"],
                count=len(names),
                points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points),
                count_x=_n(CENTRE),
                count_y=_n(count_y),
                header_y=_n(top + 22),
                divider_y=_n(bottom),
                fill=FILLS[layer],
                lines=lines,
                more=more,
                more_y=_n(top + HEADER + LINE * (rows - 1 + 0.75)),
            )
        )
    return PyramidChart(bands=bands, height=int(f_bottom + 8))
