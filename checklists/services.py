"""Writes of the checklists app."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from checklists import content
from checklists.checkin import prompt_options
from checklists.models import (
    Action,
    Agenda,
    Agreement,
    CheckIn,
    CheckInParticipant,
    CheckInTally,
    ChecklistRound,
    Goal,
    Response,
)


def round_of(*, school, year, key: str) -> ChecklistRound:
    round, _ = ChecklistRound.objects.get_or_create(school=school, school_year=year, checklist=key)
    return round


@transaction.atomic
def save_responses(*, round: ChecklistRound, membership, answers: dict[str, tuple[str, str]]):
    """A member's own answers: item key -> (answer, note). Items left empty are removed."""
    checklist = content.get(round.checklist)
    keys = {item["key"] for item in content.items(checklist)}
    existing = {r.item: r for r in Response.objects.filter(round=round, membership=membership)}
    for key, (answer, note) in answers.items():
        if key not in keys:
            continue
        response = existing.get(key)
        if not answer and not note.strip():
            if response is not None:
                response.delete()
            continue
        if response is None:
            Response.objects.create(
                round=round, membership=membership, item=key, answer=answer, note=note
            )
        elif (response.answer, response.note) != (answer, note):
            response.answer, response.note = answer, note
            response.save(update_fields=["answer", "note", "updated_at"])


@dataclass
class Conflict:
    """Someone else saved first: their version, to show next to this person's input."""

    current: Agreement | Agenda | Goal


# Every write from a page carries the version the page was made from; a save
# from an older version is a conflict, never a silent overwrite of a colleague's
# text. ``version=None`` is a write of the app itself (demo data, carry-over).


@transaction.atomic
def save_agreement(
    *, round: ChecklistRound, item: str, answer: str, note: str, user, version: int | None = None
) -> Conflict | None:
    agreement = Agreement.objects.select_for_update().filter(round=round, item=item).first()
    if version is not None and version != (agreement.version if agreement else 0):
        return Conflict(current=agreement)
    if agreement is None:
        agreement = Agreement(round=round, item=item)
    elif (agreement.answer, agreement.note) == (answer, note):
        return None
    agreement.answer, agreement.note, agreement.updated_by = answer, note, user
    agreement.version += 1
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError:
        # A colleague recorded the first agreement at the same moment.
        return Conflict(current=Agreement.objects.get(round=round, item=item))
    return None


AGENDA_FIELDS = ("on_agenda", "involve", "monitoring")


@transaction.atomic
def save_agenda(*, school, data: dict, user, version: int | None = None) -> Conflict | None:
    """The team's answers to the teamagenda handvat's three questions."""
    agenda = Agenda.objects.select_for_update().filter(school=school).first()
    if version is not None and version != (agenda.version if agenda else 0):
        return Conflict(current=agenda)
    if agenda is None:
        agenda = Agenda(school=school)
    elif all(getattr(agenda, name) == data[name] for name in AGENDA_FIELDS):
        return None
    for name in AGENDA_FIELDS:
        setattr(agenda, name, data[name])
    agenda.updated_by = user
    agenda.version += 1
    try:
        with transaction.atomic():
            agenda.save()
    except IntegrityError:
        return Conflict(current=Agenda.objects.get(school=school))
    return None


def create_goal(*, school, year, data: dict, user, round=None, item: str = "") -> Goal:
    return Goal.objects.create(
        school=school,
        school_year=year,
        source_round=round,
        source_item=item,
        created_by=user,
        **data,
    )


def add_action(*, goal: Goal, what: str, who, due) -> Action:
    return Action.objects.create(goal=goal, what=what, who=who, due=due)


def set_action_done(*, action: Action, done: bool) -> None:
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done_at"])


@transaction.atomic
def evaluate_goal(
    *, goal: Goal, learned: str, user=None, version: int | None = None
) -> Conflict | None:
    current = Goal.objects.select_for_update().get(pk=goal.pk)
    if version is not None and version != current.version:
        return Conflict(current=current)
    current.learned = learned
    current.evaluated_on = timezone.localdate()
    current.evaluated_by = user
    current.version += 1
    current.save(update_fields=["learned", "evaluated_on", "evaluated_by", "version"])
    goal.__dict__.update(current.__dict__)
    return None


# No 0/O, 1/I/L: read from a projected screen and typed on a phone.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _short() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(5))


def start_check_in(*, school, meeting: str, prompt: str, user) -> CheckIn:
    for _attempt in range(10):
        try:
            with transaction.atomic():
                check_in = CheckIn.objects.create(
                    school=school, meeting=meeting, prompt=prompt, started_by=user, short=_short()
                )
                # Every option's row from the start: an answer then only counts up
                # a row that was there, and no row's making marks who came first.
                CheckInTally.objects.bulk_create(
                    CheckInTally(check_in=check_in, value=option.key)
                    for option in prompt_options(prompt)
                )
                return check_in
        except IntegrityError:
            continue
    raise RuntimeError("no free short code")


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def answer_check_in(*, check_in: CheckIn, membership, value: str) -> None:
    """Store the answer apart from who gave it: the answer row names nobody."""
    try:
        with transaction.atomic():
            CheckInParticipant.objects.create(check_in=check_in, membership=membership)
    except IntegrityError:
        raise AlreadyAnswered from None
    tally, _ = CheckInTally.objects.select_for_update().get_or_create(
        check_in=check_in, value=value
    )
    CheckInTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)


def close_check_in(*, check_in: CheckIn) -> None:
    check_in.closed_at = timezone.now()
    check_in.save(update_fields=["closed_at"])
