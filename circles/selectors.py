"""Reads of the circles app that other pages (home page, dashboard) use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet

from circles import editions, modules
from circles.models import Handvat, Partner, Plan, Round, SchoolContext, Scope
from welbevinden.schools.models import Group, Role


def plans_for(membership):
    """Every plan this member carries out: their own personal plans, the plans of the
    groups they teach (as leraar) and the school's (as kernteam).

    Plans of group and school work follow that work, not the person who wrote
    them: whoever may fill in the round now (``Round.objects.editable_by``).
    """
    return Plan.objects.filter(
        school_id=membership.school_id,
        round__in=Round.objects.editable_by(membership).values("pk"),
    )


def open_plans(membership, limit: int = 10) -> list[Plan]:
    """The open plans, newest first, each with its round's handvat (for its title)."""
    plans = list(
        plans_for(membership)
        .filter(done_at__isnull=True)
        .select_related("round")
        .only("code", "what", "when", "with_whom", "created_at", "round__handvat")
        .order_by("-created_at")[:limit]
    )
    # The handvat from the edition in memory, not joined with its texts and
    # the round's answers (most of the home page's time); a retired one is
    # read when it is shown.
    content = editions.current()
    for plan in plans:
        handvat = content.live_handvat(plan.round.handvat_id)
        if handvat is not None:
            plan.round.handvat = handvat
    return plans


def _plans_of_groups(groups):
    # A group plan belongs to the group: found through the group's own
    # rounds, never through the person who typed it.
    return Plan.objects.filter(round__scope=Scope.GROUP, round__group__in=groups)


def group_plans(group, *, open_only: bool = True):
    """A group's plans (from its group handvatten), for pages and reports about the group.

    The caller has checked that the reader may see the group's work
    (``permissions.can_view_group_work``).
    """
    plans = _plans_of_groups([group])
    if open_only:
        plans = plans.filter(done_at__isnull=True)
    # Without the round's typed columns: a colleague's autosave of the round
    # leaves the group page kept (pagecache.TYPED_COLUMNS).
    return (
        plans.select_related("round__handvat__circle")
        .defer(*(f"round__{name}" for name in Round.TYPED_FIELDS))
        .order_by("done_at", "-created_at")
    )


def my_groups(membership):
    year = membership.school.current_year()
    if year is None:
        return []
    return list(Group.objects.filter(school_year=year, teachers=membership).order_by("name"))


def rounds_for(membership, groups, circle=None) -> list[Round]:
    """Every round this member is involved in: own personal work, own groups' work, the school's.

    Only what shows where each stands (no answers, no handvat): pages that
    list rounds take the handvat from ``editions``; decoding the answers and
    texts of every round was most of their time.
    """
    rounds = Round.objects.filter(school_id=membership.school_id).filter(
        Q(scope=Scope.PERSONAL, owner_id=membership.user_id)
        | Q(scope=Scope.GROUP, group__in=groups)
        | Q(scope=Scope.SCHOOL)
    )
    if circle is not None:
        # The circle's handvatten by id, without joining the handvat table.
        ids = [handvat.pk for handvat in editions.current().handvatten_of(circle)]
        rounds = rounds.filter(handvat_id__in=ids)
    return list(
        rounds.only("code", "handvat", "scope", "group", "number", "completed_at").order_by(
            "handvat_id", "-number"
        )
    )


@dataclass
class Status:
    """Where a handvat stands for one owner (me, one group, the school)."""

    owner_label: str
    group: Group | None = None
    current: Round | None = None
    completed: list[Round] = field(default_factory=list)
    # For a handvat that leads into a module (circles.modules): the module's
    # word on where the owner stands, and the link into it.
    note: str = ""
    leads_to: str | None = None

    @property
    def state(self) -> str:
        if self.leads_to is not None:
            return "module"
        if self.current is not None:
            return "bezig"
        if self.completed:
            return "afgerond"
        return "nieuw"


def statuses(membership, handvatten, rounds, groups) -> dict[int, list[Status]]:
    """Per handvat id, one Status per owner this member works for."""
    by_owner: dict[tuple, list[Round]] = {}
    # The handvatten's scopes from the list given, not from each round (a query each).
    scopes = {handvat.id: handvat.scope for handvat in handvatten}
    for round in rounds:
        if round.scope != scopes.get(round.handvat_id):
            # A part with another owner (a teacher's own step of a school
            # handvat) has its own status on the handvat page.
            continue
        owner = round.group_id if round.scope == Scope.GROUP else None
        by_owner.setdefault((round.handvat_id, owner), []).append(round)
    result: dict[int, list[Status]] = {}
    for handvat in handvatten:
        # Group work has one owner per group; personal and school work one owner.
        owners: list[tuple[str, Group | None]] = (
            [(group.name, group) for group in groups]
            if handvat.scope == Scope.GROUP
            else [("", None)]
        )
        result[handvat.id] = []
        for owner_label, group in owners:
            found = by_owner.get((handvat.id, group.id if group else None), [])
            status = Status(owner_label=owner_label, group=group)
            for round in found:
                if round.completed_at is None and status.current is None:
                    status.current = round
                elif round.completed_at is not None:
                    status.completed.append(round)
            result[handvat.id].append(status)
    return result


