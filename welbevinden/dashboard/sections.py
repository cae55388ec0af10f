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
import hashlib
import io
import pickle
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise

from welbevinden.access import SchoolAccess
from welbevinden.core import pagecache
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
    # The section as the dashboard page shows it, and its body as the
    # Kernteamrapport prints it (``build(fragments=...)``), kept with it.
    html: str = field(default="", compare=False, repr=False)
    print_html: str = field(default="", compare=False, repr=False)

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
    from checklists import selectors as checklists
    from circles import selectors as circles
    from circles.climate import selectors as climate
    from pyramid import selectors as pyramid
    from sociogram import selectors as sociogram

    return [
        circles.dashboard_section,
        climate.dashboard_section,
        sociogram.dashboard_section,
        climate.thermometer_section,
        pyramid.dashboard_section,
        checklists.dashboard_section,
        checklists.agenda_section,
        checklists.check_in_section,
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


# The tables each builder reads, by the builder's name (module and function).
# A section is kept in the shared cache under a stamp of exactly these tables'
# generations (welbevinden/core/pagecache.py), so that any write to one of
# them makes the next dashboard build that section anew;
# tests/dashboard/test_section_cache.py checks that a builder's SQL reads no
# table outside its list. The access layer's and the handreiking's tables
# (pagecache.SHARED_MODELS) and the school years count for every section.
READS: dict[str, tuple[str, ...]] = {
    "circles.selectors.dashboard_section": ("circles.Round",),
    "circles.climate.selectors.dashboard_section": ("climate.Entry", "schools.Group"),
    "sociogram.selectors.dashboard_section": (
        "sociogram.Sociogram",
        "sociogram.Respondent",
        "sociogram.Nomination",
        "schools.Group",
        "schools.Pupil",
    ),
    "circles.climate.selectors.thermometer_section": ("climate.FeelingDay", "schools.Group"),
    "pyramid.selectors.dashboard_section": (
        "pyramid.Pyramid",
        "pyramid.Item",
        "pyramid.Change",
        "circles.Partner",
    ),
    "checklists.selectors.dashboard_section": (
        "checklists.ChecklistRound",
        "checklists.Agreement",
        "checklists.Response",
        "checklists.Goal",
    ),
    "checklists.selectors.agenda_section": ("checklists.Goal", "checklists.Action"),
    "checklists.selectors.check_in_section": ("checklists.CheckIn", "checklists.CheckInTally"),
}
EVERY_SECTION_READS = (*pagecache.SHARED_MODELS, "schools.SchoolYear")


def builder_name(builder: Builder) -> str:
    return f"{builder.__module__}.{builder.__name__}"


def reads_of(builder: Builder) -> frozenset[str]:
    """The tables ``builder`` reads (its own and those every section counts on).

    As the page cache notes a query's reads: a table, and its typed columns
    (``pagecache.TYPED_COLUMNS``) only where a builder reads them, written
    ``"app.Model#typed"``; none does (an autosave leaves the dashboard as it is).
    """
    tables = set()
    for label in (*READS[builder_name(builder)], *EVERY_SECTION_READS):
        model, _hash, typed = label.partition("#")
        table = apps.get_model(model)._meta.db_table
        tables.add(f"{table}#{typed}" if typed else table)
    return frozenset(tables)


class _Pickler(pickle.Pickler):
    # A lazy translation unpickles through django.utils.functional.lazy, which
    # builds a class each time (a third of a cached dashboard's time); the key
    # holds the language, so the text itself is kept.
    def reducer_override(self, obj):
        if isinstance(obj, Promise):
            return str, (str(obj),)
        return NotImplemented


def dumps(value) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    # Compressed, as the page cache keeps pages: a large school's sections with
    # their fragments keep in a fifth (Redis memory, the cache table).
    return zlib.compress(buffer.getvalue(), 1)


def loads(value: bytes):
    return pickle.loads(zlib.decompress(value))


def _entry_key(viewer: Viewer, span: Span) -> str:
    """Everything the sections depend on besides their tables: who looks, over which span, when."""
    parts = [
        viewer.school.slug,
        str(span.year.pk),
        str(span.period.number if span.period else ""),
        viewer.today.isoformat(),
        str(viewer.sees_groups),
        ",".join(str(pk) for pk in sorted(viewer.own_group_ids)),
        str(viewer.can_edit),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        f"{settings.MIN_GROUP_SIZE}:{settings.MIN_GROUPS_SHOWN}",
        pagecache.code_fingerprint(),
    ]
    return "dashboard:sections:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


PAGE, PRINT = "page", "print"
_ATTRIBUTE = {PAGE: "html", PRINT: "print_html"}


def _fragment(section: Section, dashboard: SchoolDashboard, kind: str) -> str:
    """The section as the page shows it (its frame and its module's fragment),
    or the module's fragment as the Kernteamrapport prints it.

    What it shows comes from the section and from what its entry's key holds
    (the viewer's rights, the span, the minimums), so it is kept with the section.
    """
    context = {"section": section, "dashboard": dashboard}
    if kind == PRINT:
        return render_to_string(section.template, {**context, "print": True})
    return render_to_string("dashboard/_section.html", context)


def build(
    viewer: Viewer,
    span: Span,
    *,
    fragments: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> SchoolDashboard:
    """Every section, from the shared cache where its tables are unchanged.

    Members who look alike (the IB'ers; the kernteam without groups of their
    own) share the sections; a section is built anew after any write to a
    table it reads (``READS``). With ``fragments`` (PAGE or PRINT), each
    section's ``html`` or ``print_html`` too, kept with it.
    ``PAGE_CACHE_SECONDS`` bounds how long a section is kept (0: never; then
    no generations are kept either). ``progress(done, total)`` is told after
    each section (the Kernteamrapport made in the background shows it).
    """
    every = builders()
    seconds = settings.PAGE_CACHE_SECONDS

    def told(done: int) -> None:
        if progress is not None:
            progress(done, len(every))

    if not seconds:
        sections = []
        for done, builder in enumerate(every, start=1):
            if section := builder(viewer, span):
                sections.append(section)
            told(done)
        dashboard = SchoolDashboard(viewer, span, sections)
        if fragments:
            for section in sections:
                setattr(section, _ATTRIBUTE[fragments], _fragment(section, dashboard, fragments))
        return dashboard
    stamps = pagecache.stamps(viewer.school.slug, *(reads_of(builder) for builder in every))
    # One entry per viewer and span, each section in it with the stamp of its
    # tables: a section whose stamp is no longer current is built anew, the
    # others are used (one read and at most one write: on the database cache
    # every key written costs several queries).
    key = _entry_key(viewer, span)
    entry: dict[str, tuple[str, bytes]] = cache.get(key) or {}
    found: list[tuple[str, str, Section | None]] = []
    changed = False
    for done, (builder, stamp) in enumerate(zip(every, stamps, strict=True), start=1):
        name = builder_name(builder)
        kept = entry.get(name)
        if kept is not None and kept[0] == stamp:
            (section,) = loads(kept[1])
        else:
            section = builder(viewer, span)
            entry[name] = (stamp, b"")  # a builder's None is kept too
            changed = True
        found.append((name, stamp, section))
        told(done)
    dashboard = SchoolDashboard(viewer, span, [section for *_, section in found if section])
    for name, stamp, section in found:
        if fragments and section and not getattr(section, _ATTRIBUTE[fragments]):
            setattr(section, _ATTRIBUTE[fragments], _fragment(section, dashboard, fragments))
            entry[name] = (stamp, b"")
            changed = True
        if not entry[name][1]:
            entry[name] = (stamp, dumps((section,)))
    if changed:
        cache.set(key, entry, seconds)
    return dashboard
