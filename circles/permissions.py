"""Who may read and fill in which handvat (privacy rules of the product).

- personal (cirkel 1, Schijf van Zeven): the author only; for everyone else,
  beheerder and directie included, such a round does not exist (404).
- group (cirkel 2 and 3): the group's teachers fill it in; IB'ers read along.
- school (cirkel 4 and 5): the kernteam fills it in; every member reads it.
- shared (the part of a personal handvat that a pair or trio of colleagues
  agrees to share): whoever records it fills it in; every member reads it.

A handvat's steps may belong to another scope than the handvat (see
content.parts); a round's own scope decides, so these rules hold per round.
"""

from django.core.exceptions import PermissionDenied

from circles import editions
from circles.models import Handvat, Round, Scope
from welbevinden.access import SchoolAccess
from welbevinden.schools.models import Group, Role


def can_view_group_work(access: SchoolAccess, group: Group) -> bool:
    return access.has_role(Role.IB) or (access.has_role(Role.LERAAR) and access.teaches(group))


def can_edit_group_work(access: SchoolAccess, group: Group) -> bool:
    return access.has_role(Role.LERAAR) and access.teaches(group)


def can_edit_school_work(access: SchoolAccess) -> bool:
    return access.has_role(Role.KERNTEAM)


def can_view(access: SchoolAccess, round: Round) -> bool:
    if round.scope == Scope.SHARED:
        return True
    if round.scope == Scope.PERSONAL:
        return round.owner_id == access.user.pk
    if round.scope == Scope.GROUP:
        return can_view_group_work(access, round.group)
    return True


def can_edit(access: SchoolAccess, round: Round) -> bool:
    if round.scope in (Scope.PERSONAL, Scope.SHARED):
        return round.owner_id == access.user.pk
    if round.scope == Scope.GROUP:
        return can_edit_group_work(access, round.group)
    return can_edit_school_work(access)


def require_view(access: SchoolAccess, round: Round) -> None:
    if not can_view(access, round):
        raise PermissionDenied


def require_edit(access: SchoolAccess, round: Round) -> None:
    if not can_edit(access, round):
        raise PermissionDenied


def can_start(
    access: SchoolAccess, handvat: Handvat, group: Group | None = None, scope: str | None = None
) -> bool:
    scope = scope or handvat.scope
    if scope in (Scope.PERSONAL, Scope.SHARED):
        return True
    if scope == Scope.GROUP:
        return group is not None and can_edit_group_work(access, group)
    return can_edit_school_work(access)


def get_round(access: SchoolAccess, code) -> Round:
    """The round, or 404; someone else's personal round is 404 too, never 403."""
    queryset = Round.objects.visible_to(access.membership).select_related(
        "group__school_year", "updated_by"
    )
    round = access.get(Round, code, queryset)
    # The handvat and its circle as this process holds them (circles/editions.py),
    # not joined again with their large texts; a retired handvat is read as before.
    handvat = editions.current().live_handvat(round.handvat_id)
    round.handvat = handvat or Handvat.objects.select_related("circle").get(pk=round.handvat_id)
    require_view(access, round)
    return round
