"""A group's sociogram: the questions, who took part, who chose whom, and what
the teacher knows (the most sensitive data of the product; rules in README.md)."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from welbevinden.schools.models import Group, Pupil, School

# Letters and digits a child cannot mix up (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_pupil_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class State(models.TextChoices):
    DRAFT = "draft", _("In voorbereiding")
    OPEN = "open", _("Afname open")
    CLOSED = "closed", _("Afgesloten")


class Sociogram(models.Model):
    """One measurement of one group, with the handvat's reflection (stap 3) and plan (stap 4)."""

    school = models.ForeignKey(School, models.CASCADE, related_name="sociograms")
    group = models.ForeignKey(Group, models.CASCADE, related_name="sociograms")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("naam"), max_length=80)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    # [{"key", "text", "polarity": "+"|"-", "on": bool, "feeds": bool}], see questions.py
    questions = models.JSONField(default=list)
    max_choices = models.PositiveSmallIntegerField(
        _("hoogstens zoveel namen per vraag"),
        null=True,
        blank=True,
        help_text=_("Leeg: zoveel als de leerling wil (dat geeft de betrouwbaarste uitkomst)."),
    )
    # Stap 3 and 4 of the handvat: its question keys (verrassingen, kansen,
    # evalueren) and the plan {"wat", "wanneer", "met_wie"}.
    reflection = models.JSONField(default=dict, blank=True)
    # Goes up with every save of the reflection, so a save from an older page
    # is a conflict instead of overwriting a colleague's text (as the handvatten).
    reflection_version = models.PositiveIntegerField(default=0)
    reflection_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A group round of the handvat from before this module (migration 0002).
    source_round = models.OneToOneField(
        "circles.Round", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What is left after the raw nominations are purged (services.purge).
    summary = models.JSONField(default=dict, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sociogram")
        verbose_name_plural = _("sociogrammen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.group}: {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == State.CLOSED

    @property
    def from_handvat(self) -> bool:
        return self.source_round_id is not None

    @property
    def asked(self) -> list[dict]:
        return [q for q in self.questions if q.get("on")]


class Respondent(models.Model):
    """A pupil of the group at the time of the sociogram, and whether they answered.

    The one-time code exists only while the afname is open and the pupil has
    not answered yet; it is cleared on answering and on closing.
    """

    class Via(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("op papier")

    sociogram = models.ForeignKey(Sociogram, models.CASCADE, related_name="respondents")
    pupil = models.ForeignKey(Pupil, models.CASCADE, related_name="+")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    answer_code = models.CharField(max_length=CODE_LENGTH, null=True, blank=True, unique=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices, blank=True)

    class Meta:
        ordering = ["pupil__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["sociogram", "pupil"], name="one_respondent_per_pupil")
        ]

    def __str__(self):
        return str(self.pupil)

    @property
    def first_name(self) -> str:
        # Pupils see only first names (roepnaam), nothing else of the school.
        return self.pupil.display_name.split(" ")[0]


class Nomination(models.Model):
    """Raw: one pupil named another for one question. Purged after the school year."""

    sociogram = models.ForeignKey(Sociogram, models.CASCADE, related_name="nominations")
    question = models.CharField(max_length=20)
    rater = models.ForeignKey(Respondent, models.CASCADE, related_name="given")
    chosen = models.ForeignKey(Respondent, models.CASCADE, related_name="received")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rater", "question", "chosen"], name="one_nomination_per_choice"
            ),
            models.CheckConstraint(
                condition=~models.Q(rater=models.F("chosen")), name="no_self_nomination"
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.rater_id} -> {self.chosen_id}"


class Flag(models.TextChoices):
    # Short names of ours for what the handreiking describes (handvat "Iedereen
    # hoort erbij. Maak leerlingen (mede) verantwoordelijk", stap 1: "krachtige
    # stabiele persoonlijkheden", "minder stevig in hun schoenen staan"; the
    # sociogram's stap 4 tips: "prosociale", "externaliserend gedrag", "sociaal
    # zwakkere leerlingen"). The notes page quotes those words beside them.
    STABLE = "stabiel", _("krachtige stabiele persoonlijkheid")
    PROSOCIAL = "prosociaal", _("prosociaal")
    EXTERNALISING = "externaliserend", _("externaliserend gedrag")
    VULNERABLE = "kwetsbaar", _("sociaal zwakker")


class PupilNote(models.Model):
    """What the teacher knows of a pupil in this group this year (stap 3)."""

    school = models.ForeignKey(School, models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, models.CASCADE, related_name="sociogram_notes")
    pupil = models.ForeignKey(Pupil, models.CASCADE, related_name="+")
    flags = models.JSONField(default=list, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    # Goes up with every save (0: no note yet), so a save from an older page
    # is a conflict instead of overwriting a colleague's note.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "pupil"], name="one_note_per_pupil_per_group")
        ]

    def __str__(self):
        return f"{self.group}: {self.pupil}"

    def has(self, flag: str) -> bool:
        return flag in self.flags


class Seen(models.TextChoices):
    RESULTS = "results", _("bekeek de uitkomsten")
    PAPER = "paper", _("voerde papieren antwoorden in")
    NOTES = "notes", _("bekeek de notities")
    SLIPS = "slips", _("printte de codes")
    QUESTIONNAIRE = "questionnaire", _("printte de vragenlijst")
    REPORT = "report", _("printte het klasrapport")
    SEATING = "seating", _("bekeek de groepsindeling")
    SEATING_PDF = "seating-pdf", _("printte de groepsindeling")


class AccessRecord(models.Model):
    """Who looked at or exported a group's sociogram, and when; never what was shown."""

    school = models.ForeignKey(School, models.CASCADE, related_name="sociogram_access")
    group = models.ForeignKey(Group, models.SET_NULL, null=True, related_name="+")
    group_name = models.CharField(max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    user_name = models.CharField(max_length=150)
    what = models.CharField(max_length=20, choices=Seen.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.what} {self.group_name}"


class Arrangement(models.TextChoices):
    PAIRS = "pairs", _("tweetallen")
    ROWS = "rows", _("rijen")
    TABLES = "tables", _("groepjes van vier")


class SeatingPlan(models.Model):
    """One saved version of a seating plan (stap 4); every change saves a new version."""

    sociogram = models.ForeignKey(Sociogram, models.CASCADE, related_name="seating_plans")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveSmallIntegerField()
    rows = models.PositiveSmallIntegerField(_("rijen"))
    cols = models.PositiveSmallIntegerField(_("plaatsen per rij"))
    arrangement = models.CharField(
        _("opstelling"), max_length=10, choices=Arrangement.choices, default=Arrangement.PAIRS
    )
    # {"seat index": respondent id}; locked: seat indexes the teacher fixed.
    seats = models.JSONField(default=dict)
    locked = models.JSONField(default=list, blank=True)
    seed = models.PositiveIntegerField(default=1)
    made_by_hand = models.BooleanField(default=False)  # a swap, not the generator
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["sociogram", "version"], name="one_seating_plan_per_version"
            )
        ]

    def __str__(self):
        return f"{self.sociogram} v{self.version}"
