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


def rounds_of(school, key: str) -> list[ChecklistRound]:
    """Every round of a checklist at the school, newest year first (one a year)."""
    return list(
        ChecklistRound.objects.filter(school=school, checklist=key).select_related("school_year")
    )


def consensus_rows(
    checklist: dict, round: ChecklistRound, rounds: list[ChecklistRound] | None = None
) -> tuple[list[dict], set[int], dict]:
    """Per section and item: the spread of answers, the notes, the agreed answer and
    last year's; and who answered (membership ids). Three queries, whatever the
    number of items or members; two with the checklist's ``rounds`` (``rounds_of``)."""
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
    if rounds is None:
        before = previous_round(round)
    else:
        start = round.school_year.start_year
        before = next((r for r in rounds if r.school_year.start_year < start), None)
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
    # Of whoever does an action, every page shows only the name.
    queryset = (
        Action.objects.filter(goal__in=[g.pk for g in goals])
        .select_related("who__user")
        .only("goal_id", "code", "what", "due", "done_at", "who__user__full_name")
    )
    for action in queryset:
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


def check_in_trend(school, limit: int = 12, *, start=None, end=None) -> list[dict]:
    """The last check-ins (started from ``start`` to ``end``, days, when given),
    oldest first, each with what may be shown of it."""
    from django.conf import settings

    from checklists.checkin import result

    queryset = CheckIn.objects.filter(school=school)
    if start is not None:
        queryset = queryset.filter(started_at__date__gte=start)
    if end is not None:
        queryset = queryset.filter(started_at__date__lte=end)
    recent = list(queryset.order_by("-started_at")[:limit])
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


# The school dashboard ---------------------------------------------------------
# Three sections: the checklists, the team agenda and the check-in. Each reads
# the span's school year in a fixed number of queries; the sentences for the
# Kernteamrapport's summary come from our rules (the handreiking sets none).

ANSWER_COLOURS = {
    # The answer badges' colours (static/css/app.css), with the count on each part.
    "goed": ("#d8efe2", "#14532d"),
    "aandacht": ("#fdf0c4", "#5c4300"),
    "prioriteit": ("#f9d6cf", "#7a1d0c"),
    "weet-niet": ("#e9ecef", "#343a40"),
    "": ("#f7f9fa", "#44545b"),
}


def checklist_status(school, year) -> list[dict]:
    """Per shipped checklist this year's round: who answered, the agreed answers,
    and the items agreed as "prioriteit" with whether a goal came of them.

    Three queries whatever the number of checklists, items or members."""
    from django.db.models import Q

    from checklists.models import Answer

    answered = Subquery(
        Response.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("membership", distinct=True))
        .values("n")[:1]
    )
    rounds = {
        r.checklist: r
        for r in ChecklistRound.objects.filter(school=school, school_year=year).annotate(
            answered=answered
        )
    }
    agreed: dict[int, dict[str, int]] = {}
    for round_id, answer, n in (
        Agreement.objects.filter(round__school=school, round__school_year=year)
        .order_by()
        .values_list("round_id", "answer")
        .annotate(n=Count("pk"))
    ):
        agreed.setdefault(round_id, {})[answer] = n
    goal = Goal.objects.filter(source_round=OuterRef("round_id"), source_item=OuterRef("item"))
    priorities: dict[int, list[dict]] = {}
    for round_id, item, open_goal, evaluated in (
        Agreement.objects.filter(
            round__school=school, round__school_year=year, answer=Answer.PRIORITEIT
        )
        .annotate(
            open_goal=Exists(goal.filter(evaluated_on__isnull=True)),
            evaluated=Exists(goal.filter(~Q(evaluated_on=None))),
        )
        .order_by("pk")
        .values_list("round_id", "item", "open_goal", "evaluated")
    ):
        priorities.setdefault(round_id, []).append(
            {"key": item, "open_goal": open_goal, "evaluated": evaluated}
        )
    status = []
    for key, checklist in content.checklists().items():
        round = rounds.get(key)
        items = content.items(checklist)
        by_key = {item["key"]: item for item in items}
        counts = agreed.get(round.pk, {}) if round else {}
        status.append(
            {
                "key": key,
                "title": checklist["own_title"],
                "round": round,
                "answered": (round.answered or 0) if round else 0,
                "items": len(items),
                "agreed": sum(counts.values()),
                "counts": counts,
                # Open: agreed as a priority and not yet evaluated as a goal.
                "priorities": [
                    {**p, "item": by_key[p["key"]]}
                    for p in (priorities.get(round.pk, []) if round else [])
                    if p["key"] in by_key and not p["evaluated"]
                ],
            }
        )
    return status


