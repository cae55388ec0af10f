import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from welbevinden.schools.models import Group, Role, School


class Scope(models.TextChoices):
    # Who a handvat's answers belong to, and so who may read them (privacy rules).
    PERSONAL = "personal", _("Persoonlijk")
    GROUP = "group", _("Per groep")
    SCHOOL = "school", _("Schoolbreed")
    # What a pair or trio of colleagues agrees to share after preparing
    # privately (the handreiking's "in tweetallen of drietallen"): one of them
    # records it, every member of the school reads it.
    SHARED = "shared", _("Gedeeld met het team")


class Edition(models.Model):
    """One load of the content files; the newest is in use."""

    checksum = models.CharField(max_length=64, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    introduction = models.JSONField(default=dict)

    class Meta:
        ordering = ["-loaded_at"]
        get_latest_by = "loaded_at"

    def __str__(self):
        return f"{self.loaded_at:%Y-%m-%d} ({self.checksum[:8]})"


class Circle(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    key = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    content = models.JSONField(default=dict)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Handvat(models.Model):
    """A handvat of the handreiking; answers point at its stable key, never at its text."""

    key = models.SlugField(unique=True)
    circle = models.ForeignKey(Circle, models.PROTECT, related_name="handvatten")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=250)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    content = models.JSONField(default=dict)
    # A handvat that a new edition drops keeps its answers but is no longer offered.
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["circle__number", "position"]
        verbose_name_plural = "handvatten"

    def __str__(self):
        return self.title

    @property
    def steps(self) -> list[dict]:
        return self.content.get("steps", [])


class RoundQuerySet(models.QuerySet):
    def visible_to(self, membership):
        """Rounds this member may open at all. Personal rounds are the author's alone."""
        return self.filter(
            Q(scope__in=[Scope.SCHOOL, Scope.SHARED])
            | Q(scope=Scope.GROUP)
            | Q(scope=Scope.PERSONAL, owner_id=membership.user_id)
        )

    def editable_by(self, membership):
        """Rounds this member may fill in now: the query form of ``permissions.can_edit``.

        Group and school work belongs to whoever does that work today, so a
        teacher who hands over a group hands over its rounds (and their plans).
        """
        allowed = Q(scope__in=[Scope.PERSONAL, Scope.SHARED], owner_id=membership.user_id)
        if membership.has_role(Role.LERAAR):
            allowed |= Q(scope=Scope.GROUP, group__teachers=membership)
        if membership.has_role(Role.KERNTEAM):
            allowed |= Q(scope=Scope.SCHOOL)
        return self.filter(allowed, school_id=membership.school_id)


class Round(models.Model):
    """One time through a handvat (each term, each year …), with its answers.

    Answers are a JSON object keyed by the content's stable question keys.
    ``version`` goes up with every save, so a save made from an older version
    by someone else is recognised as a conflict instead of overwriting.
    """

    school = models.ForeignKey(School, models.CASCADE, related_name="handvat_rounds")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    handvat = models.ForeignKey(Handvat, models.PROTECT, related_name="rounds")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        Group, models.CASCADE, null=True, blank=True, related_name="handvat_rounds"
    )
    number = models.PositiveSmallIntegerField(default=1)
    answers = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    # What an autosave writes (services.save_answers); lists of rounds and
    # plans leave them out (welbevinden/core/pagecache.py, ``typed``).
    TYPED_FIELDS = ("answers", "version", "updated_by", "updated_at")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="personal", owner__isnull=False, group__isnull=True)
                    | Q(scope="shared", owner__isnull=False, group__isnull=True)
                    | Q(scope="group", owner__isnull=True, group__isnull=False)
                    | Q(scope="school", owner__isnull=True, group__isnull=True)
                ),
                name="round_owner_matches_scope",
            ),
            # One open round and one round per number, per owner: a double
            # click on "start" cannot hide a round behind another.
            *[
                constraint
                for scope, owner in (
                    ("personal", ["school", "owner"]),
                    ("shared", ["school", "owner"]),
                    ("group", ["group"]),
                    ("school", ["school"]),
                )
                for constraint in (
                    models.UniqueConstraint(
                        fields=["handvat", *owner],
                        condition=Q(scope=scope, completed_at__isnull=True),
                        name=f"one_open_{scope}_round",
                    ),
                    models.UniqueConstraint(
                        fields=["handvat", *owner, "number"],
                        condition=Q(scope=scope),
                        name=f"unique_{scope}_round_number",
                    ),
                )
            ],
        ]

    def __str__(self):
        return f"{self.handvat} #{self.number}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Plan(models.Model):
    """A small plan from a handvat: what, when, with whom; on a home page until done.

    A plan belongs to its round's owner: a personal plan to its author, a
    group's or the school's plan to whoever may fill in that round now
    (``selectors.open_plans``). ``user`` records who wrote it first; it
    grants nothing.
    """

    school = models.ForeignKey(School, models.CASCADE, related_name="plans")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="plans")
    round = models.ForeignKey(Round, models.CASCADE, related_name="plans")
    question_key = models.SlugField()
    what = models.TextField(_("wat ga ik doen"))
    when = models.CharField(_("wanneer"), max_length=200, blank=True)
    with_whom = models.CharField(_("met wie"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "question_key"], name="one_plan_per_question"),
        ]

    def __str__(self):
        return self.what[:60]


class PartnerKind(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Wijkteam")
    JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
    GGD = "ggd", _("GGD")
    ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
    OUDERS = "ouders", _("Ouders")
    ANDERS = "anders", _("Anders")


class Partner(models.Model):
    """Cirkel 6: who the school works with in its surroundings."""

    school = models.ForeignKey(School, models.CASCADE, related_name="partners")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=PartnerKind.choices)
    contact_role = models.CharField(
        _("contactpersoon (rol)"),
        max_length=150,
        blank=True,
        help_text=_("Een functie, geen persoonsgegevens: bijvoorbeeld ‘jeugdverpleegkundige’."),
    )
    notes = models.TextField(_("aantekeningen"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class SchoolContext(models.Model):
    """Cirkel 6: the school's own description of its surroundings (wijk, thuissituaties …)."""

    school = models.OneToOneField(School, models.CASCADE, related_name="context")
    description = models.TextField(_("onze omgeving"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Omgeving van {self.school}"
