"""Reads of the checklists app: its pages, its PDFs, the circles' status hook, the home page."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from checklists import content
from checklists.consensus import spread
from checklists.models import (
    Action,
    Agenda,
    Agreement,
    Answer,
    CheckIn,
    CheckInTally,
    ChecklistRound,
    Goal,
    Response,
)
from welbevinden.schools.models import Membership, Role, School, SchoolYear


def round_for(school, year: SchoolYear | None, key: str) -> ChecklistRound | None:
    if year is None:
        return None
    return (
        ChecklistRound.objects.filter(school=school, school_year=year, checklist=key)
        .select_related("school_year")
        .first()
    )


def previous_round(round: ChecklistRound) -> ChecklistRound | None:
    return (
        ChecklistRound.objects.filter(
            school_id=round.school_id,
            checklist=round.checklist,
            school_year__start_year__lt=round.school_year.start_year,
        )
        .select_related("school_year")
        .order_by("-school_year__start_year")
        .first()
    )


def own_responses(round: ChecklistRound | None, membership) -> dict[str, Response]:
    if round is None:
        return {}
    return {r.item: r for r in Response.objects.filter(round=round, membership=membership)}


def agreements(round: ChecklistRound | None) -> dict[str, Agreement]:
    if round is None:
        return {}
    return {a.item: a for a in Agreement.objects.filter(round=round)}


def item_spread(round: ChecklistRound, item: str) -> tuple:
    """One item's spread and notes (without names), for the page where the team
    records or changes what it agreed: it decides with the answers in view."""
    rows = list(Response.objects.filter(round=round, item=item).values_list("answer", "note"))
    notes = sorted(note.strip() for _answer, note in rows if note.strip())
    return spread([answer for answer, _note in rows]), notes


def consensus_rows(checklist: dict, round: ChecklistRound) -> tuple[list[dict], set[int], dict]:
    """Per section and item: the spread of answers, the notes, the agreed answer and
    last year's; and who answered (membership ids). Three queries, whatever the
    number of items or members."""
    answers: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    members = set()
    for item, answer, note, member in Response.objects.filter(round=round).values_list(
        "item", "answer", "note", "membership_id"
    ):
        members.add(member)
        answers.setdefault(item, []).append(answer)
        if note.strip():
            notes.setdefault(item, []).append(note.strip())
    before = previous_round(round)
    # This year's agreements and last round's in one query, whether or not there was one.
    agreed, earlier = {}, {}
    for agreement in Agreement.objects.filter(round__in=[r.pk for r in (round, before) if r]):
        (agreed if agreement.round_id == round.pk else earlier)[agreement.item] = agreement
    sections = []
    for section in checklist["sections"]:
        rows = []
        for item in section["items"]:
            rows.append(
                {
                    "item": item,
                    "spread": spread(answers.get(item["key"], [])),
                    # Notes without names: the view is about the school, not who said what.
                    "notes": sorted(notes.get(item["key"], [])),
                    "agreed": agreed.get(item["key"]),
                    "earlier": earlier.get(item["key"]),
                }
            )
        sections.append({"section": section, "rows": rows})
    return sections, members, before


def progress(round: ChecklistRound | None, checklist: dict) -> dict:
    """How far this year's round is: members who answered, items agreed."""
    if round is None:
        return {"members": 0, "agreed": 0, "items": len(content.items(checklist))}
    return {
        "members": Response.objects.filter(round=round).values("membership").distinct().count(),
        "agreed": Agreement.objects.filter(round=round).count(),
        "items": len(content.items(checklist)),
    }


