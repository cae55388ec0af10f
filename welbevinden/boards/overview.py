"""The board's view: its schools side by side and the board as a whole.

Built from what the school dashboard counts, read by each feature module for
all the board's schools at once (``board_climate``, ``board_pyramids``,
``board_checklists``, ``board_sociograms`` in their ``selectors.py``), so the
number of queries does not grow with the number of schools. It holds the
schools' aggregates only: never a group, a pupil, a note or a person's answers.
Counts of groups go through ``suppression.suppress_groups_across``; figures over
groups stand as they stood at the end of the last completed week, as for
everyone at a school who may not see groups.

Built, it is kept in the shared cache (with its figures rendered, ``html``)
under one stamp of the tables it reads (``READS``) across all the board's
schools (``pagecache.stamp_across``: one round trip whatever their number): a
write to one of those tables in any of its schools, or any write for every
school, makes the next view build it anew.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from welbevinden.core import pagecache
from welbevinden.core.bars import Bars, bars
from welbevinden.dashboard.periods import periods_of
from welbevinden.dashboard.sections import dumps, loads
from welbevinden.schools.models import Board, School, SchoolYear
from welbevinden.suppression import last_completed_week_end

HIDDEN_FILL = ("#d9d3c7", "#1f2d33")


@dataclass
class SchoolRow:
    school: School
    climate: object  # Suppressed counts of groups per level, "now"
    groups: int  # the year's groups
    measured: int  # groups with a sociogram in the year
    pyramid: object | None  # pyramid.balance.Diagnosis, or None: no pyramid yet
    checklists: list[dict]
    climate_cells: list = field(default_factory=list)  # (level option, count) when shown


@dataclass
class BoardOverview:
    board: Board
    start_year: int
    years: list[int]
    cutoff: datetime.date
    levels: tuple
    rows: list[SchoolRow]
    climate_whole: object
    climate_periods: list
    charts: dict[str, Bars] = field(default_factory=dict)
    descs: dict[str, str] = field(default_factory=dict)
    legends: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # The figures as the page and the Bestuursrapport show them (boards/_body.html),
    # rendered with the overview and kept with it.
    html: str = field(default="", repr=False)

    @property
    def min_groups(self) -> int:
        return settings.MIN_GROUPS_SHOWN

    @property
    def year_name(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def groups(self) -> int:
        return sum(row.groups for row in self.rows)

    @property
    def measured(self) -> int:
        return sum(row.measured for row in self.rows)

    @property
    def pyramids(self) -> int:
        return sum(1 for row in self.rows if row.pyramid is not None)

    @property
    def pyramids_ok(self) -> int:
        return sum(1 for row in self.rows if row.pyramid is not None and row.pyramid.shape_ok)

    @property
    def checklist_totals(self) -> list[dict]:
        """Per checklist: in how many schools its round began, and how many agreed it whole."""
        if not self.rows:
            return []
        totals = []
        for index, first in enumerate(self.rows[0].checklists):
            each = [row.checklists[index] for row in self.rows]
            totals.append(
                {
                    "title": first["title"],
                    "begun": sum(1 for c in each if c["begun"]),
                    "complete": sum(1 for c in each if c["items"] and c["agreed"] >= c["items"]),
                }
            )
        return totals


def years_of(board: Board) -> tuple[list[int], int | None]:
    """The school years any of the board's schools has, newest first, and the current one."""
    years = list(
        SchoolYear.objects.filter(school__board=board)
        .order_by("-start_year")
        .values_list("start_year", "is_current")
    )
    starts = sorted({start for start, _current in years}, reverse=True)
    current = max((start for start, is_current in years if is_current), default=None)
    return starts, current if current is not None else (starts[0] if starts else None)


# The tables the board's selectors read (as ``pagecache.reading`` names them): the
# built overview is kept in the shared cache under their stamp across the board's
# schools, so a write to one of them in any of its schools shows on the next view.
# tests/boards/test_board.py checks that building it reads no other table.
READS = (
    "schools.School",
    "schools.SchoolYear",
    "schools.Group",
    "climate.Entry",
    "pyramid.Pyramid",
    "pyramid.Item",
    "checklists.ChecklistRound",
    "checklists.Agreement",
    "sociogram.Sociogram",
)


