"""The school dashboard's frame: who looks, over which span, and the sections.

Each feature module builds its own section in its ``selectors.py`` from its
own data (one place per figure); this module only says who is looking and
over what span, and asks every builder in turn. The dashboard page and the
Kernteamrapport show the same sections through the same fragments
(``templates/dashboard/_section_<key>.html``).

A section's ``went_well``, ``attention`` and ``decisions`` are short Dutch
sentences from our own rules (each builder says which), gathered on the
report's summary page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from welbevinden.access import SchoolAccess
from welbevinden.dashboard.periods import Period, periods_of
from welbevinden.schools.models import Group, Role, SchoolYear
from welbevinden.suppression import last_completed_week_end

# Who opens the dashboard: a leraar reads it too (it names no group to them and
# counts no one below the minimum); the Kernteamrapport is for the team meeting.
DASHBOARD_ROLES = (Role.KERNTEAM, Role.IB, Role.DIRECTIE, Role.LERAAR)
REPORT_ROLES = (Role.KERNTEAM, Role.IB, Role.DIRECTIE)


@dataclass(frozen=True)
class Span:
    """The school year and (optionally) the period the dashboard covers."""

    year: SchoolYear
    period: Period | None = None

    @property
    def periods(self) -> tuple[Period, ...]:
        return periods_of(self.year.start_year)

    @property
    def start(self) -> datetime.date:
        return self.period.start if self.period else self.year.starts_on

    @property
    def end(self) -> datetime.date:
        return self.period.end if self.period else self.year.ends_on

    @property
    def label(self) -> str:
        if self.period:
            return f"{self.year.name}, {self.period.label}"
        return self.year.name


@dataclass(frozen=True)
class Viewer:
    """Who looks: what they may see decides what each section shows."""

    access: SchoolAccess
    today: datetime.date
    # Only the IB'ers see figures per named group (the privacy rules).
    sees_groups: bool
    # The groups whose state this viewer knows anyway: their own (suppress_groups).
    own_group_ids: frozenset[int] = frozenset()

    @property
    def school(self):
        return self.access.school

    @property
    def cutoff(self) -> datetime.date:
        """The last day whose figures over groups this viewer sees: today for the
        IB'ers, the end of the last completed week for everyone else (suppression)."""
        return self.today if self.sees_groups else last_completed_week_end(self.today)

    @property
    def can_edit(self) -> bool:
        return self.access.has_role(Role.KERNTEAM, Role.IB, Role.DIRECTIE)


def viewer_for(access: SchoolAccess, year: SchoolYear, today: datetime.date) -> Viewer:
    sees_groups = access.has_role(Role.IB)
    own: frozenset[int] = frozenset()
    if not sees_groups and access.has_role(Role.LERAAR):
        own = frozenset(
            Group.teachers.through.objects.filter(
                membership=access.membership, group__school_year=year
            ).values_list("group_id", flat=True)
        )
    return Viewer(access, today, sees_groups, own)


@dataclass
class Section:
    key: str
    title: str
    url: str  # the module's own page
    data: dict = field(default_factory=dict)
    went_well: list[str] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    wide: bool = False  # across the dashboard's two columns (a picture with text in it)

    @property
    def template(self) -> str:
        return f"dashboard/_section_{self.key}.html"


Builder = Callable[[Viewer, Span], Section | None]


def builders() -> list[Builder]:
    """Every section's builder, in the dashboard's order (the circles' order).

    A builder takes the viewer and the span, reads its own module's data in a
    fixed number of queries (whatever the school's size), and returns its
    Section (or None when it has nothing to show this viewer).
    """
    from circles import selectors as circles
    from circles.climate import selectors as climate
    from pyramid import selectors as pyramid

    return [
        circles.dashboard_section,
        climate.dashboard_section,
        pyramid.dashboard_section,
    ]


@dataclass
class SchoolDashboard:
    viewer: Viewer
    span: Span
    sections: list[Section]

    @property
    def min_people(self) -> int:
        return settings.MIN_GROUP_SIZE

    @property
    def min_groups(self) -> int:
        return settings.MIN_GROUPS_SHOWN

    @property
    def went_well(self) -> list[tuple[Section, str]]:
        return [(s, line) for s in self.sections for line in s.went_well]

    @property
    def attention(self) -> list[tuple[Section, str]]:
        return [(s, line) for s in self.sections for line in s.attention]

    @property
    def decisions(self) -> list[tuple[Section, str]]:
        return [(s, line) for s in self.sections for line in s.decisions]


def build(viewer: Viewer, span: Span) -> SchoolDashboard:
    sections = [section for builder in builders() if (section := builder(viewer, span))]
    return SchoolDashboard(viewer, span, sections)
