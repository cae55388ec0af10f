import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from circles.climate import content
from welbevinden.schools.models import Group, School


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Alleen ik")
    SHARED = "shared", _("Gedeeld met de andere leraren van de groep en de IB'ers")


class EntryQuerySet(models.QuerySet):
    def visible_to(self, membership):
        """Shared entries, and this member's own private ones: nobody else's private notes."""
        return self.filter(
            Q(visibility=Visibility.SHARED) | Q(author_id=membership.user_id),
            school_id=membership.school_id,
        )

    def shared(self):
        return self.filter(visibility=Visibility.SHARED)


class Entry(models.Model):
    """One look at a group's climate, by one of its teachers, on one day."""

    school = models.ForeignKey(School, models.CASCADE, related_name="climate_entries")
    group = models.ForeignKey(Group, models.CASCADE, related_name="climate_entries")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    day = models.DateField(_("datum"))
    # Keys of the groepsklimaat handvat's content (content.levels() …), never its words.
    level = models.CharField(_("klimaat"), max_length=40)
    phase = models.CharField(_("fase van de groep"), max_length=20, blank=True)
    time_spent = models.CharField(_("tijd voor groepsdynamiek"), max_length=20, blank=True)
    approach = models.CharField(_("proactief of reactief"), max_length=20, blank=True)
    went_well = models.TextField(_("wat ging goed"), blank=True)
    worries = models.TextField(_("waar maak ik me zorgen over"), blank=True)
    next_step = models.TextField(_("wat ik nu ga doen"), blank=True)
    next_handvat = models.CharField(_("handvat of werkvorm"), max_length=60, blank=True)
    followed_up_at = models.DateTimeField(_("opgevolgd op"), null=True, blank=True)
    visibility = models.CharField(
        _("wie ziet dit"), max_length=10, choices=Visibility.choices, default=Visibility.SHARED
    )
    # The other answers of a groepsklimaat round carried over by migration 0002.
    carried_over = models.TextField(blank=True)
    source_round = models.OneToOneField(
        "circles.Round", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("klimaatnotitie")
        verbose_name_plural = _("klimaatnotities")
        ordering = ["-day", "-created_at"]
        indexes = [models.Index(fields=["group", "day"])]

    def __str__(self):
        return f"{self.group} {self.day}"

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE

    @property
    def level_option(self):
        return content.find(content.levels(), self.level)

    @property
    def level_value(self) -> int:
        option = self.level_option
        return option.value if option else 0

    @property
    def phase_option(self):
        return content.find(content.phases(), self.phase)

    @property
    def time_option(self):
        return content.find(content.time_options(), self.time_spent)

    @property
    def approach_option(self):
        return content.find(content.approach_options(), self.approach)

    @property
    def next_option(self):
        return content.find(content.next_steps(), self.next_handvat)

    @property
    def has_action(self) -> bool:
        return bool(self.next_step or self.next_handvat)


class ReminderSettings(models.Model):
    """How often a school wants its teachers to look at each group's climate."""

    school = models.OneToOneField(School, models.CASCADE, related_name="climate_settings")
    weeks_in_golden_weeks = models.PositiveSmallIntegerField(
        _("herinnering tijdens de gouden weken, na … weken"), default=1
    )
    golden_weeks_until = models.DateField(
        _("de gouden weken lopen tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot en met 15 oktober (rond de herfstvakantie)."),
    )
    weeks_after = models.PositiveSmallIntegerField(_("herinnering daarna, na … weken"), default=2)

    class Meta:
        verbose_name = _("herinneringen klimaatlogboek")

    def __str__(self):
        return f"{self.school}: {self.weeks_in_golden_weeks}/{self.weeks_after}"

    def golden_weeks_end(self, start_year: int) -> datetime.date:
        if self.golden_weeks_until is not None:
            return self.golden_weeks_until
        return datetime.date(start_year, 10, 15)

    def interval_weeks(self, today: datetime.date, start_year: int) -> int:
        # The handreiking's example school spends the gouden weken, from the
        # start of the year to the herfstvakantie, on forming the group.
        if today <= self.golden_weeks_end(start_year):
            return self.weeks_in_golden_weeks
        return self.weeks_after


class ClassConversation(models.Model):
    """A class conversation held (handvat "Iedereen hoort erbij. Maak leerlingen
    (mede)verantwoordelijk voor de groepsdynamiek", step 2): which of the
    handreiking's questions were used and what came out. Read like group work:
    the group's teachers and the IB'ers."""

    school = models.ForeignKey(School, models.CASCADE, related_name="class_conversations")
    group = models.ForeignKey(Group, models.CASCADE, related_name="class_conversations")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    day = models.DateField(_("datum"))
    # Option keys of the handvat's question "klasvragen", never their words.
    questions = models.JSONField(_("besproken vragen"), default=list, blank=True)
    other_question = models.CharField(_("andere vraag"), max_length=300, blank=True)
    outcome = models.TextField(_("wat kwam eruit"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klassengesprek")
        verbose_name_plural = _("klassengesprekken")
        ordering = ["-day", "-created_at"]

    def __str__(self):
        return f"{self.group} {self.day}"

    @property
    def question_options(self):
        return [o for o in content.class_questions() if o.key in self.questions]


class ClassAgreements(models.Model):
    """A group's klassenafspraken, as they hang in the classroom (one set per group)."""

    school = models.ForeignKey(School, models.CASCADE, related_name="class_agreements")
    group = models.OneToOneField(Group, models.CASCADE, related_name="class_agreements")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=80, blank=True)
    text = models.TextField(_("afspraken"), help_text=_("Eén afspraak per regel."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("klassenafspraken")
        verbose_name_plural = _("klassenafspraken")

    def __str__(self):
        return f"{self.group}: {self.title}"

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class Feeling(models.TextChoices):
    # Our words for the five faces of the gevoelsthermometer, warm to cold; the
    # handreiking names the thermometer (cirkel 2) but not its steps.
    HEEL_GOED = "heel-goed", _("Heel goed")
    GOED = "goed", _("Goed")
    GAAT_WEL = "gaat-wel", _("Gaat wel")
    NIET_GOED = "niet-goed", _("Niet zo goed")
    HEEL_SLECHT = "slecht", _("Slecht")


class FeelingDay(models.Model):
    """How many pupils of a group chose each feeling on one day, and nothing else.

    Privacy by design: no pupil, no order, no time of a tap (no updated_at,
    on purpose); only five counts per group per day.
    """

    school = models.ForeignKey(School, models.CASCADE, related_name="feeling_days")
    group = models.ForeignKey(Group, models.CASCADE, related_name="feeling_days")
    day = models.DateField()
    heel_goed = models.PositiveIntegerField(default=0)
    goed = models.PositiveIntegerField(default=0)
    gaat_wel = models.PositiveIntegerField(default=0)
    niet_goed = models.PositiveIntegerField(default=0)
    slecht = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("gevoelsthermometer per dag")
        verbose_name_plural = _("gevoelsthermometer per dag")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["group", "day"], name="one_feeling_day_per_group")
        ]

    def __str__(self):
        return f"{self.group} {self.day}"

    @staticmethod
    def field_for(feeling: str) -> str:
        return Feeling(feeling).value.replace("-", "_")

    @property
    def counts(self) -> dict[str, int]:
        return {feeling.value: getattr(self, self.field_for(feeling)) for feeling in Feeling}
