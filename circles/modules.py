"""Handvatten that hand over to a module of their own.

A handvat's content may name a module (``leads_to: climate``): its page then
leads into that module instead of offering rounds, and its status on the
circle pages comes from the module. Modules register themselves here from
their ``AppConfig.ready`` (circles never imports them), so the dependency
points from the module to circles.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from welbevinden.core import pagecache


@dataclass(frozen=True)
class Module:
    url_name: str  # the module's page for the school; takes the school's slug
    group_url_name: str | None = None  # its page for one group; slug and group code
    # Per group id, a short text of where the group stands (for the circle pages).
    status: Callable[..., dict[int, str]] | None = None
    # Whether the school has begun a handvat's work in the module this school
    # year (membership, handvat key); the Schoolwerk lists what has not begun.
    started: Callable[..., bool] | None = None


_modules: dict[str, Module] = {}


def register(name: str, module: Module) -> None:
    _modules[name] = module


def module_of(handvat) -> Module | None:
    return _modules.get((handvat.content or {}).get("leads_to", ""))


def started_in_module(membership, handvat) -> bool | None:
    """Whether the school began this handvat in its module; None for a handvat without one."""
    module = module_of(handvat)
    if module is None or module.started is None:
        return None
    return module.started(membership, handvat.key)


def url_for(handvat, school_slug: str, group=None) -> str | None:
    module = module_of(handvat)
    if module is None:
        return None
    if group is not None and module.group_url_name:
        return reverse(module.group_url_name, args=[school_slug, group.code])
    return reverse(module.url_name, args=[school_slug])


def apply_statuses(membership, handvatten, statuses, groups) -> None:
    """Replace the round status of handvatten that lead into a module by the module's."""
    leading = [(handvat, module_of(handvat)) for handvat in handvatten]
    leading = [(handvat, module) for handvat, module in leading if module and module.status]
    if not leading:
        return
    notes = _module_notes(
        {handvat.content["leads_to"]: module for handvat, module in leading}, membership, groups
    )
    for handvat, _module in leading:
        for status in statuses.get(handvat.id, []):
            group_id = status.group.id if status.group else None
            status.note = notes[handvat.content["leads_to"]].get(group_id, "")
            status.leads_to = url_for(handvat, membership.school.slug, status.group)


# The modules' statuses on a circle page, for a member and their groups, kept
# in this process while none of the tables they were seen reading changed for
# the school (issue 24): counting a school's checklists, goals and check-ins
# was most of the time of circles 4 and 5, and changes far less often than the
# rounds on those pages. The statuses of one page are asked together: a module
# may keep what it read on the membership for the rest of the request
# (checklists does), so only all of them together show every table read.
MAX_STATUSES = 2000
_statuses: OrderedDict[tuple, dict] = OrderedDict()
_status_tables: dict[tuple[str, tuple], frozenset[str]] = {}


def _module_notes(modules: dict[str, Module], membership, groups) -> dict[str, dict]:
    names = tuple(sorted(modules))
    school = membership.school.slug
    tables = _status_tables.get((school, names))
    if not tables:
        # First seen in this process for the school: learn what they read, and
        # keep them from its next page on. (Not stamped now: the page cache gives
        # the school's tables their generations once this page was rendered.)
        notes, read = _ask(modules, names, membership, groups)
        if read:
            _status_tables[(school, names)] = frozenset(read)
        return notes
    # Read before the tables, as pagecache.stamp asks; the page then depends on them.
    stamp = pagecache.stamps(school, tables)[0]
    key = (
        names,
        membership.pk,
        tuple(group.pk for group in groups),
        timezone.localdate(),
        get_language(),
        stamp,
    )
    notes = _statuses.get(key)
    if notes is not None:
        return notes
    notes, read = _ask(modules, names, membership, groups)
    if read <= tables:
        _statuses[key] = notes
        if len(_statuses) > MAX_STATUSES:
            _statuses.popitem(last=False)
    else:
        # Seen reading more: kept from the next page on.
        _status_tables[(school, names)] = frozenset(read | tables)
    return notes


def _ask(modules: dict[str, Module], names: tuple, membership, groups) -> tuple[dict, set[str]]:
    """Each module's status, and the tables of ours that asking it read."""
    with pagecache.reading() as read:
        notes = {name: modules[name].status(membership, groups) for name in names}
    return notes, read


def forget_statuses() -> None:
    """Start without kept statuses (a new edition; each test)."""
    _statuses.clear()
    _status_tables.clear()