def _status_facts(membership) -> dict:
    """One query for every status this app gives the circle pages, kept on the
    membership for the rest of the request (a circle page asks up to three times)."""
    cached = getattr(membership, "_checklists_status", None)
    if cached is not None:
        return cached

    def agreed(key):
        return Subquery(
            Agreement.objects.filter(
                round__school=OuterRef("pk"),
                round__checklist=key,
                round__school_year__is_current=True,
            )
            .values("round__school")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )

    def started(key):
        return Exists(
            ChecklistRound.objects.filter(
                school=OuterRef("pk"), checklist=key, school_year__is_current=True
            )
        )

    def count(queryset):
        return Subquery(
            queryset.filter(school=OuterRef("pk"))
            .values("school")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )

    keys = list(content.checklists())
    annotations = {}
    for index, key in enumerate(keys):
        annotations[f"agreed_{index}"] = agreed(key)
        annotations[f"started_{index}"] = started(key)
    row = (
        School.objects.filter(pk=membership.school_id)
        .annotate(
            open_goals=count(Goal.objects.filter(evaluated_on__isnull=True)),
            all_goals=count(Goal.objects.all()),
            check_in_count=count(CheckIn.objects.all()),
            **annotations,
        )
        .values("open_goals", "all_goals", "check_in_count", *annotations)
        .first()
    )
    facts = {
        "open_goals": row["open_goals"] or 0,
        "goals": row["all_goals"] or 0,
        "check_ins": row["check_in_count"] or 0,
        "checklists": {
            key: (row[f"started_{i}"], row[f"agreed_{i}"] or 0) for i, key in enumerate(keys)
        },
    }
    membership._checklists_status = facts
    return facts


def status_for(key: str):
    def status(membership, groups) -> dict[int | None, str]:
        started, agreed = _status_facts(membership)["checklists"][key]
        if not started:
            return {None: gettext("Checklist nog niet ingevuld")}
        return {
            None: gettext("Checklist: %(agreed)s van %(items)s afgesproken")
            % {"agreed": agreed, "items": len(content.items(content.get(key)))}
        }

    return status


def agenda_status(membership, groups) -> dict[int | None, str]:
    n = _status_facts(membership)["open_goals"]
    return {None: ngettext("Teamagenda: %(n)s doel", "Teamagenda: %(n)s doelen", n) % {"n": n}}


def check_in_status(membership, groups) -> dict[int | None, str]:
    n = _status_facts(membership)["check_ins"]
    return {None: ngettext("%(n)s check-in", "%(n)s check-ins", n) % {"n": n}}


def handvat_started(module: str):
    """Whether the school began the handvat that leads here (circles/modules.py).

    Our rule: a checklist has begun when this year's round exists, the team
    agenda when it holds a goal, the check-in when one was held. From the
    status facts: no query of its own on a page that shows the statuses.
    """

    def started(membership, handvat_key: str) -> bool:
        facts = _status_facts(membership)
        if module == "teamagenda":
            return facts["goals"] > 0
        if module == "check-in":
            return facts["check_ins"] > 0
        return bool(facts["checklists"][module][0])

    return started


def goals(school, *, open_only: bool = False) -> list[Goal]:
    queryset = Goal.objects.filter(school=school).select_related("school_year")
    if open_only:
        queryset = queryset.filter(evaluated_on__isnull=True)
    goals = list(queryset)
    actions: dict[int, list[Action]] = {}
    for action in Action.objects.filter(goal__in=[g.pk for g in goals]).select_related("who__user"):
        actions.setdefault(action.goal_id, []).append(action)
    for goal in goals:
        goal.action_list = actions.get(goal.pk, [])
        for action in goal.action_list:
            action.goal = goal  # already loaded: no query per action
    return goals


def agenda_of(school) -> Agenda | None:
    """The team's answers to the agenda handvat's questions, if any."""
    return Agenda.objects.filter(school=school).first()


