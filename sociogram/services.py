"""Writes of the sociogram: setting up, the afname, answers, notes, the access log, the purge."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sociogram import questions as q
from sociogram import seating
from sociogram.analysis import MIN_PARTICIPATION, MIN_RESPONDENTS, Result, analyse
from sociogram.models import (
    AccessRecord,
    Flag,
    Nomination,
    PupilNote,
    Respondent,
    SeatingPlan,
    Sociogram,
    State,
    new_pupil_code,
)
from welbevinden.schools.models import Pupil, SchoolYear


class AnswerError(Exception):
    """Answers that cannot be saved; the message is for the user (Dutch)."""


def _group_pupils(group) -> list[Pupil]:
    return list(
        Pupil.objects.active()
        .filter(placements__group=group, placements__school_year_id=group.school_year_id)
        .order_by("display_name")
    )


@transaction.atomic
def create_sociogram(
    *, group, user, title: str, questions: list[dict], max_choices: int | None
) -> Sociogram:
    sociogram = Sociogram.objects.create(
        school_id=group.school_id,
        group=group,
        title=title,
        questions=questions,
        max_choices=max_choices,
        created_by=user,
    )
    add_missing_pupils(sociogram)
    return sociogram


def add_missing_pupils(sociogram: Sociogram) -> int:
    """Pupils placed in the group after the set-up take part too."""
    known = set(sociogram.respondents.values_list("pupil_id", flat=True))
    new = [
        Respondent(sociogram=sociogram, pupil=p)
        for p in _group_pupils(sociogram.group)
        if p.pk not in known
    ]
    Respondent.objects.bulk_create(new)
    if new and sociogram.is_open:
        _give_codes(sociogram)
    return len(new)


def _give_codes(sociogram: Sociogram) -> None:
    for respondent in sociogram.respondents.filter(answered_at__isnull=True, answer_code=None):
        for _attempt in range(20):
            respondent.answer_code = new_pupil_code()
            try:
                with transaction.atomic():
                    respondent.save(update_fields=["answer_code"])
                break
            except IntegrityError:  # the code is in use elsewhere: draw again
                continue


@transaction.atomic
def open_afname(sociogram: Sociogram) -> None:
    sociogram.state = State.OPEN
    sociogram.opened_at = sociogram.opened_at or timezone.now()
    sociogram.save(update_fields=["state", "opened_at"])
    add_missing_pupils(sociogram)
    _give_codes(sociogram)


@transaction.atomic
def close_afname(sociogram: Sociogram) -> None:
    """Codes expire: a slip found later opens nothing."""
    sociogram.state = State.CLOSED
    sociogram.closed_at = timezone.now()
    sociogram.save(update_fields=["state", "closed_at"])
    sociogram.respondents.update(answer_code=None)


def check_answers(
    sociogram: Sociogram, rater: Respondent, answers: dict[str, list[int]], ids: set[int]
) -> dict[str, list[int]]:
    """Clean answers {question key: [respondent ids]} or AnswerError."""
    asked = {question["key"] for question in sociogram.asked}
    cleaned = {}
    for key, chosen in answers.items():
        if key not in asked:
            continue
        chosen = list(dict.fromkeys(chosen))
        if rater.pk in chosen:
            raise AnswerError("Je kunt jezelf niet kiezen.")
        if any(c not in ids for c in chosen):
            raise AnswerError("Kies alleen klasgenoten uit de lijst.")
        if sociogram.max_choices and len(chosen) > sociogram.max_choices:
            raise AnswerError(f"Kies hoogstens {sociogram.max_choices} namen per vraag.")
        cleaned[key] = chosen
    return cleaned


@transaction.atomic
def submit_online(*, sociogram: Sociogram, respondent_id: int, answers: dict[str, list[int]]):
    """A pupil's answers, once. Returns False when this code was used or expired meanwhile."""
    respondent = (
        Respondent.objects.select_for_update().filter(pk=respondent_id, sociogram=sociogram).first()
    )
    if respondent is None or respondent.answered_at or not respondent.answer_code:
        return False
    if not Sociogram.objects.filter(pk=sociogram.pk, state=State.OPEN).exists():
        return False
    ids = set(sociogram.respondents.values_list("pk", flat=True))
    cleaned = check_answers(sociogram, respondent, answers, ids)
    _store(sociogram, respondent, cleaned)
    respondent.answered_at = timezone.now()
    respondent.answer_code = None
    respondent.via = Respondent.Via.ONLINE
    respondent.save(update_fields=["answered_at", "answer_code", "via"])
    return True