def groups_for_group_work(membership) -> list[Group]:
    """The groups whose group handvatten this member works on or reads: this year's."""
    # The current year joined, not read first: one query, not two.
    groups = Group.objects.filter(
        school_year__school_id=membership.school_id, school_year__is_current=True
    ).order_by("name")
    if membership.has_role(Role.IB):
        return list(groups)
    if membership.has_role(Role.LERAAR):
        return list(groups.filter(teachers=membership))
    return []


def live_handvatten():
    return Handvat.objects.filter(retired=False).select_related("circle")


# Reads for the PDF reports ----------------------------------------------------


def group_rounds_in_period(school, groups, start: datetime, end: datetime) -> QuerySet[Round]:
    """Group handvatten finished or in progress between start and end, per group.

    Only group work (circles 2 and 3): a personal round can never be in a
    group report, whoever made it. A queryset, so a report can take a cheap
    stamp of it (``values_list``) and load the answers only to render.
    """
    return (
        Round.objects.filter(school=school, scope=Scope.GROUP, group__in=groups)
        .filter(started_at__lt=end)
        .filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
        .select_related("handvat__circle", "group")
        .defer("handvat__circle__content")
        .order_by("group__name", "handvat__circle__number", "handvat__position", "-number")
    )


def open_group_plans(school, groups) -> list[Plan]:
    """The open plans of several groups at once (group_plans, for a report of many groups)."""
    return list(
        _plans_of_groups(groups)
        .filter(school=school, done_at__isnull=True)
        .select_related("round__handvat")
        .defer("round__answers", "round__handvat__content")
        .order_by("round__group__name", "created_at")
    )


def school_rounds(school, circle_numbers) -> QuerySet[Round]:
    """The school's rounds of these circles, newest first per handvat."""
    return (
        Round.objects.filter(
            school=school, scope=Scope.SCHOOL, handvat__circle__number__in=circle_numbers
        )
        .select_related("handvat__circle")
        .defer("handvat__circle__content")
        .order_by("handvat__circle__number", "handvat__position", "-number")
    )


def latest_per_handvat(rounds) -> list[Round]:
    latest: dict[int, Round] = {}
    for round in rounds:
        latest.setdefault(round.handvat_id, round)
    return list(latest.values())


def school_handvatten(circle_numbers) -> list[Handvat]:
    return list(live_handvatten().filter(scope=Scope.SCHOOL, circle__number__in=circle_numbers))


def not_started(membership, handvatten, rounds) -> list[Handvat]:
    """The handvatten among these that the school has not begun, in circle order.

    Our rule: begun means a round of it exists, or (for a handvat that leads
    into a module) the module says the school works on it (circles/modules.py).
    """
    begun = {round.handvat_id for round in rounds}
    # The modules are asked first, whatever the rounds: the same queries for every school.
    return [
        handvat
        for handvat in sorted(handvatten, key=lambda h: (h.circle.number, h.position))
        if not modules.started_in_module(membership, handvat) and handvat.pk not in begun
    ]


def surroundings(school):
    """Cirkel 6: the school's description of its surroundings and its partners."""
    context = SchoolContext.objects.filter(school=school).first()
    return context, list(Partner.objects.filter(school=school))


def personal_rounds(membership) -> QuerySet[Round]:
    """This member's own personal rounds, newest first per handvat; nobody else's."""
    return (
        Round.objects.filter(
            school_id=membership.school_id, scope=Scope.PERSONAL, owner_id=membership.user_id
        )
        .select_related("handvat__circle")
        .defer("handvat__circle__content")
        .order_by("handvat__circle__number", "handvat__position", "-number")
    )


# The school dashboard ------------------------------------------------------------