def dashboard_section(viewer, span):
    """The dashboard's checklists section: per checklist of the span's school
    year how many members answered (``suppress``: 1-4 reads "minder dan 5"),
    how many items are agreed, and the open priorities."""
    from django.conf import settings
    from django.urls import reverse

    from checklists.models import Answer
    from welbevinden.core.bars import bars
    from welbevinden.dashboard.sections import Section
    from welbevinden.suppression import suppress

    rows = checklist_status(viewer.school, span.year)
    labels = dict(Answer.choices)
    for row in rows:
        row["answered_shown"] = suppress({"n": row["answered"]}, settings.MIN_GROUP_SIZE).total
        row["url"] = reverse("checklists:checklist", args=[viewer.school.slug, row["key"]])
        row["answer_counts"] = [row["counts"].get(answer, 0) for answer in Answer.values]
    chart = bars(
        [
            (
                row["title"] if row["round"] else gettext("%(title)s: nog niet ingevuld") % row,
                [
                    (
                        answer,
                        str(labels[answer]),
                        row["counts"].get(answer, 0),
                        *ANSWER_COLOURS[answer],
                    )
                    for answer in Answer.values
                ]
                + [
                    (
                        "",
                        gettext("nog niet afgesproken"),
                        row["items"] - row["agreed"],
                        *ANSWER_COLOURS[""],
                    )
                ],
            )
            for row in rows
        ]
    )
    section = Section(
        key="checklists",
        title=gettext("Checklists"),
        url=reverse("checklists:index", args=[viewer.school.slug]),
        data={
            "rows": rows,
            "chart": chart,
            "answers": [(value, labels[value]) for value in Answer.values],
            "min_people": settings.MIN_GROUP_SIZE,
            "started": any(row["round"] for row in rows),
            "priorities_count": sum(len(row["priorities"]) for row in rows),
        },
    )
    for row in rows:
        values = {"title": row["title"], "n": row["agreed"], "items": row["items"]}
        if row["items"] and row["agreed"] == row["items"]:
            section.went_well.append(
                gettext("%(title)s: alle %(items)s punten zijn afgesproken.") % values
            )
        elif row["agreed"]:
            section.attention.append(
                gettext("%(title)s: %(n)s van de %(items)s punten afgesproken.") % values
            )
        without_goal = [p for p in row["priorities"] if not p["open_goal"]]
        if without_goal:
            section.decisions.append(
                ngettext(
                    "%(title)s: maak een doel van %(n)s prioriteit zonder doel.",
                    "%(title)s: maak doelen van %(n)s prioriteiten zonder doel.",
                    len(without_goal),
                )
                % {"title": row["title"], "n": len(without_goal)}
            )
    if not section.data["started"]:
        section.decisions.append(
            gettext("Vul met het kernteam de checklist Beginsituatie welbevinden in.")
        )
    return section


# Goals whose evaluation falls within this many weeks are "coming" (ours).
EVALUATION_WEEKS = 6


