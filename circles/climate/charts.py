"""The climate timeline as SVG, drawn by the server from the entries (pure Python).

The level is the height of the point (with its number, so it reads in black and
white too); the phase is the letter under it. Two drawings of the same entries:

- ``timeline``: the school year along the x axis, for a wide screen, a projector
  and the PDF (``climate/_timeline_chart.html``, the page and the Teambespreking
  include it). Points that would cover each other (same-day entries, or a few
  days apart at the same level) stand side by side, and a phase letter that
  would touch another goes a row down, so every number and letter stays legible.
- ``timeline_list``: one row per entry, for a phone (``climate/_timeline_list.html``).
  A picture scaled down to 390 px would shrink its text to 5 px; this one is
  drawn at the width it is shown, so its text stays the size it is drawn.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from welbevinden.core.svglabels import Box, text_width


def _n(number: float) -> str:
    # A decimal point whatever the locale: SVG does not read "12,5".
    return f"{number:.1f}"


RADIUS = 7.0
PHASE_SIZE = 10.5
PHASE_ROW = 13.0


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    level: int
    phase_letter: str
    title: str
    phase_y: str = "0"  # the baseline of its phase letter (its row under the plot)

    @property
    def fill(self) -> str:
        return level_fill(self.level)


def level_fill(level: int) -> str:
    """A point's colour (``LEVEL_FILLS``): any level but 1, 2 and 3 has the fourth's."""
    return LEVEL_FILLS[level] if level in (1, 2, 3) else LEVEL_FILLS[4]


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


def _side_by_side(xs_levels: list[tuple[float, int]], right: float) -> list[float]:
    """Move a point right until it clears the last point at its level; x stays in
    date order, so the line never runs back. Then the same from the right edge
    leftwards, so no point near the year's end leaves the picture."""
    gap = 2 * RADIUS - 3  # the circles may touch; their numbers stay apart
    xs: list[float] = []
    last_at: dict[int, float] = {}
    for x, level in xs_levels:
        x = max(x, xs[-1] if xs else x, last_at.get(level, x - gap) + gap)
        xs.append(x)
        last_at[level] = x
    next_at: dict[int, float] = {}
    for index in range(len(xs) - 1, -1, -1):
        level = xs_levels[index][1]
        limit = xs[index + 1] if index + 1 < len(xs) else right
        xs[index] = min(xs[index], limit, next_at.get(level, right + gap) - gap)
        next_at[level] = xs[index]
    return xs


def _phase_rows(xs: list[float], letters: list[str]) -> list[int]:
    """The row of each phase letter: the first one under its point where it
    touches no letter placed before it."""
    taken: list[tuple[int, Box]] = []
    rows = []
    for x, letter in zip(xs, letters, strict=True):
        w = text_width(letter or "M", PHASE_SIZE) + 2
        row = 0
        while any(r == row and Box(x - w / 2, 0, w, 1).overlap(b) for r, b in taken):
            row += 1
        taken.append((row, Box(x - w / 2, 0, w, 1)))
        rows.append(row)
    return rows


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
    """entries: (day, level 1..n, phase letter, title) in any order; months from ``start``.

    ``height`` is the least height: rows of phase letters add to it."""
    left, right, top, plot_bottom = 190.0, width - 12.0, 14.0, height - 60.0
    span = max((end - start).days, 1)
    steps = max(len(level_labels) - 1, 1)

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * min(max((day - start).days, 0), span) / span

    def y_of(level: int) -> float:
        return plot_bottom - (plot_bottom - top) * (level - 1) / steps

    shown = [e for e in sorted(entries, key=lambda e: e[0]) if e[1] >= 1]
    xs = _side_by_side([(x_of(day), level) for day, level, _l, _t in shown], right)
    rows = _phase_rows(xs, [letter for _d, _l, letter, _t in shown])
    phase_y = plot_bottom + 40
    points = tuple(
        ChartPoint(_n(x), _n(y_of(level)), level, letter, title, _n(phase_y + row * PHASE_ROW))
        for x, row, (_day, level, letter, title) in zip(xs, rows, shown, strict=True)
    )
    month_ticks = []
    for index, name in enumerate(month_labels):
        year = start.year + (start.month - 1 + index) // 12
        month = (start.month - 1 + index) % 12 + 1
        month_ticks.append(Tick(_n(x_of(datetime.date(year, month, 1))), (name,)))
    return Timeline(
        width=width,
        height=int(height + max(rows, default=0) * PHASE_ROW),
        left=_n(left),
        right=_n(right),
        top=_n(top),
        bottom=_n(plot_bottom),
        phase_y=_n(phase_y),
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        level_ticks=tuple(
            Tick(_n(y_of(number)), _wrap(f"{number}. {text}", 28))
            for number, text in enumerate(level_labels, start=1)
        ),
        month_ticks=tuple(month_ticks),
    )


