"""What the Teambespreking shows, gathered per group (the view stays thin).

The report is for the meeting: page 1 holds every chosen group at a glance
(the climate now and its course, the sociogram in numbers, what is open, the
points to discuss), then a page per group with only what happened in the
period, condensed; the full notes and answers only as an appendix.

The points to discuss are our rules, not the handreiking's, and the PDF says
so (``RULES``). Reads go through the feature apps' selectors; only shared
climate entries (a teacher's private notes are in no report), group rounds and
the plans found through the group's own rounds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from circles import selectors
from circles.answers import read_back
from circles.climate import charts as climate_charts
from circles.climate import content as climate_content
from circles.climate import selectors as climate
from sociogram import selectors as sociogram
from welbevinden.schools.models import Membership, SchoolYear

# Our thresholds (the handreiking sets none): a plan open this long, or a next
# step of a note not followed up this long, is worth a word in the meeting.
PLAN_WEEKS = 6
STEP_WEEKS = 4
# The group page lists this many notes, newest first; the older ones are in the
# picture above the list, and in full in the appendix.
NOTES_SHOWN = 10
FIRST_LINE_CHARS = 76
# The timeline a little lower than on the page (260), so a group's page holds it and the list.
CHART_HEIGHT = 210


@dataclass
class Note:
    """A climate entry shortened to its level, phase and first line."""

    entry: object
    line: str
    line_label: str


@dataclass
class GroupReport:
    group: object
    teachers: list[str]
    entries: list  # the shared entries of the period, newest first
    course: climate_charts.Course
    course_text: str
    chart: climate_charts.Timeline
    sociogram: sociogram.PeriodSummary
    plans: list
    open_steps: list  # entries whose next step is not followed up
    rounds: list  # group rounds finished or in progress in the period
    points: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    appendix_rounds: list[dict] = field(default_factory=list)

    @property
    def latest(self):
        return self.entries[0] if self.entries else None

    @property
    def finished_rounds(self) -> list:
        return [r for r in self.rounds if r.completed_at]

    @property
    def several_authors(self) -> bool:
        # In vo several teachers write about one class; then the list says who wrote what.
        return len({e.author_id for e in self.entries}) > 1

    @property
    def busy_rounds(self) -> list:
        return [r for r in self.rounds if not r.completed_at]

    @property
    def more_notes(self) -> int:
        return len(self.entries) - len(self.notes)


def gather(*, school, groups, start: datetime.date, end: datetime.date, today, appendix: bool):
    """The report's context for these groups and this period (the groups already checked)."""
    zone = timezone.get_current_timezone()
    start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    end_at = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    prefetch_related_objects(
        groups,
        Prefetch("teachers", queryset=Membership.objects.select_related("user")),
    )
    rounds = list(selectors.group_rounds_in_period(school, groups, start_at, end_at))
    plans = selectors.open_group_plans(school, groups)
    entries = list(climate.shared_entries_in_period(school, groups, start, end))
    sociograms = sociogram.period_summaries(groups, start_at, end_at)
    # "Now" is the end of the period, or today if the period runs on.
    now = min(end, today)
    weeks = climate.settings_for(school).interval_weeks(now, SchoolYear.start_year_for(now))
    reports = []
    for group in groups:
        own = sorted(
            (e for e in entries if e.group_id == group.pk),
            key=lambda e: (e.day, e.created_at),
            reverse=True,
        )
        report = GroupReport(
            group=group,
            teachers=[t.user.full_name for t in group.teachers.all()],
            entries=own,
            course=climate_charts.course_for_entries(own, start, end),
            course_text=course_text(own),
            chart=climate_charts.for_entries(own, start, end, height=CHART_HEIGHT),
            sociogram=sociograms[group.pk],
            plans=[p for p in plans if p.round.group_id == group.pk],
            open_steps=[e for e in own if e.has_action and not e.followed_up_at],
            rounds=[r for r in rounds if r.group_id == group.pk],
            notes=[_note(e) for e in own[:NOTES_SHOWN]],
        )
        report.points = points(report, now=now, weeks=weeks)
        if appendix:
            report.appendix_rounds = [
                {
                    "round": r,
                    "answers": read_back(
                        r.handvat.content, r.answers, scope=r.scope, answered_only=True
                    ),
                }
                for r in report.rounds
            ]
        reports.append(report)
    return {
        "groups": reports,
        "climate_phases": climate_content.phases(),
        "climate_levels": climate_content.levels(),
        "start": start,
        "end": end,
        "appendix": appendix,
        "plan_weeks": PLAN_WEEKS,
        "step_weeks": STEP_WEEKS,
        "interval_weeks": weeks,
    }


def _day(day: datetime.date) -> str:
    return date_format(day, "j F")


def _short(day: datetime.date) -> str:
    return date_format(day, "j b")