def agenda_section(viewer, span):
    """The dashboard's team agenda section: the open goals of the span's year,
    overdue actions and the evaluations of the coming weeks.

    Kernteam, IB'ers and directie see the overdue actions' texts; a teacher
    without those roles only how many (never who: the dashboard names no one).
    Two queries: the year's goals, and their actions."""
    import datetime

    from django.urls import reverse

    from welbevinden.dashboard.sections import Section

    today = viewer.today
    goals = list(
        Goal.objects.filter(school=viewer.school, school_year=span.year)
        .only("code", "title", "target", "evaluate_on", "evaluated_on")
        .order_by("evaluate_on", "pk")
    )
    open_goals = [g for g in goals if g.evaluated_on is None]
    titles = {g.pk: g.title for g in goals}
    actions = list(
        Action.objects.filter(goal__school=viewer.school, goal__school_year=span.year)
        .values("goal_id", "what", "due", "done_at", "goal__evaluated_on")
        .order_by("due", "pk")
    )
    open_actions = [a for a in actions if a["done_at"] is None and a["goal__evaluated_on"] is None]
    overdue = [
        {"what": a["what"], "due": a["due"], "goal": titles[a["goal_id"]]}
        for a in open_actions
        if a["due"] and a["due"] < today
    ]
    horizon = today + datetime.timedelta(weeks=EVALUATION_WEEKS)
    coming = [g for g in open_goals if g.evaluate_on and today <= g.evaluate_on <= horizon]
    late = [g for g in open_goals if g.evaluate_on and g.evaluate_on < today]
    done = [
        a
        for a in actions
        if a["done_at"] and span.start <= timezone.localdate(a["done_at"]) <= span.end
    ]
    section = Section(
        key="agenda",
        title=gettext("Teamagenda"),
        url=reverse("checklists:agenda", args=[viewer.school.slug]),
        data={
            "open_goals": open_goals,
            "evaluated": len(goals) - len(open_goals),
            "open_actions": len(open_actions),
            "overdue_count": len(overdue),
            "overdue": overdue if viewer.can_edit else [],
            "shows_texts": viewer.can_edit,
            "coming": coming,
            "late": late,
            "weeks": EVALUATION_WEEKS,
            "done": len(done),
        },
    )
    if done:
        section.went_well.append(
            ngettext(
                "%(n)s actie van de teamagenda is in deze periode afgerond.",
                "%(n)s acties van de teamagenda zijn in deze periode afgerond.",
                len(done),
            )
            % {"n": len(done)}
        )
    if overdue:
        section.attention.append(
            ngettext(
                "%(n)s actie is over de datum en nog niet klaar.",
                "%(n)s acties zijn over de datum en nog niet klaar.",
                len(overdue),
            )
            % {"n": len(overdue)}
        )
    for goal in late:
        section.decisions.append(
            gettext("Evalueer het doel „%(title)s”: de evaluatie stond op %(day)s.")
            % {"title": goal.title, "day": _day(goal.evaluate_on)}
        )
    for goal in coming:
        section.decisions.append(
            gettext("Plan de evaluatie van „%(title)s” (%(day)s).")
            % {"title": goal.title, "day": _day(goal.evaluate_on)}
        )
    if not goals:
        section.decisions.append(
            gettext("Zet een eerste doel op de teamagenda, bij een prioriteit uit de checklist.")
        )
    return section


def _day(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F")


def check_in_section(viewer, span):
    """The dashboard's check-in section: the team's check-ins in the span, as
    the team agenda shows them (``check_in_trend``: a result only once closed,
    through ``suppress_tally``, a mean only when every count is shown).

    No cutoff: a closed check-in's result no longer changes and the agenda
    shows it to every member at once, so successive looks reveal nothing."""
    from django.conf import settings
    from django.urls import reverse

    from welbevinden.dashboard.sections import Section

    trend = check_in_trend(viewer.school, start=span.start, end=span.end)
    section = Section(
        key="checkin",
        title=gettext("Check-in"),
        url=reverse("checklists:check_ins", args=[viewer.school.slug]),
        data={
            "trend": trend,
            "trend_chart": trend_chart(trend),
            "min_people": settings.MIN_GROUP_SIZE,
        },
    )
    means = [row["result"].average for row in trend if row["result"].average is not None]
    if len(means) >= 2:
        values = {
            "before": f"{means[-2]:.1f}".replace(".", ","),
            "now": f"{means[-1]:.1f}".replace(".", ","),
        }
        if means[-1] > means[-2]:
            section.went_well.append(
                gettext(
                    "De laatste check-in kwam gemiddeld hoger uit: %(now)s, daarvoor %(before)s."
                )
                % values
            )
        elif means[-1] < means[-2]:
            section.attention.append(
                gettext(
                    "De laatste check-in kwam gemiddeld lager uit: %(now)s, daarvoor %(before)s."
                )
                % values
            )
    if not trend:
        section.decisions.append(gettext("Begin een teamvergadering met een check-in."))
    return section


# The board ------------------------------------------------------------------------


def board_checklists(schools, start_year: int) -> dict[int, list[dict]]:
    """Per school, per shipped checklist: whether the year's round began and how
    many of its items are agreed. Two queries whatever the number of schools;
    no count of people (who answered stays with the school)."""
    rounds = {
        (school_id, checklist): pk
        for pk, school_id, checklist in ChecklistRound.objects.filter(
            school__in=schools, school_year__start_year=start_year
        )
        .order_by()
        .values_list("pk", "school_id", "checklist")
    }
    agreed = dict(
        Agreement.objects.filter(round_id__in=rounds.values())
        .order_by()
        .values_list("round_id")
        .annotate(n=Count("pk"))
    )
    checklists = [
        (key, checklist["own_title"], len(content.items(checklist)))
        for key, checklist in content.checklists().items()
    ]
    return {
        school.pk: [
            {
                "key": key,
                "title": title,
                "begun": (school.pk, key) in rounds,
                "items": items,
                "agreed": agreed.get(rounds.get((school.pk, key)), 0),
            }
            for key, title, items in checklists
        ]
        for school in schools
    }
