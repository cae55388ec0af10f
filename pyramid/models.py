"""The school's ondersteuningspiramide: one per school per school year."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from circles.models import Partner
from welbevinden.schools.models import Membership, School, SchoolYear


class Layer(models.TextChoices):
    # Bottom first: the fundament carries the rest (handreiking, cirkel 1).
    FUNDAMENT = "fundament", _("Fundament")
    BASIS = "basis", _("Sterke basis")
    EXTRA = "extra", _("Extra ondersteuning")
    INTENSIEF = "intensief", _("Intensieve ondersteuning")


class Pyramid(models.Model):
    school = models.ForeignKey(School, models.CASCADE, related_name="pyramids")
    school_year = models.ForeignKey(SchoolYear, models.PROTECT, related_name="pyramids")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The pyramid this one was copied from (the year before), for the comparison.
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    class Meta:
        ordering = ["-school_year__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year"], name="one_pyramid_per_year"),
        ]

    def __str__(self):
        return f"{self.school} {self.school_year}"


class LayerNote(models.Model):
    """The kernteam's answers to a layer's guiding questions, keyed by question key."""

    pyramid = models.ForeignKey(Pyramid, models.CASCADE, related_name="notes")
    layer = models.CharField(max_length=10, choices=Layer.choices)
    answers = models.JSONField(default=dict, blank=True)
    # Goes up with every save: a save from an older version is a conflict.
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pyramid", "layer"], name="one_note_per_layer"),
        ]

    def __str__(self):
        return f"{self.pyramid} {self.layer}"


class ReachKind(models.TextChoices):
    UNKNOWN = "", _("Onbekend")
    ALL = "all", _("Alle leerlingen")
    NUMBER = "number", _("Een aantal leerlingen")
    PERCENT = "percent", _("Een percentage van de leerlingen")


class Evidence(models.TextChoices):
    NONE = "", _("Niet bekend")
    RECOGNISED = "erkend", _("Erkende interventie")
    RESEARCHED = "onderbouwd", _("Onderbouwd (onderzoek of eigen evaluatie)")
    PRACTICE = "praktijk", _("Ervaring uit de praktijk")


class ItemStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    RUNNING = "loopt", _("Loopt")
    STOPPED = "gestopt", _("Gestopt")


class Item(models.Model):
    """One piece of aanbod in a layer of the pyramid."""

    pyramid = models.ForeignKey(Pyramid, models.CASCADE, related_name="items")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    layer = models.CharField(_("laag"), max_length=10, choices=Layer.choices)
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("beschrijving"), blank=True)
    circles = models.JSONField(_("cirkels"), default=list, blank=True)
    target_group = models.CharField(_("doelgroep"), max_length=200, blank=True)
    reach_kind = models.CharField(
        _("bereik"), max_length=10, choices=ReachKind.choices, blank=True, default=""
    )
    reach_value = models.PositiveIntegerField(_("aantal of percentage"), null=True, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=120, blank=True)
    owner_member = models.ForeignKey(
        Membership, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_partner = models.ForeignKey(
        Partner, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evidence = models.CharField(
        _("onderbouwing"), max_length=12, choices=Evidence.choices, blank=True, default=""
    )
    evidence_url = models.URLField(_("link naar de onderbouwing"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.RUNNING
    )
    notes = models.TextField(_("aantekeningen"), blank=True)
    # The item of the year before that this one was copied from.
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["layer", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_member__isnull=True) | Q(owner_partner__isnull=True),
                name="item_one_owner",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def owner(self):
        return self.owner_member or self.owner_partner

    @property
    def owner_name(self) -> str:
        if self.owner_member_id:
            return self.owner_member.user.full_name
        if self.owner_partner_id:
            return self.owner_partner.name
        return ""

    @property
    def reach_label(self) -> str:
        if self.reach_kind == ReachKind.ALL:
            return str(_("alle leerlingen"))
        if self.reach_kind == ReachKind.NUMBER and self.reach_value is not None:
            return str(_("%(n)s leerlingen") % {"n": self.reach_value})
        if self.reach_kind == ReachKind.PERCENT and self.reach_value is not None:
            return f"{self.reach_value}%"
        return ""


class ChangeAction(models.TextChoices):
    ADDED = "added", _("toegevoegd")
    EDITED = "edited", _("gewijzigd")
    MOVED = "moved", _("verplaatst")
    DELETED = "deleted", _("verwijderd")
    NOTES = "notes", _("antwoorden gewijzigd")
    COPIED = "copied", _("overgenomen van vorig schooljaar")


class Change(models.Model):
    """Who changed what in a pyramid, and when (the history on the page)."""

    pyramid = models.ForeignKey(Pyramid, models.CASCADE, related_name="changes")
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    # Kept as text: the history outlives a deleted item.
    subject = models.CharField(max_length=200)
    layer = models.CharField(max_length=10, choices=Layer.choices, blank=True)
    fields = models.JSONField(default=list, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action} {self.subject}"