def outcomes(school) -> list[dict]:
    """Per shipped checklist, what its latest round agreed (for the Schoolwerk).

    Two queries whatever the number of checklists, years or items. The latest
    round is the newest school year's; its agreed items come ordered as the
    team reads them: priorities first, then what needs attention, then what
    goes well, then what nobody knows yet; within each, as in the checklist.
    """
    latest: dict[str, ChecklistRound] = {}
    for round in (
        ChecklistRound.objects.filter(school=school)
        .select_related("school_year")
        .annotate(members=Count("responses__membership", distinct=True))
        .order_by("checklist", "-school_year__start_year")
    ):
        latest.setdefault(round.checklist, round)
    agreed: dict[int, dict[str, Agreement]] = {}
    for agreement in Agreement.objects.filter(round__in=[r.pk for r in latest.values()]):
        agreed.setdefault(agreement.round_id, {})[agreement.item] = agreement
    order = [Answer.PRIORITEIT, Answer.AANDACHT, Answer.GOED, Answer.WEET_NIET]
    result = []
    for key, checklist in content.checklists().items():
        round = latest.get(key)
        items = content.items(checklist)
        found = agreed.get(round.pk, {}) if round else {}
        rows = [
            {"section": section, "item": item, "agreed": found[item["key"]]}
            for section in checklist["sections"]
            for item in section["items"]
            if item["key"] in found
        ]
        rows.sort(key=lambda row: order.index(row["agreed"].answer))
        result.append(
            {
                "key": key,
                "checklist": checklist,
                "round": round,
                "rows": rows,
                "items": len(items),
                "priorities": sum(1 for r in rows if r["agreed"].answer == Answer.PRIORITEIT),
                "open": len(items) - len(rows),
            }
        )
    return result


def my_actions(membership) -> list[Action]:
    """Open actions assigned to this member (their home page)."""
    return list(
        Action.objects.filter(who=membership, done_at__isnull=True)
        .select_related("goal")
        .order_by("due", "pk")[:20]
    )


def members_for_actions(school) -> list[Membership]:
    return list(
        Membership.objects.filter(school=school, is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )


def kernteam_size(school) -> int:
    return Membership.objects.filter(school=school, is_active=True).with_role(Role.KERNTEAM).count()


def today():
    return timezone.localdate()


def rounds_of_year(school, year) -> list[ChecklistRound]:
    if year is None:
        return []
    return list(
        ChecklistRound.objects.filter(school=school, school_year=year).annotate(
            agreed=Count("agreements", distinct=True),
            members=Count("responses__membership", distinct=True),
        )
    )


def years_with_rounds(school, key: str) -> list[SchoolYear]:
    return list(
        SchoolYear.objects.filter(school=school, checklist_rounds__checklist=key).order_by(
            "-start_year"
        )
    )


def source_item_label(goal: Goal) -> dict | None:
    """The checklist and item a goal was made from, for the goal page."""
    if goal.source_round_id is None:
        return None
    checklist = content.get(goal.source_round.checklist)
    if checklist is None:
        return None
    item = next((i for i in content.items(checklist) if i["key"] == goal.source_item), None)
    return {"title": checklist["own_title"], "item": item} if item else None


def agenda_stamp(school) -> tuple:
    return (
        Goal.objects.filter(school=school).count(),
        Action.objects.filter(goal__school=school).count(),
        Action.objects.filter(goal__school=school, done_at__isnull=False).count(),
        Goal.objects.filter(school=school, evaluated_on__isnull=False).count(),
        str(Agenda.objects.filter(school=school).values_list("updated_at", flat=True).first()),
        CheckIn.objects.filter(school=school).count(),
        # New answers change the trend in the PDF.
        CheckInTally.objects.filter(check_in__school=school).aggregate(n=Sum("count"))["n"],
    )


def tallies(check_in) -> dict[str, int]:
    return dict(CheckInTally.objects.filter(check_in=check_in).values_list("value", "count"))


def check_in_trend(school, limit: int = 12) -> list[dict]:
    """The last check-ins, oldest first, each with what may be shown of it."""
    from django.conf import settings

    from checklists.checkin import result

    recent = list(CheckIn.objects.filter(school=school).order_by("-started_at")[:limit])
    counts: dict[int, dict[str, int]] = {}
    for check_in_id, value, count in CheckInTally.objects.filter(
        check_in__in=[c.pk for c in recent]
    ).values_list("check_in_id", "value", "count"):
        counts.setdefault(check_in_id, {})[value] = count
    return [
        {
            "check_in": c,
            "result": result(
                c.prompt,
                counts.get(c.pk, {}),
                settings.MIN_GROUP_SIZE,
                closed=c.closed_at is not None,
            ),
        }
        for c in reversed(recent)
    ]


def trend_chart(trend: list[dict]):
    from django.utils.formats import date_format

    from checklists.charts import trend as draw

    return draw(
        [(date_format(row["check_in"].started_at, "j b"), row["result"].average) for row in trend]
    )