def read_tables() -> frozenset[str]:
    return frozenset(apps.get_model(label)._meta.db_table for label in READS)


def _entry_key(
    board: Board, schools, start_year: int, years: list[int], today: datetime.date
) -> str:
    """Everything the overview depends on besides its tables (the schools too: one
    that joins or leaves between reading them and the stamp makes another key)."""
    parts = [
        str(board.pk),
        ",".join(str(school.pk) for school in schools),
        str(start_year),
        ",".join(str(year) for year in years),
        today.isoformat(),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        f"{settings.MIN_GROUP_SIZE}:{settings.MIN_GROUPS_SHOWN}",
        pagecache.code_fingerprint(),
    ]
    return "boards:overview:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def overview(board: Board, start_year: int, years: list[int], today: datetime.date):
    """The board's overview, from the shared cache while none of its schools wrote to
    a table it reads (``READS``); else built anew and kept.

    ``PAGE_CACHE_SECONDS`` bounds how long it is kept (0: never kept).
    """
    schools = list(School.objects.filter(board=board).order_by("name"))
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return build_overview(board, schools, start_year, years, today)
    # Read before the tables, so a write while it is built makes it stale.
    stamp = pagecache.stamp_across([school.slug for school in schools], read_tables())
    key = _entry_key(board, schools, start_year, years, today)
    kept = cache.get(key)
    if kept is not None and kept[0] == stamp:
        return loads(kept[1])
    found = build_overview(board, schools, start_year, years, today)
    # The pictures are in the rendered figures (``html``): kept without them,
    # a repeat view unpickles a fraction of it.
    kept = replace(found, charts={}, descs={}, legends={})
    cache.set(key, (stamp, dumps(kept)), seconds)
    return found


def build_overview(board: Board, schools, start_year: int, years: list[int], today):
    """The overview of ``schools`` (the board's, by name), read from the selectors."""
    from checklists.selectors import board_checklists
    from circles.climate.selectors import board_climate
    from pyramid.selectors import board_pyramids
    from sociogram.selectors import board_sociograms

    periods = periods_of(start_year)
    year_start, year_end = periods[0].start, periods[-1].end
    cutoff = min(last_completed_week_end(today), year_end)
    climate = board_climate(schools, start_year, periods, cutoff)
    pyramids = board_pyramids(schools, start_year)
    checklists = board_checklists(schools, start_year)
    sociograms = board_sociograms(schools, start_year, year_start, cutoff)
    rows = [
        SchoolRow(
            school=school,
            climate=climate.schools[school.pk],
            groups=sociograms[school.pk][0],
            measured=sociograms[school.pk][1],
            pyramid=pyramids[school.pk],
            checklists=checklists[school.pk],
            climate_cells=[
                (option, climate.schools[school.pk].cells[option.key]) for option in climate.levels
            ],
        )
        for school in schools
    ]
    found = BoardOverview(
        board, start_year, years, cutoff, climate.levels, rows, climate.whole, climate.periods
    )
    _draw(found)
    found.html = render_to_string("boards/_body.html", {"overview": found})
    return found


def _climate_parts(levels, counts):
    from circles.climate.charts import LEVEL_FILLS

    if counts.any_hidden:
        return [("hidden", _("niet te tonen"), counts.total or 0, *HIDDEN_FILL)]
    return [
        (option.key, option.text, counts.cells[option.key], LEVEL_FILLS[option.value], "#fff")
        for option in levels
    ]


def _climate_label(label: str, counts) -> str:
    if counts.any_hidden and counts.total:
        return _("%(label)s · %(n)s groepen, niveaus niet te tonen") % {
            "label": label,
            "n": counts.total,
        }
    return label


