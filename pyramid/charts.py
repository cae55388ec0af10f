"""The pyramid drawn as SVG by the server: the page and the PDF include the same fragment.

A pure function of the layers and their items' names. Sized to be read when
projected (1280×720): the counts sit in the pyramid in large type, the names
of the items beside it, wrapped rather than cut off; when a layer has more
lines than fit, the last line says how many more (the full list is on the page).

Each layer is drawn as wide as what it holds (its number of items against the
fullest layer), inside the dashed outline of the pyramid as the handreiking
intends it, so an inverted or top-heavy offer is visible at a glance.
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
LINE = 24
HEADER = 30
CHARS_PER_LINE = 48
MAX_ROWS = 9
MIN_BAR = 70
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
    points: str  # the intended shape (outline)
    bar_x: str
    bar_y: str
    bar_w: str
    bar_h: str
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


def _wrap(text: str, chars: int = CHARS_PER_LINE) -> list[str]:
    lines: list[str] = []
    words = [w[i : i + chars] for w in text.split() for i in range(0, len(w), chars)]
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _half_width(y: float, base_y: float) -> float:
    return (y - APEX) / (base_y - APEX) * PYRAMID_WIDTH / 2


def pyramid(layers: list[dict]) -> PyramidChart:
    """layers: dicts with layer, label, share and names (the items' names), any order."""
    by_layer = {entry["layer"]: entry for entry in layers}

    def _needed(layer: str, height: float) -> float:
        # A band grows (up to MAX_ROWS lines) so its items' names fit beside it.
        names = by_layer.get(layer, {"names": []})["names"]
        rows = min(sum(len(_wrap(name)) for name in names), MAX_ROWS)
        return max(height, HEADER + LINE * rows + 8)

    heights = [(layer, _needed(layer, height)) for layer, height in BANDS]
    fundament_height = _needed("fundament", FUNDAMENT_HEIGHT)
    base_y = APEX + sum(height for _, height in heights)
    bands: list[Band] = []
    top = APEX
    geometry = []
    for layer, height in heights:
        bottom = top + height
        t, b = _half_width(top, base_y), _half_width(bottom, base_y)
        points = [(CENTRE - t, top), (CENTRE + t, top), (CENTRE + b, bottom), (CENTRE - b, bottom)]
        geometry.append((layer, top, bottom, points, top + height * 0.62))
        top = bottom
    f_top = base_y + FUNDAMENT_GAP
    f_bottom = f_top + fundament_height
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
            f_top + fundament_height / 2 + 14,
        )
    )
    fullest = max((len(entry["names"]) for entry in layers), default=0) or 1
    for layer, top, bottom, points, count_y in geometry:
        entry = by_layer.get(layer, {"label": layer, "share": "", "names": []})
        names = list(entry["names"])
        rows = max(int((bottom - top - HEADER - 4) // LINE), 1)
        lines: list[Line] = []
        shown = 0
        for name in names:
            wrapped = _wrap(name)
            room = rows - len(lines) - (1 if shown + 1 < len(names) else 0)
            if len(wrapped) > room:
                break
            for index, text in enumerate(wrapped):
                lines.append(
                    Line(
                        _n(LIST_X + (0 if index == 0 else 14)),
                        _n(top + HEADER + LINE * (len(lines) + 0.75)),
                        ("• " if index == 0 else "") + text,
                    )
                )
            shown += 1
        more = len(names) - shown
        width = MIN_BAR + (PYRAMID_WIDTH - MIN_BAR) * len(names) / fullest if names else 0
        inset = 6 if layer != "fundament" else 0
        bands.append(
            Band(
                layer=layer,
                label=entry["label"],
                share=entry["share"],
                count=len(names),
                points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points),
                bar_x=_n(CENTRE - width / 2),
                bar_y=_n(top + inset),
                bar_w=_n(width),
                bar_h=_n(bottom - top - 2 * inset),
                count_x=_n(CENTRE),
                count_y=_n(count_y),
                header_y=_n(top + 22),
                divider_y=_n(bottom),
                fill=FILLS[layer],
                lines=lines,
                more=more,
                more_y=_n(top + HEADER + LINE * (len(lines) + 0.75)),
            )
        )
    return PyramidChart(bands=bands, height=int(f_bottom + 8))
