"""Who may see a group's sociogram (the product's strictest privacy rule).

Only the group's own teachers and the IB'ers see nominations, notes and
pictures; the group's teachers set it up and run it. Everyone else in the
school gets 403 (beheerder and directie included), another school 404.
"""

from django.core.exceptions import PermissionDenied

from circles.permissions import can_edit_group_work, can_view_group_work
from sociogram.models import Sociogram
from welbevinden.access import SchoolAccess
from welbevinden.schools.models import Group


def can_run(access: SchoolAccess, group: Group) -> bool:
    """Set up, open and close, enter answers, write notes: the group's teachers and IB'ers."""
    return can_view_group_work(access, group)


def require_run(access: SchoolAccess, group: Group) -> None:
    if not can_run(access, group):
        raise PermissionDenied


def is_teacher(access: SchoolAccess, group: Group) -> bool:
    return can_edit_group_work(access, group)


def get_sociogram(access: SchoolAccess, code) -> Sociogram:
    queryset = Sociogram.objects.select_related("group__school_year")
    sociogram = access.get(Sociogram, code, queryset)
    require_run(access, sociogram.group)
    return sociogram