def dashboard_section(viewer, span):
    """Per circle the work done in the span: school and team handvatten finished,
    group rounds finished (and in how many groups), and how many colleagues
    finished a personal one (a count of people: suppressed, never who).

    Three queries whatever the school's size: the live handvatten, the finished
    rounds per handvat, the colleagues per circle. A handvat done in a module
    (pyramid, climate log, sociogram, checklists) has its own section.
    """
    import datetime as dt

    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from circles import modules
    from welbevinden.core.pond import CIRCLES
    from welbevinden.dashboard.sections import Section
    from welbevinden.suppression import suppress

    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(span.start, dt.time.min, zone)
    end = dt.datetime.combine(span.end + dt.timedelta(days=1), dt.time.min, zone)
    handvatten = [h for h in live_handvatten() if modules.module_of(h) is None]
    finished = (
        Round.objects.filter(school=viewer.school, completed_at__gte=start, completed_at__lt=end)
        .values("handvat_id", "scope")
        .annotate(rounds=Count("pk"), groups=Count("group", distinct=True))
    )
    per_handvat: dict[int, dict] = {}
    for row in finished:
        per_handvat.setdefault(row["handvat_id"], {})[row["scope"]] = row
    colleagues = dict(
        Round.objects.filter(
            school=viewer.school,
            scope=Scope.PERSONAL,
            completed_at__gte=start,
            completed_at__lt=end,
        )
        .values("handvat__circle__number")
        .annotate(n=Count("owner", distinct=True))
        .values_list("handvat__circle__number", "n")
    )
    rows = []
    for circle in CIRCLES:
        in_circle = [h for h in handvatten if h.circle.number == circle.number]
        team = [h for h in in_circle if h.scope in (Scope.SCHOOL, Scope.SHARED)]
        team_done = [
            h
            for h in team
            if per_handvat.get(h.pk, {}).get(Scope.SCHOOL)
            or per_handvat.get(h.pk, {}).get(Scope.SHARED)
        ]
        group_rounds = sum(
            per_handvat.get(h.pk, {}).get(Scope.GROUP, {}).get("rounds", 0) for h in in_circle
        )
        group_handvatten = [h for h in in_circle if h.scope == Scope.GROUP]
        group_done = [h for h in group_handvatten if per_handvat.get(h.pk, {}).get(Scope.GROUP)]
        personal = [h for h in in_circle if h.scope == Scope.PERSONAL]
        people = suppress({"n": colleagues.get(circle.number, 0)}, settings.MIN_GROUP_SIZE)
        rows.append(
            {
                "circle": circle,
                "url": reverse("circles:circle", args=[viewer.school.slug, circle.number]),
                "team": len(team),
                "team_done": len(team_done),
                "group_handvatten": len(group_handvatten),
                "group_done": len(group_done),
                "group_rounds": group_rounds,
                "personal": len(personal),
                "people": people.total,  # None: fewer than the minimum (but some)
                "share": (len(team_done) + len(group_done))
                / max(1, len(team) + len(group_handvatten)),
            }
        )
    section = Section(
        key="circles",
        title=_("Werk per cirkel"),
        url=reverse("circles:circle", args=[viewer.school.slug, 1]),
        data={"rows": rows, "chart": _circle_bars(rows)},
    )
    for row in rows:
        shared = row["team"] + row["group_handvatten"]
        done = row["team_done"] + row["group_done"]
        name = f"{row['circle'].number}. {row['circle'].name}"
        if shared and done == shared:
            section.went_well.append(
                _("Cirkel %(circle)s: aan elk handvat voor het team of de groep is gewerkt.")
                % {"circle": name}
            )
        elif shared and not done:
            section.attention.append(
                _("Cirkel %(circle)s: nog geen handvat afgerond in deze periode.")
                % {"circle": name}
            )
    if section.attention:
        section.decisions.append(
            _(
                "Met welk handvat van de cirkels zonder afgerond werk begint het team, "
                "en wie neemt het op?"
            )
        )
    return section


def _circle_bars(rows):
    """A bar per circle with team or group handvatten: the share worked on in the span."""
    from django.utils.translation import gettext as _

    from welbevinden.core.bars import bars

    return bars(
        [
            (
                _("Cirkel %(n)s · %(done)s van %(of)s")
                % {
                    "n": row["circle"].number,
                    "done": row["team_done"] + row["group_done"],
                    "of": row["team"] + row["group_handvatten"],
                },
                [
                    (
                        "done",
                        _("afgerond"),
                        row["team_done"] + row["group_done"],
                        row["circle"].colour,
                        "#fff",
                    ),
                    (
                        "open",
                        _("nog niet"),
                        (row["team"] + row["group_handvatten"])
                        - (row["team_done"] + row["group_done"]),
                        row["circle"].tint,
                        "#1f2d33",
                    ),
                ],
            )
            for row in rows
            if row["team"] + row["group_handvatten"]
        ]
    )


def group_hub(access, group) -> dict | None:
    """The group page's panel of group handvatten: circle 3's, each with where the group
    stands, and the group's open plans. Two queries, for those who may see the group's work."""
    from circles import editions, permissions

    if not permissions.can_view_group_work(access, group):
        return None
    content = editions.current()
    circle = content.circles.get(3)
    handvatten = content.handvatten_of(circle) if circle else []
    rounds = list(
        Round.objects.filter(school_id=group.school_id, scope=Scope.GROUP, group=group)
        .filter(handvat__circle__number=3)
        .only("code", "handvat", "scope", "group", "number", "completed_at")
        .order_by("handvat_id", "-number")
    )
    found = statuses(access.membership, handvatten, rounds, [group])
    items = []
    for handvat in handvatten:
        status = found[handvat.id][0]
        items.append(
            {
                "handvat": handvat,
                "status": status,
                # A handvat done in a module (the climate log, the sociogram) has
                # its own panel on this page; it links there instead of a round.
                "leads_to": modules.url_for(handvat, access.school.slug, group),
            }
        )
    return {"circle": circle, "items": items, "plans": list(group_plans(group)[:10])}
