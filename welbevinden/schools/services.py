"""Writes that touch several models or have side effects (e-mail)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from welbevinden.accounts.models import normalise_email
from welbevinden.schools.models import (
    Group,
    Invitation,
    Membership,
    Placement,
    Pupil,
    Role,
    RoleChange,
    RoleChangeVia,
    School,
    SchoolYear,
)
from welbevinden.text import is_one_line, one_line

User = get_user_model()


class RuleBroken(Exception):
    """A change that would break a rule of the school; the message is for the user."""


class InvitationUnusable(RuleBroken):
    """The invitation can no longer be accepted as asked: used, revoked or
    expired in the meantime, or the account was created or blocked meanwhile.

    The invitation page shows what applies now, so a view answers by showing
    it again.
    """


# Schools and school years ---------------------------------------------------------


@transaction.atomic
def create_school(*, name: str, kind: str) -> School:
    """A new school with the current school year, ready for its first beheerder."""
    slug = base = slugify(name)[:50] or "school"
    suffix = 2
    while School.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    school = School.objects.create(name=name, slug=slug, kind=kind)
    add_school_year(
        school=school,
        start_year=SchoolYear.start_year_for(timezone.localdate()),
        make_current=True,
    )
    return school


# School years -----------------------------------------------------------------


@transaction.atomic
def add_school_year(*, school: School, start_year: int, make_current: bool) -> SchoolYear:
    year = SchoolYear.objects.create(school=school, start_year=start_year)
    if make_current or not school.school_years.filter(is_current=True).exists():
        make_year_current(year=year)
    return year


@transaction.atomic
def make_year_current(*, year: SchoolYear) -> None:
    SchoolYear.objects.filter(school_id=year.school_id, is_current=True).update(is_current=False)
    SchoolYear.objects.filter(pk=year.pk).update(is_current=True)
    year.is_current = True


# Pupils -----------------------------------------------------------------------


@transaction.atomic
def add_pupil(*, group: Group, display_name: str, lvs_number: str = "") -> Pupil:
    pupil = Pupil.objects.create(
        school_id=group.school_id, display_name=display_name.strip(), lvs_number=lvs_number
    )
    Placement.objects.create(pupil=pupil, group=group, school_year_id=group.school_year_id)
    return pupil


@dataclass
class PastedPupil:
    display_name: str
    lvs_number: str = ""


@dataclass
class PasteProblem:
    line_number: int
    line: str
    message: str


# A first line whose name column says one of these is a spreadsheet's header
# row, not a pupil called "Naam".
HEADER_NAMES = {"naam", "name", "leerling", "leerlingen", "roepnaam", "voornaam", "leerlingnaam"}


def parse_pupil_list(
    text: str, *, existing_lvs_numbers: set[str]
) -> tuple[list[PastedPupil], list[PasteProblem]]:
    """Read a pasted list: one pupil a line, optionally a tab or ';' and an LVS number.

    A list copied from a spreadsheet arrives tab-separated; typed by hand,
    people use a semicolon. Empty lines and a header row are skipped.
    """
    pupils: list[PastedPupil] = []
    problems: list[PasteProblem] = []
    seen_numbers: set[str] = set()
    name_limit = Pupil._meta.get_field("display_name").max_length
    number_limit = Pupil._meta.get_field("lvs_number").max_length
    first_line = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        separator = "\t" if "\t" in line else ";"
        parts = [part.strip() for part in line.split(separator)]
        if first_line:
            first_line = False
            if parts[0].lower() in HEADER_NAMES:
                continue
        if len(parts) > 2:
            problems.append(
                PasteProblem(
                    number, line, _("Zet per regel alleen een naam en een leerlingnummer.")
                )
            )
            continue
        name = parts[0]
        lvs = parts[1] if len(parts) == 2 else ""
        if not name:
            problems.append(PasteProblem(number, line, _("De naam ontbreekt.")))
        elif not is_one_line(name):
            problems.append(
                PasteProblem(
                    number,
                    one_line(line),
                    _(
                        "Een naam past op één regel: zonder regeleinden, tabs of andere "
                        "onzichtbare tekens."
                    ),
                )
            )
        elif len(name) > name_limit:
            problems.append(
                PasteProblem(number, line, _("De naam is langer dan %d tekens.") % name_limit)
            )
        elif len(lvs) > number_limit:
            problems.append(
                PasteProblem(
                    number, line, _("Het leerlingnummer is langer dan %d tekens.") % number_limit
                )
            )
        elif lvs and (lvs in existing_lvs_numbers or lvs in seen_numbers):
            problems.append(
                PasteProblem(number, line, _("Leerlingnummer %s bestaat al op deze school.") % lvs)
            )
        else:
            seen_numbers.add(lvs)
            pupils.append(PastedPupil(name, lvs))
    return pupils, problems


@transaction.atomic
def add_pupils(*, group: Group, pupils: list[PastedPupil]) -> list[Pupil]:
    created = Pupil.objects.bulk_create(
        [
            Pupil(school_id=group.school_id, display_name=p.display_name, lvs_number=p.lvs_number)
            for p in pupils
        ]
    )
    if created and created[0].pk is None:
        # Backends without RETURNING for bulk inserts; fetch the new rows back.
        codes = [pupil.code for pupil in created]
        created = list(Pupil.objects.filter(code__in=codes))
    Placement.objects.bulk_create(
        [
            Placement(pupil=pupil, group=group, school_year_id=group.school_year_id)
            for pupil in created
        ]
    )
    return created


@transaction.atomic
def place_pupil(*, pupil: Pupil, group: Group) -> None:
    """Put the pupil in this group for the group's school year (a move within a year)."""
    Placement.objects.update_or_create(
        pupil=pupil, school_year_id=group.school_year_id, defaults={"group": group}
    )