def _days(days: list[datetime.date], *, short: bool = False) -> str:
    """'7 oktober', '7 en 14 oktober', '30 september en 7 oktober', in date order."""
    name = _short if short else _day
    days = sorted(days)
    if len(days) == 1:
        return name(days[0])
    if len({(day.year, day.month) for day in days}) == 1:
        words = [str(day.day) for day in days[:-1]] + [name(days[-1])]
    else:
        words = [name(day) for day in days]
    return _("%(first)s en %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def course_text(entries: list) -> str:
    """The course in words (the picture's text alternative, printed beside it)."""
    rated = sorted((e for e in entries if e.level_value), key=lambda e: (e.day, e.created_at))
    if not rated:
        return _("Geen gedeelde notities in deze periode.")
    first, last = rated[0], rated[-1]
    count = ngettext("%(n)s notitie", "%(n)s notities", len(rated)) % {"n": len(rated)}
    if len(rated) == 1:
        return _("%(count)s: %(level)s op %(day)s.") % {
            "count": count,
            "level": last.level_value,
            "day": _short(last.day),
        }
    text = _("%(count)s, van %(first)s (%(first_day)s) naar %(last)s (%(last_day)s).") % {
        "count": count,
        "first": first.level_value,
        "first_day": _short(first.day),
        "last": last.level_value,
        "last_day": _short(last.day),
    }
    low = min(e.level_value for e in rated)
    if low < min(first.level_value, last.level_value):
        lows = [e.day for e in rated if e.level_value == low]
        if len(lows) <= 3:
            text += " " + _("Laagste: %(level)s op %(days)s.") % {
                "level": low,
                "days": _days(lows, short=True),
            }
        else:
            text += " " + _("Laagste: %(level)s, %(n)s keer.") % {"level": low, "n": len(lows)}
    return text


def points(report: GroupReport, *, now: datetime.date, weeks: int) -> list[str]:
    """The points to discuss, by our rules (``RULES`` in the template says them)."""
    found = []
    rated = [e for e in report.entries if e.level_value]
    latest = rated[0] if rated else None
    previous = rated[1] if len(rated) > 1 else None
    if latest and latest.level_value == 1:
        found.append(
            _("Het klimaat is negatief (1, notitie van %(day)s).") % {"day": _day(latest.day)}
        )
    if latest and previous and latest.level_value < previous.level_value:
        found.append(
            _("Het klimaat is gedaald van %(before)s naar %(now)s (%(day)s).")
            % {"before": previous.level_value, "now": latest.level_value, "day": _day(latest.day)}
        )
    lows = [e.day for e in rated[1:] if e.level_value == 1] if latest else []
    if lows and latest.level_value > 1:
        found.append(
            ngettext(
                "Het klimaat was in deze periode negatief (1) op %(days)s; nu %(now)s. Wat hielp?",
                "Het klimaat was in deze periode negatief (1) op %(days)s; nu %(now)s. Wat hielp?",
                len(lows),
            )
            % {"days": _days(lows), "now": latest.level_value}
        )
    if latest is None:
        found.append(_("Geen gedeelde klimaatnotitie in deze periode."))
    elif (now - latest.day).days >= weeks * 7:
        found.append(
            ngettext(
                "Al %(n)s week geen gedeelde klimaatnotitie (laatste %(day)s).",
                "Al %(n)s weken geen gedeelde klimaatnotitie (laatste %(day)s).",
                (now - latest.day).days // 7,
            )
            % {"n": (now - latest.day).days // 7, "day": _day(latest.day)}
        )
    old_steps = [e for e in report.open_steps if (now - e.day).days >= STEP_WEEKS * 7]
    if old_steps:
        found.append(
            ngettext(
                "%(n)s volgende stap uit een notitie van meer dan %(weeks)s weken geleden "
                "is nog niet opgevolgd.",
                "%(n)s volgende stappen uit notities van meer dan %(weeks)s weken geleden "
                "zijn nog niet opgevolgd.",
                len(old_steps),
            )
            % {"n": len(old_steps), "weeks": STEP_WEEKS}
        )
    for plan in report.plans:
        age = (now - plan.created_at.date()).days // 7
        if age >= PLAN_WEEKS:
            found.append(
                _("Plan „%(what)s” staat al %(weeks)s weken open.")
                % {"what": Truncator(plan.what).chars(60), "weeks": age}
            )
    if report.sociogram.attention:
        found.append(
            ngettext(
                "Sociogram: %(n)s leerling vraagt aandacht.",
                "Sociogram: %(n)s leerlingen vragen aandacht.",
                report.sociogram.attention,
            )
            % {"n": report.sociogram.attention}
        )
    return found


def _note(entry) -> Note:
    """The first line of what the note says: the worry first (what the meeting is for)."""
    for label, text in (
        (_("Zorgen"), entry.worries),
        (_("Ging goed"), entry.went_well),
        (_("Volgende stap"), entry.next_step),
        (_("Uit het handvat"), entry.carried_over),
    ):
        line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if line:
            return Note(entry, Truncator(line).chars(FIRST_LINE_CHARS), label)
    return Note(entry, "", "")
