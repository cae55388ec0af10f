"""Writes of the circles app: loading the content, saving answers, plans."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from circles import content as content_files
from circles import editions
from circles.models import Circle, Edition, Handvat, Plan, Round, Scope


@transaction.atomic
def load_handreiking(content: dict | None = None, checksum: str | None = None) -> Edition:
    """Store the content files' texts; answers keep pointing at the same keys.

    A handvat that the new edition no longer has is retired, not deleted, so
    no answer is ever lost by loading an edition.
    """
    edition = store_content(
        content or content_files.load_files(),
        checksum or content_files.checksum(),
        circle_model=Circle,
        handvat_model=Handvat,
        edition_model=Edition,
    )
    # Pages read the texts once per edition; after this commit, read them again.
    transaction.on_commit(editions.forget)
    editions.forget()
    return edition


def store_content(content, checksum, *, circle_model, handvat_model, edition_model):
    """The load itself; the models are passed in so a data migration can use its own."""
    edition, _ = edition_model.objects.update_or_create(
        checksum=checksum, defaults={"introduction": content["inleiding"]}
    )
    seen = []
    for data in content["circles"]:
        circle, _ = circle_model.objects.update_or_create(
            number=data["number"],
            defaults={
                "key": data["key"],
                "name": data["name"],
                "content": {k: v for k, v in data.items() if k != "handvatten"},
            },
        )
        for position, handvat in enumerate(data.get("handvatten", []), start=1):
            handvat_model.objects.update_or_create(
                key=handvat["key"],
                defaults={
                    "circle": circle,
                    "position": position,
                    "title": handvat["title"],
                    "scope": handvat["scope"],
                    "content": handvat,
                    "retired": False,
                },
            )
            seen.append(handvat["key"])
    handvat_model.objects.exclude(key__in=seen).update(retired=True)
    # The newest load is the edition in use.
    edition_model.objects.filter(pk=edition.pk).update(loaded_at=timezone.now())
    edition.refresh_from_db()
    return edition


def start_round(*, handvat: Handvat, school, user, group=None, scope: str | None = None) -> Round:
    """A new round of this handvat for its owner (person, group or school).

    ``scope`` picks a part of a handvat whose steps have another owner than
    the handvat itself (content.parts); by default the handvat's scope.

    The owner's open round, if there is one, is returned instead: the
    database allows only one (two quick clicks on "start" meet here).
    """
    owner_filter = _owner_filter(
        handvat, school=school, user=user, group=group, scope=scope or handvat.scope
    )
    open_round = Round.objects.filter(**owner_filter, completed_at__isnull=True).first()
    if open_round is not None:
        return open_round
    last = Round.objects.filter(**owner_filter).aggregate(Max("number"))["number__max"] or 0
    try:
        with transaction.atomic():
            return Round.objects.create(
                number=last + 1, started_by=user, updated_by=user, **owner_filter
            )
    except IntegrityError:
        return Round.objects.get(**owner_filter, completed_at__isnull=True)


def _owner_filter(handvat: Handvat, *, school, user, group, scope: str) -> dict:
    base = {"handvat": handvat, "school": school, "scope": scope}
    if scope in (Scope.PERSONAL, Scope.SHARED):
        return {**base, "owner": user}
    if scope == Scope.GROUP:
        return {**base, "group": group}
    return base


@dataclass
class Conflict:
    """Answers someone else saved since this person loaded the page."""

    theirs: dict
    mine: dict
    by: str
    at: object
    version: int


def _empty(value) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return value in (None, "", [])


def _same(a, b) -> bool:
    return a == b or (_empty(a) and _empty(b))


@transaction.atomic
def save_answers(
    *,
    round: Round,
    answers: dict,
    version: int,
    user,
    base: dict | None = None,
    take_mine: bool = False,
) -> Conflict | None:
    """Merge one step's answers into the round.

    ``base`` holds the answers as this person's page last had them. When
    someone else saved in between (the version moved on), each answer is
    merged three ways: what this person did not change keeps the other's
    answer; what only this person changed is taken; where both changed the
    same answer differently, that answer is not overwritten and both versions
    go back to the page (no lost update), unless ``take_mine`` says the
    person chose their own version. Answers that do not clash are saved
    either way, so nobody loses their own edits to a conflict.
    """
    current = Round.objects.select_for_update().get(pk=round.pk)
    last_saved_by = current.updated_by
    merged = dict(current.answers)
    clashes = {}
    if current.version == version:
        merged.update(answers)
    else:
        base = base or {}
        for key, mine in answers.items():
            theirs, was = current.answers.get(key), base.get(key)
            if key in base and _same(mine, was):
                continue
            if _same(theirs, was) or _same(theirs, mine) or take_mine:
                merged[key] = mine
            else:
                clashes[key] = mine
    if merged != current.answers:
        current.answers = merged
        current.version += 1
        current.updated_by = user
        current.save(update_fields=list(Round.TYPED_FIELDS))
        _sync_plans(current, user)
    round.answers, round.version = current.answers, current.version
    round.updated_by, round.updated_at = current.updated_by, current.updated_at
    if clashes:
        return Conflict(
            theirs={key: current.answers.get(key) for key in clashes},
            mine=clashes,
            by=str(last_saved_by) if last_saved_by else "",
            at=current.updated_at,
            version=current.version,
        )
    return None


def _sync_plans(round: Round, user) -> None:
    """Keep a Plan row per filled-in plan question, for the home page.

    ``user`` notes who wrote the plan first; who sees and ticks it off follows
    the round (``selectors.plans_for``). A plan whose text changes is open again.
    """
    for question in content_files.questions(round.handvat.content):
        if question["type"] != "plan":
            continue
        value = round.answers.get(question["key"]) or {}
        what = (value.get("wat") or "").strip()
        plan = Plan.objects.filter(round=round, question_key=question["key"]).first()
        if not what:
            if plan is not None and plan.done_at is None:
                plan.delete()
            continue
        if plan is None:
            plan = Plan(
                round=round,
                question_key=question["key"],
                school=round.school,
                user=round.owner if round.scope in (Scope.PERSONAL, Scope.SHARED) else user,
            )
        elif plan.what != what:
            plan.done_at = None
        when = (value.get("wanneer") or "").strip()[:200]
        with_whom = (value.get("met_wie") or "").strip()[:200]
        if plan.pk is not None and (plan.what, plan.when, plan.with_whom) == (
            what,
            when,
            with_whom,
        ):
            # Typing elsewhere in the round: the plan stays as it is (and the
            # pages listing plans stay kept).
            continue
        plan.what, plan.when, plan.with_whom = what, when, with_whom
        plan.save()


def complete_round(*, round: Round) -> bool:
    """Finish the round; False when it was finished already (its date stays).

    One conditional UPDATE, so two people finishing at once cannot move the
    completion date either.
    """
    now = timezone.now()
    finished = Round.objects.filter(pk=round.pk, completed_at__isnull=True).update(completed_at=now)
    if finished:
        round.completed_at = now
    else:
        round.refresh_from_db(fields=["completed_at"])
    return bool(finished)


def reopen_round(*, round: Round) -> bool:
    """Open a finished round again; False when the owner already has an open one."""
    round.completed_at = None
    try:
        with transaction.atomic():
            round.save(update_fields=["completed_at"])
    except IntegrityError:
        round.refresh_from_db()
        return False
    return True


def mark_plan_done(*, plan: Plan) -> None:
    plan.done_at = timezone.now()
    plan.save(update_fields=["done_at"])
