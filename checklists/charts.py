"""The check-in trend as SVG bars, drawn by the server (pure Python).

One bar per meeting: its height the mean on our 1-5 scale, with the number on
it so it reads in black and white; a meeting with too few answers, or an open
prompt without a scale, gets no bar but a dash. The agenda page and its PDF
include the same fragment (``checklists/_trend_chart.html``), with the table
under it as the text alternative. When the meetings' dates do not fit side by
side (a year of monthly meetings on a phone), every second one stands a line
lower, so no two touch.
"""

from __future__ import annotations

from dataclasses import dataclass

from welbevinden.core.svglabels import text_width

WIDTH, HEIGHT = 320, 120
CAPTION_SIZE = 11.0
LEFT, RIGHT, TOP, BOTTOM = 8, 312, 10, 96


def _n(number: float) -> str:
    return f"{number:.1f}"  # SVG reads a decimal point, whatever the locale


@dataclass(frozen=True)
class Bar:
    x: str
    width: str
    y: str
    height: str
    label_x: str
    value: str  # "" without a bar
    caption: str
    caption_dy: str = "15"


@dataclass(frozen=True)
class Trend:
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: str = _n(BOTTOM)
    left: str = _n(LEFT)
    right: str = _n(RIGHT)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def trend(points: list[tuple[str, float | None]]) -> Trend:
    """``points``: per meeting, oldest first, a short caption and the mean or None."""
    if not points:
        return Trend(())
    slot = (RIGHT - LEFT) / len(points)
    bar_width = min(slot * 0.7, 36)
    widest = max(text_width(caption, CAPTION_SIZE) + 4 for caption, _value in points)
    two_lines = widest > slot
    bars = []
    for index, (caption, value) in enumerate(points):
        x = LEFT + slot * index + (slot - bar_width) / 2
        centre = x + bar_width / 2
        dy = "29" if two_lines and index % 2 else "15"
        if value is None:
            bars.append(Bar(_n(x), _n(bar_width), _n(BOTTOM), "0", _n(centre), "", caption, dy))
            continue
        height = (BOTTOM - TOP) * max(0.0, min(value, 5.0)) / 5
        bars.append(
            Bar(
                _n(x),
                _n(bar_width),
                _n(BOTTOM - height),
                _n(height),
                _n(centre),
                f"{value:.1f}".replace(".", ","),
                caption,
                dy,
            )
        )
    return Trend(tuple(bars), height=HEIGHT + (14 if two_lines else 0))
