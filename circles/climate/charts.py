"""The climate timeline as SVG, drawn by the server from the entries (pure Python).

The page and the PDF include the same fragment (``climate/_timeline_chart.html``).
The level is the height of the point (with its number, so it reads in black and
white too); the phase is the letter under it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


def _n(number: float) -> str:
    # A decimal point whatever the locale: SVG does not read "12,5".
    return f"{number:.1f}"


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    level: int
    phase_letter: str
    title: str


@dataclass(frozen=True)
class Tick:
    position: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: str
    right: str
    top: str
    bottom: str
    phase_y: str
    points: tuple[ChartPoint, ...]
    line: str
    level_ticks: tuple[Tick, ...]
    month_ticks: tuple[Tick, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _wrap(text: str, width: int) -> tuple[str, ...]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines[:3])


def timeline(
    entries: list[tuple[datetime.date, int, str, str]],
    *,
    start: datetime.date,
    end: datetime.date,
    level_labels: list[str],
    month_labels: list[str],
    width: int = 760,
    height: int = 260,
) -> Timeline:
    """entries: (day, level 1..n, phase letter, title) in any order; months from ``start``."""
    left, right, top, plot_bottom = 190.0, width - 12.0, 14.0, height - 60.0
    span = max((end - start).days, 1)
    steps = max(len(level_labels) - 1, 1)

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * min(max((day - start).days, 0), span) / span

    def y_of(level: int) -> float:
        return plot_bottom - (plot_bottom - top) * (level - 1) / steps

    points = tuple(
        ChartPoint(_n(x_of(day)), _n(y_of(level)), level, letter, title)
        for day, level, letter, title in sorted(entries, key=lambda e: e[0])
        if level >= 1
    )
    month_ticks = []
    for index, name in enumerate(month_labels):
        year = start.year + (start.month - 1 + index) // 12
        month = (start.month - 1 + index) % 12 + 1
        month_ticks.append(Tick(_n(x_of(datetime.date(year, month, 1))), (name,)))
    return Timeline(
        width=width,
        height=height,
        left=_n(left),
        right=_n(right),
        top=_n(top),
        bottom=_n(plot_bottom),
        phase_y=_n(plot_bottom + 40),
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        level_ticks=tuple(
            Tick(_n(y_of(number)), _wrap(f"{number}. {text}", 28))
            for number, text in enumerate(level_labels, start=1)
        ),
        month_ticks=tuple(month_ticks),
    )


def for_entries(entries, start: datetime.date, end: datetime.date) -> Timeline:
    """The timeline of a group's entries from start to end, with Dutch month names."""
    from django.utils.formats import date_format

    from circles.climate import content

    count = (end.year - start.year) * 12 + end.month - start.month + 1
    months = [
        date_format(
            datetime.date(
                start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1
            ),
            "M",
        )
        for i in range(count)
    ]
    every = -(-count // 12)  # a long period names every second or third month only
    months = [name if index % every == 0 else "" for index, name in enumerate(months)]
    return timeline(
        [
            (
                entry.day,
                entry.level_value,
                entry.phase[:1].upper(),
                f"{date_format(entry.day, 'j F')}: {entry.level_option.text}"
                if entry.level_option
                else date_format(entry.day, "j F"),
            )
            for entry in entries
        ],
        start=start,
        end=end,
        # The handreiking's words, in quotation marks as everywhere (circles/marking.py).
        level_labels=[
            f"“{option.text}”" if option.quoted else option.text for option in content.levels()
        ],
        month_labels=months,
    )


@dataclass(frozen=True)
class Bar:
    feeling: str  # "" for the grey part that stands for the hidden counts together
    x: str
    width: str
    count: int | None  # None: hidden (suppressed)


@dataclass(frozen=True)
class FeelingRow:
    label: str
    y: str
    bars: tuple[Bar, ...]
    counts: tuple[int | None, ...]  # per feeling, None where hidden


@dataclass(frozen=True)
class FeelingChart:
    width: int
    height: int
    left: str
    rows: tuple[FeelingRow, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


HIDDEN_WIDTH = 60.0  # the grey part for hidden counts: always this wide, whatever they hold


def feelings(
    days: list[tuple[str, list[str], list[int | None]]], *, width: int = 640, row: int = 26
) -> FeelingChart:
    """One stacked bar per day: (label, feeling keys, counts or None where hidden).

    The picture is drawn from the shown counts alone, so its geometry carries
    no hidden value: a count's width is the count times one unit for the whole
    chart (set by the largest shown row), and hidden counts are one grey part
    of a fixed width. The function is not given the day's total on purpose:
    bars in proportion to it would give it, and so the hidden sum, away.
    """
    left = 110.0
    span = width - left - 10
    any_hidden = any(count is None for _label, _keys, counts in days for count in counts)
    widest = max((sum(c for c in counts if c) for _label, _keys, counts in days), default=0)
    unit = (span - (HIDDEN_WIDTH if any_hidden else 0)) / (widest or 1)
    rows = []
    for index, (label, keys, counts) in enumerate(days):
        y = 6 + index * row
        x = left
        bars = []
        for key, count in zip(keys, counts, strict=True):
            if count:
                bars.append(Bar(key, _n(x), _n(unit * count), count))
                x += unit * count
        if any(count is None for count in counts):
            bars.append(Bar("", _n(x), _n(HIDDEN_WIDTH), None))
        rows.append(FeelingRow(label, _n(y), tuple(bars), tuple(counts)))
    return FeelingChart(width, 12 + len(days) * row, _n(left), tuple(rows))