def _climate_words(label: str, levels, counts) -> str:
    if not counts.total:
        return _("%(label)s: nog geen gedeelde notities.") % {"label": label}
    if counts.any_hidden:
        return _("%(label)s: %(n)s groepen met een notitie, niveaus niet te tonen.") % {
            "label": label,
            "n": counts.total,
        }
    shown = ", ".join(f"{option.text} {counts.cells[option.key]}" for option in levels)
    return f"{label}: {shown}."


def _draw(found: BoardOverview) -> None:
    """The pictures of the dashboard (welbevinden.core.bars), with their words."""
    from pyramid.charts import FILLS
    from pyramid.models import Layer

    levels = found.levels
    trend = [(period.label, counts) for period, counts in found.climate_periods]
    found.charts["trend"] = bars(
        [(_climate_label(label, counts), _climate_parts(levels, counts)) for label, counts in trend]
    )
    found.descs["trend"] = " ".join(
        _climate_words(label, levels, counts) for label, counts in trend
    )
    now = [(row.school.name, row.climate) for row in found.rows]
    now.append((_("Het hele bestuur"), found.climate_whole))
    found.charts["climate"] = bars(
        [(_climate_label(label, counts), _climate_parts(levels, counts)) for label, counts in now]
    )
    found.descs["climate"] = " ".join(
        _climate_words(label, levels, counts) for label, counts in now
    )

    layers = list(Layer.values)  # fundament first, as the pyramid is built
    pyramid_rows = []
    words = []
    for row in found.rows:
        if row.pyramid is None:
            pyramid_rows.append(
                (_("%(school)s: nog geen piramide") % {"school": row.school.name}, [])
            )
            words.append(_("%(school)s: nog geen piramide.") % {"school": row.school.name})
            continue
        counts = row.pyramid.counts
        pyramid_rows.append(
            (
                row.school.name,
                [
                    (layer, str(Layer(layer).label), counts.get(layer, 0), FILLS[layer], "#1f2d33")
                    for layer in layers
                ],
            )
        )
        words.append(
            f"{row.school.name}: "
            + ", ".join(f"{Layer(layer).label} {counts.get(layer, 0)}" for layer in layers)
            + "."
        )
    found.charts["pyramid"] = bars(pyramid_rows)
    found.legends["pyramid"] = [(str(Layer(layer).label), layer) for layer in layers]
    found.descs["pyramid"] = " ".join(words)

    found.charts["sociogram"] = bars(
        [
            (
                row.school.name,
                [
                    ("gemeten", _("met een sociogram"), row.measured, "#176087", "#fff"),
                    (
                        "niet-gemeten",
                        _("nog zonder"),
                        row.groups - row.measured,
                        "#dae9f2",
                        "#1f2a30",
                    ),
                ],
            )
            for row in found.rows
        ]
    )
    found.descs["sociogram"] = " ".join(
        _("%(school)s: %(n)s van de %(total)s groepen.")
        % {"school": row.school.name, "n": row.measured, "total": row.groups}
        for row in found.rows
    )

    # Per checklist, the board's schools by where they stand (a school's own
    # figures are in the table beside it).
    totals = found.checklist_totals
    schools = len(found.rows)
    found.charts["checklists"] = bars(
        [
            (
                total["title"],
                [
                    ("heel", _("helemaal afgesproken"), total["complete"], "#d8efe2", "#14532d"),
                    (
                        "begonnen",
                        _("begonnen"),
                        total["begun"] - total["complete"],
                        "#fdf0c4",
                        "#5c4300",
                    ),
                    (
                        "niet",
                        _("nog niet begonnen"),
                        schools - total["begun"],
                        "#f7f9fa",
                        "#44545b",
                    ),
                ],
            )
            for total in totals
        ]
    )
    found.descs["checklists"] = " ".join(
        _(
            "%(title)s: in %(complete)s scholen helemaal afgesproken, in %(begun)s begonnen, "
            "van de %(schools)s."
        )
        % {**total, "schools": schools}
        for total in totals
    )
