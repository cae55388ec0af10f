"""Who may do what in the climate log (the product's privacy rules).

- A group's teachers write entries for it; IB'ers read every shared entry.
- A private entry ("alleen ik") exists for its author only: for everyone
  else, the IB'ers included, it is 404, as if it were never written.
- Kernteam and directie see school-level counts only, suppressed below
  MIN_GROUP_SIZE; never a group's entries.
"""

from django.core.exceptions import PermissionDenied

from circles.climate.models import Entry
from circles.permissions import can_edit_group_work, can_view_group_work
from welbevinden.access import SchoolAccess
from welbevinden.schools.models import Group


def can_write(access: SchoolAccess, group: Group) -> bool:
    return can_edit_group_work(access, group)


def can_read(access: SchoolAccess, group: Group) -> bool:
    return can_view_group_work(access, group)


def require_read(access: SchoolAccess, group: Group) -> None:
    if not can_read(access, group):
        raise PermissionDenied


def require_write(access: SchoolAccess, group: Group) -> None:
    if not can_write(access, group):
        raise PermissionDenied


def get_entry(access: SchoolAccess, code) -> Entry:
    """The entry, or 404 (someone else's private entry too); 403 without the group."""
    queryset = Entry.objects.visible_to(access.membership).select_related(
        "group__school_year", "author"
    )
    entry = access.get(Entry, code, queryset)
    require_read(access, entry.group)
    return entry


def can_edit_entry(access: SchoolAccess, entry: Entry) -> bool:
    # An entry is its author's view of the class: colleagues add their own.
    return entry.author_id == access.user.pk and can_write(access, entry.group)