@dataclass(frozen=True)
class ListRow:
    y: str  # the row's middle
    date: str
    level: int
    x: str  # the point, in its level's column
    phase_letter: str
    title: str

    @property
    def fill(self) -> str:
        return level_fill(self.level)


@dataclass(frozen=True)
class TimelineList:
    width: int
    height: int
    header_y: str
    top: str
    bottom: str
    date_x: str  # a little in from the edge: a "w" reaches left of its origin (Chromium cut it off)
    columns: tuple[tuple[int, str], ...]  # (level, x)
    phase_x: str
    rows: tuple[ListRow, ...]
    line: str

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


LIST_WIDTH, LIST_ROW = 340, 30
DATE_X = 2.0


def timeline_list(
    entries: list[tuple[datetime.date, int, str, str, str]], *, levels: int = 4
) -> TimelineList:
    """entries: (day, level, phase letter, title, date label), one row each, oldest
    first; entries of one day get a row each, so none covers another."""
    shown = [e for e in sorted(entries, key=lambda e: e[0]) if e[1] >= 1]
    first, last, header = 110.0, 280.0, 18.0
    step = (last - first) / max(levels - 1, 1)
    columns = tuple((level, _n(first + step * (level - 1))) for level in range(1, levels + 1))
    top = header + 12
    rows = tuple(
        ListRow(
            _n(top + LIST_ROW * (index + 0.5)),
            label,
            level,
            _n(first + step * (level - 1)),
            letter,
            title,
        )
        for index, (_day, level, letter, title, label) in enumerate(shown)
    )
    bottom = top + LIST_ROW * len(rows)
    return TimelineList(
        width=LIST_WIDTH,
        height=int(bottom + 6),
        header_y=_n(header),
        top=_n(top),
        bottom=_n(bottom),
        date_x=_n(DATE_X),
        columns=columns,
        phase_x=_n(LIST_WIDTH - 20),
        rows=rows,
        line=" ".join(f"{r.x},{r.y}" for r in rows),
    )


def _entry_title(entry) -> str:
    from django.utils.formats import date_format

    if entry.level_option:
        return f"{date_format(entry.day, 'j F')}: {entry.level_option.text}"
    return date_format(entry.day, "j F")


def for_entries(entries, start: datetime.date, end: datetime.date, height: int = 260) -> Timeline:
    """The timeline of a group's entries from start to end, with Dutch month names.

    ``height``: the Teambespreking draws it lower, to keep a group on one page."""
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
            (entry.day, entry.level_value, entry.phase[:1].upper(), _entry_title(entry))
            for entry in entries
        ],
        start=start,
        end=end,
        # The handreiking's words, in quotation marks as everywhere (circles/marking.py).
        level_labels=[
            f"“{option.text}”" if option.quoted else option.text for option in content.levels()
        ],
        month_labels=months,
        height=height,
    )


