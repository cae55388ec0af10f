import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class SchoolKind(models.TextChoices):
    PO = "po", _("Primair onderwijs (po)")
    VO = "vo", _("Voortgezet onderwijs (vo)")
    GO = "go", _("Gespecialiseerd onderwijs (go)")
    SO = "so", _("Speciaal onderwijs (so)")


class Role(models.TextChoices):
    BEHEERDER = "beheerder", _("Beheerder")
    KERNTEAM = "kernteam", _("Kernteam")
    IB = "ib", _("Intern begeleider / zorgcoördinator")
    DIRECTIE = "directie", _("Directie")
    LERAAR = "leraar", _("Leraar")


class Board(models.Model):
    """A school board (schoolbestuur): the schools it holds, seen together.

    Its members (``BoardMembership``) see the schools' dashboard figures side by
    side and for the board as a whole (``welbevinden/boards``), never a school's
    pages: a board member is no member of its schools.
    """

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam in de adresbalk"), max_length=60, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bestuur")
        verbose_name_plural = _("besturen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:60]
        super().save(*args, **kwargs)


class BoardRole(models.TextChoices):
    # Both see the same figures; the role says who someone is at the board.
    BESTUURDER = "bestuurder", _("Bestuurder")
    STAF = "staf", _("Stafmedewerker")


class BoardMembership(models.Model):
    """A user's place at a board: they see its figures, and nothing of a school's pages."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="board_memberships",
        verbose_name=_("gebruiker"),
    )
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="memberships", verbose_name=_("bestuur")
    )
    role = models.CharField(_("rol"), max_length=10, choices=BoardRole.choices)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bestuurslidmaatschap")
        verbose_name_plural = _("bestuurslidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "board"], name="one_membership_per_board"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.board}"


class School(models.Model):
    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam in de adresbalk"), max_length=60, unique=True)
    kind = models.CharField(_("soort onderwijs"), max_length=2, choices=SchoolKind.choices)
    board = models.ForeignKey(
        Board,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="schools",
        verbose_name=_("bestuur"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:60]
        super().save(*args, **kwargs)

    # The handreiking speaks of "groep" and "leerkracht" in po and of "klas"
    # and "docent" in vo; go/so schools resemble one or the other.
    @property
    def group_word(self) -> str:
        return str(_("klas") if self.kind == SchoolKind.VO else _("groep"))

    @property
    def group_word_plural(self) -> str:
        return str(_("klassen") if self.kind == SchoolKind.VO else _("groepen"))

    @property
    def teacher_word(self) -> str:
        return str(_("docent") if self.kind == SchoolKind.VO else _("leerkracht"))

    def current_year(self):
        return self.school_years.filter(is_current=True).first()


class SchoolYearQuerySet(models.QuerySet):
    def not_before(self, year: "SchoolYear | None"):
        if year is None:
            return self
        return self.filter(start_year__gte=year.start_year)


class SchoolYear(models.Model):
    """A Dutch school year, from 1 August to 31 July."""

    school = models.ForeignKey(
        School, models.CASCADE, related_name="school_years", verbose_name=_("school")
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    start_year = models.PositiveSmallIntegerField(_("beginjaar"))
    is_current = models.BooleanField(_("huidig schooljaar"), default=False)

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("schooljaar")
        verbose_name_plural = _("schooljaren")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "start_year"], name="one_year_per_start"),
            models.UniqueConstraint(
                fields=["school"], condition=Q(is_current=True), name="one_current_year"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 8, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 7, 31)

    @staticmethod
    def start_year_for(day: datetime.date) -> int:
        return day.year if day.month >= 8 else day.year - 1


class RoleFlags(models.Model):
    """The five roles as flags; a person may hold several at once."""

    is_beheerder = models.BooleanField(_("beheerder"), default=False)
    is_kernteam = models.BooleanField(_("kernteam"), default=False)
    is_ib = models.BooleanField(_("intern begeleider"), default=False)
    is_directie = models.BooleanField(_("directie"), default=False)
    is_leraar = models.BooleanField(_("leraar"), default=False)

    class Meta:
        abstract = True

    @property
    def roles(self) -> list[Role]:
        return [role for role in Role if getattr(self, f"is_{role.value}")]

    def set_roles(self, roles) -> None:
        chosen = {Role(role) for role in roles}
        for role in Role:
            setattr(self, f"is_{role.value}", role in chosen)

    def has_role(self, *roles: Role) -> bool:
        return any(getattr(self, f"is_{Role(role).value}") for role in roles)

    @property
    def role_labels(self) -> list[str]:
        return [role.label for role in self.roles]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def with_role(self, role: Role):
        return self.filter(**{f"is_{Role(role).value}": True})


class Membership(RoleFlags):
    """A user's place in one school: their roles there and the groups they teach."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    school = models.ForeignKey(
        School, models.CASCADE, related_name="memberships", verbose_name=_("school")
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    deactivated_at = models.DateTimeField(_("gedeactiveerd op"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.school}"


class Group(models.Model):
    """A groep (po) or klas (vo) in one school year, with its teachers."""

    school = models.ForeignKey(
        School, models.CASCADE, related_name="groups", verbose_name=_("school")
    )
    school_year = models.ForeignKey(
        SchoolYear, models.PROTECT, related_name="groups", verbose_name=_("schooljaar")
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=60)
    # The jaargroep (po) or leerjaar (vo) when the group has one; empty for
    # a combination group. Used to move groups up into the next school year.
    year_level = models.PositiveSmallIntegerField(_("jaargroep of leerjaar"), null=True, blank=True)
    teachers = models.ManyToManyField(
        Membership, related_name="taught_groups", blank=True, verbose_name=_("leraren")
    )

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["school_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "name"], name="unique_group_name_per_year"
            ),
        ]

    def __str__(self):
        return self.name


class PupilQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Pupil(models.Model):
    """A pupil, with as little data as the work needs (privacy rules, AVG).

    No birth date, no BSN, no address: a display name (roepnaam + initial) and
    optionally the pupil number from the school's LVS.
    """

    school = models.ForeignKey(
        School, models.CASCADE, related_name="pupils", verbose_name=_("school")
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("naam"), max_length=80)
    lvs_number = models.CharField(_("leerlingnummer (LVS)"), max_length=30, blank=True)
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = PupilQuerySet.as_manager()

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "lvs_number"],
                condition=~Q(lvs_number=""),
                name="unique_lvs_number_per_school",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def has_temporary_key(self) -> bool:
        # Administrations hand out a key starting with "#" until the pupil is
        # registered; a later import replaces it (see schools/imports/plan.py).
        return self.lvs_number.startswith("#")