@transaction.atomic
def enter_on_paper(
    *, sociogram: Sociogram, respondent: Respondent, answers: dict[str, list[int]]
) -> None:
    """The teacher types a paper questionnaire in (again): replaces what was there."""
    sociogram.nominations.filter(rater=respondent).delete()
    _store(sociogram, respondent, answers)
    respondent.answered_at = respondent.answered_at or timezone.now()
    respondent.answer_code = None
    respondent.via = respondent.via or Respondent.Via.PAPER
    respondent.save(update_fields=["answered_at", "answer_code", "via"])


NOT_TAKEN_PART = "-"


def paper_state(took_part: bool, answers: dict[str, list[int]], keys: list[str]) -> str:
    """One row of the paper grid in one line: whether the pupil took part and,
    per question, whom they chose (respondent ids). The page sends back the
    row as it showed it, so a save changes only the rows this person changed."""
    if not took_part:
        return NOT_TAKEN_PART
    return ";".join(
        f"{key}:{','.join(str(i) for i in sorted(set(answers.get(key, []))))}" for key in keys
    )


def parse_paper_state(state: str) -> tuple[bool, dict[str, list[int]]]:
    if state == NOT_TAKEN_PART:
        return False, {}
    answers = {}
    for part in state.split(";"):
        key, _sep, ids = part.partition(":")
        answers[key] = [int(i) for i in ids.split(",") if i.isdigit()]
    return True, answers


@dataclass(frozen=True)
class PaperRow:
    respondent_id: int
    was: str  # paper_state of the row as the page showed it
    took_part: bool
    answers: dict[str, list[int]]


@transaction.atomic
def save_paper_rows(*, sociogram: Sociogram, rows: list[PaperRow]) -> dict[int, str]:
    """Store the rows this person changed; a row someone else saved since the page
    was loaded is left as it is and comes back (respondent id: the state saved
    now), so a colleague's entries or a pupil's online answers are never lost."""
    keys = [question["key"] for question in sociogram.asked]
    respondents = {r.pk: r for r in sociogram.respondents.select_for_update()}
    saved: dict[int, dict[str, list[int]]] = {}
    for key, rater, chosen in sociogram.nominations.values_list("question", "rater", "chosen"):
        saved.setdefault(rater, {}).setdefault(key, []).append(chosen)
    conflicts = {}
    for row in rows:
        respondent = respondents[row.respondent_id]
        current = paper_state(
            respondent.answered_at is not None, saved.get(respondent.pk, {}), keys
        )
        mine = paper_state(row.took_part, row.answers, keys)
        if mine in (row.was, current):
            continue  # not changed on this page, or already saved so
        if current != row.was:
            conflicts[respondent.pk] = current
        elif row.took_part:
            enter_on_paper(sociogram=sociogram, respondent=respondent, answers=row.answers)
        elif respondent.via == Respondent.Via.PAPER:
            mark_absent(respondent)  # a pupil's own online answers stay
    return conflicts


def mark_absent(respondent: Respondent) -> None:
    """Undo a paper entry: the pupil did not take part after all."""
    with transaction.atomic():
        respondent.given.all().delete()
        respondent.answered_at = None
        respondent.via = ""
        respondent.save(update_fields=["answered_at", "via"])


def _store(sociogram, rater, answers: dict[str, list[int]]) -> None:
    Nomination.objects.bulk_create(
        Nomination(sociogram=sociogram, question=key, rater=rater, chosen_id=chosen)
        for key, chosen_ids in answers.items()
        for chosen in chosen_ids
    )