@transaction.atomic
def place_pupils(*, pupils: list[Pupil], group: Group) -> None:
    """Put these pupils in this group for its school year, in a fixed number of queries."""
    existing = {
        placement.pupil_id: placement
        for placement in Placement.objects.filter(
            school_year_id=group.school_year_id, pupil__in=pupils
        )
    }
    changed = [existing[p.pk] for p in pupils if p.pk in existing]
    for placement in changed:
        placement.group = group
    Placement.objects.bulk_update(changed, ["group"])
    Placement.objects.bulk_create(
        Placement(pupil=p, group=group, school_year_id=group.school_year_id)
        for p in pupils
        if p.pk not in existing
    )


def archive_pupils(*, pupils: list[Pupil]) -> None:
    Pupil.objects.filter(pk__in=[p.pk for p in pupils], archived_at__isnull=True).update(
        archived_at=timezone.now()
    )


def restore_pupils(*, pupils: list[Pupil]) -> None:
    Pupil.objects.filter(pk__in=[p.pk for p in pupils]).update(archived_at=None)


def archive_pupil(*, pupil: Pupil) -> None:
    # Archived, never deleted: the school's history (sociograms, climate
    # logs) keeps pointing at the pupil, and the pupil may come back.
    pupil.archived_at = timezone.now()
    pupil.save(update_fields=["archived_at"])


def restore_pupil(*, pupil: Pupil) -> None:
    pupil.archived_at = None
    pupil.save(update_fields=["archived_at"])


# Members and invitations --------------------------------------------------------


def log_role_changes(*, membership: Membership, before, after, by, via: RoleChangeVia) -> None:
    """Record each role given or taken away (the role log); nothing when nothing changed."""
    before, after = {Role(r) for r in before}, {Role(r) for r in after}
    RoleChange.objects.bulk_create(
        RoleChange(
            school_id=membership.school_id,
            membership=membership,
            role=role,
            granted=role in after,
            changed_by=by,
            via=via,
        )
        for role in Role
        if (role in before) != (role in after)
    )


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("school").filter(token_hash=_hash_token(token)).first()


@transaction.atomic
def invite_member(
    *,
    school: School,
    email: str,
    full_name: str,
    roles: list[Role],
    groups: list[Group],
    invited_by,
    build_url,
) -> Invitation:
    """Create an invitation and e-mail its link; an older open one to the same address ends."""
    email = normalise_email(email)
    now = timezone.now()
    Invitation.objects.pending().filter(school=school, email=email).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        school=school,
        email=email,
        full_name=full_name,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.set_roles(roles)
    invitation.save()
    invitation.groups.set(groups)
    _send_invitation(invitation, url=build_url(token))
    return invitation


def resend_invitation(*, invitation: Invitation, invited_by, build_url) -> Invitation:
    return invite_member(
        school=invitation.school,
        email=invitation.email,
        full_name=invitation.full_name,
        roles=invitation.roles,
        groups=list(invitation.groups.all()),
        invited_by=invited_by,
        build_url=build_url,
    )