class Placement(models.Model):
    """Which group a pupil is in during one school year."""

    pupil = models.ForeignKey(
        Pupil, models.CASCADE, related_name="placements", verbose_name=_("leerling")
    )
    group = models.ForeignKey(
        Group, models.CASCADE, related_name="placements", verbose_name=_("groep")
    )
    school_year = models.ForeignKey(
        SchoolYear, models.CASCADE, related_name="placements", verbose_name=_("schooljaar")
    )
    # The pupil's own jaargroep this year (in a combination group it differs
    # from pupil to pupil), when an import said it.
    year_level = models.PositiveSmallIntegerField(_("jaargroep of leerjaar"), null=True, blank=True)

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.UniqueConstraint(fields=["pupil", "school_year"], name="one_group_per_year"),
        ]

    def __str__(self):
        return f"{self.pupil} in {self.group}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(RoleFlags):
    """An e-mailed invitation to become a member of a school.

    Only a hash of the token is stored, so a database dump holds no working
    links.
    """

    school = models.ForeignKey(
        School, models.CASCADE, related_name="invitations", verbose_name=_("school")
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"))
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    groups = models.ManyToManyField(Group, blank=True, verbose_name=_("groepen"))
    token_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.school}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class RoleChangeVia(models.TextChoices):
    BEHEER = "beheer", _("Beheer: rollen en groepen")
    INVITATION = "uitnodiging", _("Uitnodiging geaccepteerd")
    ADMIN = "admin", _("Platformbeheer (Django-admin)")


class RoleChange(models.Model):
    """The role log: one role given or taken away — who did it, to whom, which role, when.

    Roles open pupils' and colleagues' data (an IB'er reads every group's
    work), so every change is kept and shown to the school's beheerders and
    to the member it concerns. Only roles, no content.
    """

    school = models.ForeignKey(
        School, models.CASCADE, related_name="role_changes", verbose_name=_("school")
    )
    membership = models.ForeignKey(
        Membership, models.CASCADE, related_name="role_changes", verbose_name=_("lid")
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices)
    granted = models.BooleanField(_("gegeven"), help_text=_("Uit: afgenomen."))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    via = models.CharField(_("via"), max_length=12, choices=RoleChangeVia.choices)
    changed_at = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("rolwijziging")
        verbose_name_plural = _("rolwijzigingen")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        sign = "+" if self.granted else "−"
        return f"{sign}{self.role} {self.membership}"

    @property
    def by_self(self) -> bool:
        return self.changed_by_id is not None and self.changed_by_id == self.membership.user_id


class PupilImport(models.Model):
    """An uploaded pupil file between its preview and its confirmation.

    Holds only what the parser kept (keys, display names, groups, jaargroep),
    never the file itself: a BSN or birth date in the upload is not stored.
    Once applied, ``summary`` records the counts and ``data`` is cleared.
    """

    class Kind(models.TextChoices):
        EDEXML = "edexml", _("EDEXML")
        CSV = "csv", _("CSV")

    school = models.ForeignKey(
        School, models.CASCADE, related_name="pupil_imports", verbose_name=_("school")
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort bestand"), max_length=6, choices=Kind.choices)
    file_name = models.CharField(_("bestandsnaam"), max_length=120, blank=True)
    start_year = models.PositiveSmallIntegerField(_("beginjaar van het schooljaar"))
    data = models.JSONField(_("gelezen leerlingen"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    applied_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)

    class Meta:
        verbose_name = _("leerlingimport")
        verbose_name_plural = _("leerlingimports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name} ({self.school})"