def split_nominations(
    sociogram: Sociogram, nominations, only: str | None = None
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The (question, rater, chosen) nominations as the positive and negative choices
    that feed the analysis (``only``: one question's), keyed by the ids as text."""
    if only:
        polarity = next((x["polarity"] for x in sociogram.asked if x["key"] == only), q.POSITIVE)
        positive_keys = {only} if polarity == q.POSITIVE else set()
        negative_keys = {only} if polarity == q.NEGATIVE else set()
    else:
        positive_keys = q.feeding(sociogram.questions, q.POSITIVE)
        negative_keys = q.feeding(sociogram.questions, q.NEGATIVE)
    positive: dict[str, set[str]] = {}
    negative: dict[str, set[str]] = {}
    for key, rater, chosen in nominations:
        if key in positive_keys:
            positive.setdefault(str(rater), set()).add(str(chosen))
        elif key in negative_keys:
            negative.setdefault(str(rater), set()).add(str(chosen))
    return positive, negative


def run_analysis(
    sociogram: Sociogram,
    respondents: list[Respondent],
    nominations: list[tuple[str, int, int]],
    only: str | None = None,
) -> Result:
    """The analysis of the stored answers; ``only`` one question's (the picture's filter).

    Pupils are the respondents' ids as text; nominations are (question, rater, chosen).
    """
    positive, negative = split_nominations(sociogram, nominations, only)
    return analyse(
        pupils=[str(r.pk) for r in respondents],
        respondents={str(r.pk) for r in respondents if r.answered_at},
        positive=positive,
        negative=negative,
    )


@transaction.atomic
def save_reflection(*, sociogram: Sociogram, data: dict, version: int, user) -> Sociogram | None:
    """Stap 3 and 4's answers; the current sociogram (a conflict) when a colleague
    saved them since this person's page was loaded, and then nothing is saved."""
    current = Sociogram.objects.select_for_update().get(pk=sociogram.pk)
    merged = {**current.reflection, **data}
    if current.reflection_version != version:
        return None if merged == current.reflection else current
    if merged != current.reflection:
        current.reflection = merged
        current.reflection_version += 1
        current.reflection_by = user
        current.save(update_fields=["reflection", "reflection_version", "reflection_by"])
    sociogram.reflection = current.reflection
    sociogram.reflection_version = current.reflection_version
    return None


def note_digest(flags: list[str], note: str) -> str:
    """A short fingerprint of a pupil's note as a page showed it: tells whether
    this person changed the row (the page sends it back) without sending the
    note twice."""
    text = "|".join(sorted(flags)) + "\n" + note.replace("\r\n", "\n")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@transaction.atomic
def save_note(
    *, group, pupil, flags: list[str], note: str, user, version: int | None = None
) -> PupilNote | None:
    """One pupil's flags and note. With ``version`` (0: the page had no note) a
    note a colleague saved since is not overwritten: it comes back as the conflict."""
    current = PupilNote.objects.select_for_update().filter(group=group, pupil=pupil).first()
    if version is not None and (current.version if current else 0) != version:
        if current is not None and sorted(current.flags) == sorted(flags) and current.note == note:
            return None
        return current or PupilNote(group=group, pupil=pupil, flags=[], note="", version=0)
    if current is None and (flags or note):
        PupilNote.objects.create(
            school_id=group.school_id,
            group=group,
            pupil=pupil,
            flags=flags,
            note=note,
            updated_by=user,
        )
    elif current is not None and (sorted(current.flags) != sorted(flags) or current.note != note):
        current.flags, current.note, current.updated_by = flags, note, user
        current.version += 1
        current.save(update_fields=["flags", "note", "updated_by", "version", "updated_at"])
    return None


def log_access(*, access, group, what: str) -> None:
    """Every view and export of a group's nominations, notes or pictures (privacy, point 7)."""
    AccessRecord.objects.create(
        school=access.school,
        group=group,
        group_name=group.name,
        user=access.user,
        user_name=access.user.full_name or access.user.email,
        what=what,
    )


def summarise(sociogram: Sociogram) -> dict:
    respondents = list(sociogram.respondents.select_related("pupil"))
    nominations = list(sociogram.nominations.values_list("question", "rater_id", "chosen_id"))
    result = run_analysis(sociogram, respondents, nominations)
    return {
        "participation": result.participation,
        "cohesion": result.cohesion,
        "dissociation": result.dissociation,
        "coherence": result.coherence,
        "density": result.density,
        "subgroups": len(result.subgroups),
        "withheld": result.withheld,
        "pupils": {
            str(r.pupil.code): {
                "lm": result.pupils[str(r.pk)].lm,
                "ll": result.pupils[str(r.pk)].ll,
                "status": result.pupils[str(r.pk)].status,
                "isolated": result.pupils[str(r.pk)].isolated,
                "took_part": result.pupils[str(r.pk)].took_part,
            }
            for r in respondents
        },
    }


def purge(today: datetime.date, keep_days: int | None = None) -> int:
    """Delete the raw nominations and the seating plans built from them once the
    group's school year has ended (or ``keep_days`` after closing, when the
    school set that); keep the summary."""
    # A school year runs from 1 August to 31 July (SchoolYear).
    due = Q(group__school_year__start_year__lt=SchoolYear.start_year_for(today))
    if keep_days is not None:
        due |= Q(closed_at__date__lt=today - datetime.timedelta(days=keep_days))
    purged = 0
    for sociogram in Sociogram.objects.filter(due, purged_at__isnull=True, source_round=None):
        with transaction.atomic():
            sociogram.summary = summarise(sociogram)
            sociogram.nominations.all().delete()
            # A seating plan is built from the choices and explains each seat by them.
            sociogram.seating_plans.all().delete()
            sociogram.respondents.update(answer_code=None)
            if sociogram.state != State.CLOSED:
                sociogram.state = State.CLOSED
                sociogram.closed_at = timezone.now()
            sociogram.purged_at = timezone.now()
            sociogram.save(update_fields=["summary", "purged_at", "state", "closed_at"])
        purged += 1
    return purged


def purge_notes(today: datetime.date) -> int:
    """Delete what teachers noted on pupils (flags and notes, stap 3) once the
    group's school year has ended: the notes are about this group this year,
    and nothing after it needs them (the summaries do not hold them)."""
    ended = PupilNote.objects.filter(
        group__school_year__start_year__lt=SchoolYear.start_year_for(today)
    )
    deleted, _by_model = ended.delete()
    return deleted


# Seating plan (stap 4) ----------------------------------------------------------


def seating_pupils(result: Result, notes: dict[int, PupilNote], respondents) -> list:
    """The generator's view of each pupil: choices from the sociogram, flags from the notes."""
    # "Nobody chose them" says something about a child only when most of the
    # class answered; with few answers it mostly says who did not answer.
    # A missing answer never makes a child "socially weaker" (see seating.py).
    enough_answered = (
        result.participation >= MIN_PARTICIPATION and result.respondents >= MIN_RESPONDENTS
    )
    pupils = []
    for respondent in respondents:
        r = result.pupils[str(respondent.pk)]
        note = notes.get(respondent.pupil_id)
        flags = set(note.flags) if note else set()
        pupils.append(
            seating.Pupil(
                id=str(respondent.pk),
                chose=r.chose,
                externalising=Flag.EXTERNALISING in flags,
                prosocial=Flag.PROSOCIAL in flags,
                # Socially weaker: the teacher says so, nobody chose them, or
                # (with negative questions) a clearly low social preference.
                weak=Flag.VULNERABLE in flags
                or (enough_answered and r.isolated)
                or (enough_answered and result.has_negative and r.z_sp < -1.0),
                liked=r.z_lm > 0,
                subgroup=r.subgroup,
                rejects_mutually=r.mutual_rejections,
                took_part=r.took_part,
            )
        )
    return pupils


@transaction.atomic
def save_seating_plan(
    *,
    sociogram: Sociogram,
    rows: int,
    cols: int,
    arrangement: str,
    seats: dict[int, str],
    locked: list[int],
    seed: int,
    user,
    by_hand: bool = False,
    based_on: int | None = None,
) -> SeatingPlan | None:
    """A new version; None (nothing saved) when it was made from ``based_on`` and a
    colleague saved a later version in the meantime."""
    last = sociogram.seating_plans.select_for_update().order_by("-version").first()
    if (last.version if last else None) != based_on:
        return None
    return SeatingPlan.objects.create(
        sociogram=sociogram,
        version=(last.version + 1) if last else 1,
        rows=rows,
        cols=cols,
        arrangement=arrangement,
        seats={str(seat): int(pid) for seat, pid in seats.items()},
        locked=sorted(locked),
        seed=seed,
        made_by_hand=by_hand,
        created_by=user,
    )