def _send_invitation(invitation: Invitation, *, url: str) -> None:
    context = {
        "invitation": invitation,
        "url": url,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    send_mail(
        subject=_("Uitnodiging voor Welbevinden van %s") % one_line(invitation.school.name),
        message=render_to_string("schools/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def revoke_invitation(*, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def _lock_pending(invitation: Invitation) -> Invitation:
    # Two submits of the same link (a double click, two tabs) must not both
    # accept it: the second waits for the first and then finds it used.
    locked = Invitation.objects.select_for_update().select_related("school").get(pk=invitation.pk)
    if not locked.is_pending:
        raise InvitationUnusable(_("Deze uitnodiging is al gebruikt, ingetrokken of verlopen."))
    return locked


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    """Make the user a member with the invitation's roles and groups.

    A blocked account (is_active off) stays blocked: lifting that block is
    for the platform's staff, never for a school.
    """
    invitation = _lock_pending(invitation)
    if not user.is_active:
        raise InvitationUnusable(_("Dit account is geblokkeerd."))
    membership, created = Membership.objects.get_or_create(user=user, school=invitation.school)
    before = set() if created else set(membership.roles)
    # Someone invited again keeps what they had and gains what is new.
    membership.set_roles(before | set(invitation.roles))
    membership.is_active = True
    membership.deactivated_at = None
    membership.save()
    membership.taught_groups.add(*invitation.groups.all())
    log_role_changes(
        membership=membership,
        before=before,
        after=membership.roles,
        by=invitation.invited_by,
        via=RoleChangeVia.INVITATION,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def create_account_from_invitation(
    *, invitation: Invitation, full_name: str, password: str
) -> Membership:
    """An account for the invited address, then accept the invitation.

    The address may already have an account that never had a password (made
    by staff); the link proves the address, so it gets this password.
    """
    invitation = _lock_pending(invitation)
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(invitation.email, password, full_name=full_name)
        except IntegrityError:
            # Created a moment ago by a second submit of the same form.
            raise InvitationUnusable(_("Er is al een account met dit e-mailadres.")) from None
    elif user.has_usable_password() or not user.is_active:
        # With a password, one logs in to accept; a blocked account cannot.
        raise InvitationUnusable(_("Er is al een account met dit e-mailadres."))
    else:
        user.full_name = full_name
        user.set_password(password)
        user.save()
    return accept_invitation(invitation=invitation, user=user)


def _lock_beheerders(school_id: int) -> None:
    # Two beheerders stepping down (or deactivating each other) at the same
    # moment must not leave the school without one: the second waits here
    # and then sees the first one's change.
    list(
        Membership.objects.select_for_update()
        .filter(school_id=school_id, is_beheerder=True)
        .values_list("pk", flat=True)
    )


def _other_active_beheerders(membership: Membership):
    return (
        Membership.objects.active()
        .with_role(Role.BEHEERDER)
        .filter(school_id=membership.school_id)
        .exclude(pk=membership.pk)
    )


@transaction.atomic
def update_membership(
    *, membership: Membership, roles: list[Role], groups: list[Group], editable_groups, by
) -> None:
    """Set roles, and the taught groups among ``editable_groups``; other links stay.

    Every role given or taken away goes into the role log, with ``by`` (the
    beheerder) as the one who did it; giving oneself a role is allowed and
    shows there as such (see the README's privacy section).
    """
    _lock_beheerders(membership.school_id)
    before = set(Membership.objects.get(pk=membership.pk).roles)
    if (
        Role.BEHEERDER in before
        and Role.BEHEERDER not in roles
        and not _other_active_beheerders(membership).exists()
    ):
        raise RuleBroken(
            _("Een school heeft altijd minstens één beheerder. Maak eerst iemand anders beheerder.")
        )
    membership.set_roles(roles)
    # Only the roles: a deactivation saved meanwhile must not be undone.
    membership.save(update_fields=[f"is_{role.value}" for role in Role])
    log_role_changes(
        membership=membership, before=before, after=roles, by=by, via=RoleChangeVia.BEHEER
    )
    kept = list(membership.taught_groups.exclude(pk__in=editable_groups.values("pk")))
    membership.taught_groups.set([*kept, *groups])


@transaction.atomic
def deactivate_membership(*, membership: Membership, by: Membership) -> None:
    """End a member's access to the school at once.

    The user's open sessions end too, in every school (a session belongs to
    the user, not to a school); they can log in again at once and keep the
    other schools. The account itself is never blocked: that is platform-wide
    and not a school's to decide.
    """
    if membership.pk == by.pk:
        raise RuleBroken(_("Je kunt jezelf niet deactiveren."))
    _lock_beheerders(membership.school_id)
    is_beheerder_now = Membership.objects.filter(pk=membership.pk, is_beheerder=True).exists()
    if is_beheerder_now and not _other_active_beheerders(membership).exists():
        raise RuleBroken(_("Een school heeft altijd minstens één actieve beheerder."))
    membership.is_active = False
    membership.deactivated_at = timezone.now()
    membership.save(update_fields=["is_active", "deactivated_at"])
    membership.user.end_sessions()


def reactivate_membership(*, membership: Membership) -> None:
    membership.is_active = True
    membership.deactivated_at = None
    membership.save(update_fields=["is_active", "deactivated_at"])
