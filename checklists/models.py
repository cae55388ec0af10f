"""Checklists filled in as a team, the goals that come of them, and check-ins.

A checklist round is one school's time through one checklist in one school
year. Every kernteam member answers each item on their own (``Response``);
the kernteam then records what it agrees (``Agreement``). An item agreed as
"prioriteit" can become a ``Goal`` with ``Action``s on the team agenda.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from welbevinden.schools.models import Membership, School, SchoolYear


class Answer(models.TextChoices):
    GOED = "goed", _("Goed geregeld")
    AANDACHT = "aandacht", _("Aandacht nodig")
    PRIORITEIT = "prioriteit", _("Prioriteit")
    WEET_NIET = "weet-niet", _("Weet ik niet")


class ChecklistRound(models.Model):
    school = models.ForeignKey(School, models.CASCADE, related_name="checklist_rounds")
    school_year = models.ForeignKey(SchoolYear, models.PROTECT, related_name="checklist_rounds")
    checklist = models.CharField(max_length=60)  # the key of a file in checklists/content/
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # What a school wrote in the handvat before the checklist existed, word for word.
    carried_over = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-school_year__start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "checklist"], name="one_checklist_round_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.checklist} {self.school_year}"


class Response(models.Model):
    """One member's own answer to one item."""

    round = models.ForeignKey(ChecklistRound, models.CASCADE, related_name="responses")
    membership = models.ForeignKey(Membership, models.CASCADE, related_name="+")
    item = models.CharField(max_length=60)
    answer = models.CharField(max_length=12, choices=Answer.choices, blank=True)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "membership", "item"], name="one_response_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.answer}"


class Agreement(models.Model):
    """What the kernteam agreed on one item."""

    round = models.ForeignKey(ChecklistRound, models.CASCADE, related_name="agreements")
    item = models.CharField(max_length=60)
    answer = models.CharField(_("afgesproken antwoord"), max_length=12, choices=Answer.choices)
    note = models.TextField(_("toelichting"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Goes up with every save: a save from an older version is a conflict.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="one_agreement_per_item"),
        ]

    def __str__(self):
        return f"{self.item}: {self.answer}"


class Agenda(models.Model):
    """The team's answers to the teamagenda handvat's questions, one per school."""

    school = models.OneToOneField(School, models.CASCADE, related_name="team_agenda")
    on_agenda = models.TextField(
        _("Hoe zorgen jullie ervoor dat het thema blijvend op de agenda staat?"), blank=True
    )
    involve = models.TextField(
        _("Hoe betrekken jullie ouders/leerlingen bij de doelen?"), blank=True
    )
    monitoring = models.TextField(
        _("Welke mogelijkheden hebben jullie om het welbevinden van leerlingen te monitoren?"),
        blank=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Goes up with every save: a save from an older version is a conflict.
    version = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.school}"


class Goal(models.Model):
    school = models.ForeignKey(School, models.CASCADE, related_name="goals")
    school_year = models.ForeignKey(SchoolYear, models.PROTECT, related_name="goals")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("doel"), max_length=200)
    target = models.CharField(
        _("voor wie"), max_length=150, blank=True, help_text=_("De hele school, of een groep.")
    )
    monitoring = models.TextField(_("hoe volgen we het?"), blank=True)
    evaluate_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    evaluated_on = models.DateField(null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    learned = models.TextField(_("wat hebben we geleerd?"), blank=True)
    # Goes up with every evaluation: one from an older version is a conflict.
    version = models.PositiveIntegerField(default=0)
    # The checklist item it came from, if any.
    source_round = models.ForeignKey(
        ChecklistRound, models.SET_NULL, null=True, blank=True, related_name="goals"
    )
    source_item = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluated_on", "evaluate_on", "pk"]

    def __str__(self):
        return self.title


class ClassGoal(models.Model):
    """A teacher's own goal for their class(es): the handvat's "Welke doelen stel jij voor
    jouw klas(sen)?". Personal, as that step of the handvat is: its author alone reads it."""

    school = models.ForeignKey(School, models.CASCADE, related_name="class_goals")
    school_year = models.ForeignKey(SchoolYear, models.PROTECT, related_name="class_goals")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    text = models.CharField(_("doel voor jouw klas(sen)"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Action(models.Model):
    goal = models.ForeignKey(Goal, models.CASCADE, related_name="actions")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    what = models.CharField(_("wat"), max_length=200)
    who = models.ForeignKey(
        Membership,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    due = models.DateField(_("wanneer"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due", "pk"]

    def __str__(self):
        return self.what


class Prompt(models.TextChoices):
    # The handreiking's check-in forms (cirkel 4, handvat check-in).
    WEERBERICHT = "weerbericht", _("Weerbericht van je gevoel")
    EEN_WOORD = "een-woord-beeld", _("Eén woord")
    EMOJI = "emoji", _("Emoji")
    GESLAAGDE_WERKDAG = "geslaagde-werkdag", _("Wanneer is een werkdag voor jou geslaagd?")
    LACHEN = "lachen", _("Wat heeft je vandaag aan het lachen gemaakt?")


class CheckIn(models.Model):
    school = models.ForeignKey(School, models.CASCADE, related_name="check_ins")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Short, typed by hand from the projected page.
    short = models.CharField(max_length=8, unique=True)
    meeting = models.CharField(_("vergadering"), max_length=120)
    prompt = models.CharField(_("check-in"), max_length=20, choices=Prompt.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return self.meeting


class CheckInTally(models.Model):
    """How many colleagues gave this answer. Answers are counted, never stored one per
    person, so not even the database can tell who answered what; who took part is
    kept apart (``CheckInParticipant``) only so nobody answers twice.

    Nothing here gives the order of answers away: the key is random (a counting
    id would line the first tally row up with the first participant), there is
    no timestamp, and a choice prompt's rows are all made when the check-in
    starts, so an answer only adds one to a row that was already there."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    check_in = models.ForeignKey(CheckIn, models.CASCADE, related_name="tallies")
    value = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_in", "value"], name="one_tally_per_value_v2"),
        ]

    def __str__(self):
        return f"{self.value}: {self.count}"


class CheckInParticipant(models.Model):
    """Who answered, so nobody answers twice; under a random key, so not in which order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    check_in = models.ForeignKey(CheckIn, models.CASCADE, related_name="participants")
    membership = models.ForeignKey(Membership, models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_in", "membership"], name="one_answer_each_v2"),
        ]

    def __str__(self):
        return f"{self.check_in_id}"