def list_for_entries(entries) -> TimelineList:
    """The same entries as one row each, for a phone."""
    from django.utils.formats import date_format

    from circles.climate import content

    return timeline_list(
        [
            (
                entry.day,
                entry.level_value,
                entry.phase[:1].upper(),
                _entry_title(entry),
                date_format(entry.day, "D j b"),
            )
            for entry in entries
        ],
        levels=len(content.levels()),
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
    label_y: str  # the day's name stands above its bar
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
    days: list[tuple[str, list[str], list[int | None]]], *, width: int = 360, row: int = 44
) -> FeelingChart:
    """One stacked bar per day under its name: (label, feeling keys, counts or None if hidden).

    Drawn at about a phone's width (the page shows it no wider than 32rem), so
    the day's name is 12 px on a phone and larger on a projector, never 5 px.
    The picture is drawn from the shown counts alone, so its geometry carries
    no hidden value: a count's width is the count times one unit for the whole
    chart (set by the largest shown row), and hidden counts are one grey part
    of a fixed width. The function is not given the day's total on purpose:
    bars in proportion to it would give it, and so the hidden sum, away.
    """
    left = 2.0
    span = width - left - 2
    any_hidden = any(count is None for _label, _keys, counts in days for count in counts)
    widest = max((sum(c for c in counts if c) for _label, _keys, counts in days), default=0)
    unit = (span - (HIDDEN_WIDTH if any_hidden else 0)) / (widest or 1)
    rows = []
    for index, (label, keys, counts) in enumerate(days):
        top = 2 + index * row
        x = left
        bars = []
        for key, count in zip(keys, counts, strict=True):
            if count:
                bars.append(Bar(key, _n(x), _n(unit * count), count))
                x += unit * count
        if any(count is None for count in counts):
            bars.append(Bar("", _n(x), _n(HIDDEN_WIDTH), None))
        rows.append(FeelingRow(label, _n(top + 13), _n(top + 18), tuple(bars), tuple(counts)))
    return FeelingChart(width, 4 + len(days) * row, _n(left), tuple(rows))


# The levels' colours, as the timeline draws them (the school dashboard's bars).
LEVEL_FILLS = {1: "#8a1c1c", 2: "#c96b1b", 3: "#5d8f3a", 4: "#1f5f6b"}


@dataclass(frozen=True)
class CoursePoint:
    x: str
    y: str
    level: int
    low: bool  # the lowest level: a filled square, so it shows in black and white


@dataclass(frozen=True)
class Course:
    """A small picture of the level over a period, for a summary (the Teambespreking's page 1)."""

    width: int
    height: int
    left: str
    right: str
    levels: tuple[tuple[int, str], ...]  # (level, y) of the guide lines
    points: tuple[CoursePoint, ...]
    line: str

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def course(
    entries: list[tuple[datetime.date, int]],
    *,
    start: datetime.date,
    end: datetime.date,
    levels: int = 4,
    width: int = 200,
    height: int = 44,
) -> Course:
    """entries: (day, level 1..levels) in any order, drawn from ``start`` to ``end``.

    No dates and no words in the picture: it stands beside a sentence that says
    the same (its text alternative, also on paper), so at 50 mm wide nothing in
    it has to be read but the level numbers on its left."""
    left, right, top, bottom = 14.0, width - 5.0, 6.0, height - 6.0
    span = max((end - start).days, 1)
    steps = max(levels - 1, 1)

    def y_of(level: int) -> float:
        return bottom - (bottom - top) * (level - 1) / steps

    shown = sorted((e for e in entries if 1 <= e[1] <= levels), key=lambda e: e[0])
    points = tuple(
        CoursePoint(
            _n(left + (right - left) * min(max((day - start).days, 0), span) / span),
            _n(y_of(level)),
            level,
            level == 1,
        )
        for day, level in shown
    )
    return Course(
        width=width,
        height=height,
        left=_n(left),
        right=_n(right),
        levels=tuple((level, _n(y_of(level))) for level in range(1, levels + 1)),
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
    )


def course_for_entries(entries, start: datetime.date, end: datetime.date) -> Course:
    """The course of a group's entries from start to end (any order)."""
    from circles.climate import content

    return course(
        [(entry.day, entry.level_value) for entry in entries],
        start=start,
        end=end,
        levels=len(content.levels()),
    )
