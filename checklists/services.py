"""Writes of the checklists app."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from checklists import content
from checklists.checkin import prompt_options
from checklists.models import (
    Action,
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


def save_agreement(*, round: ChecklistRound, item: str, answer: str, note: str, user) -> Agreement:
    agreement, _ = Agreement.objects.update_or_create(
        round=round, item=item, defaults={"answer": answer, "note": note, "updated_by": user}
    )
    return agreement


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


def evaluate_goal(*, goal: Goal, learned: str) -> None:
    goal.learned = learned
    goal.evaluated_on = timezone.localdate()
    goal.save(update_fields=["learned", "evaluated_on"])


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
