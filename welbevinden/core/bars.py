"""Stacked horizontal bars for server-drawn pictures (pure Python, no Django).

One bar per row, its label above it; each part is a share of the row's own
total, with its count on it where it fits, so the picture reads in black and
white and on a projector. ``templates/core/_bars.html`` draws it; the dashboard
sections (sociogram, checklists) and their print in the Kernteamrapport use
the same fragment. The caller says each part's colour (its module's palette).
"""

from __future__ import annotations

from dataclasses import dataclass

from welbevinden.core.svglabels import text_width

LABEL_SIZE = 13.0
COUNT_SIZE = 12.0
BAR_HEIGHT = 22.0
ROW_GAP = 12.0


def _n(number: float) -> str:
    return f"{number:.1f}"  # SVG reads a decimal point, whatever the locale


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    count: int
    fill: str
    x: str
    width: str
    text_x: str
    text_fill: str
    # The count is printed on the part only where it fits.
    shows_count: bool


@dataclass(frozen=True)
class Row:
    label: str
    label_y: str
    y: str
    text_y: str
    total: int
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Bars:
    width: int
    height: int
    bar_height: str
    rows: tuple[Row, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def bars(rows: list[tuple[str, list[tuple[str, str, int, str, str]]]], *, width: int = 360) -> Bars:
    """``rows``: (label, parts) with parts (key, label, count, fill, text colour).

    Drawn at about a phone's width, as the gevoelsthermometer's chart: its
    13-px labels stay legible on a phone and grow on a projector.

    An empty row (total 0) is drawn as an outline, so "nothing yet" is visible."""
    left, right = 1.0, width - 1.0
    span = right - left
    drawn = []
    y = 0.0
    for label, parts in rows:
        label_y = y + LABEL_SIZE
        top = label_y + 5
        total = sum(count for _k, _l, count, _f, _t in parts)
        x = left
        shaped = []
        for key, part_label, count, fill, text_fill in parts:
            if not count:
                continue
            w = span * count / total
            shaped.append(
                Part(
                    key,
                    part_label,
                    count,
                    fill,
                    _n(x),
                    _n(w),
                    _n(x + w / 2),
                    text_fill,
                    text_width(str(count), COUNT_SIZE) + 6 <= w,
                )
            )
            x += w
        drawn.append(
            Row(label, _n(label_y), _n(top), _n(top + BAR_HEIGHT / 2 + 4), total, tuple(shaped))
        )
        y = top + BAR_HEIGHT + ROW_GAP
    return Bars(width, int(max(y - ROW_GAP + 2, 1)), _n(BAR_HEIGHT), tuple(drawn))
