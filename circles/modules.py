"""Handvatten that hand over to a module of their own.

A handvat's content may name a module (``leads_to: climate``): its page then
leads into that module instead of offering rounds, and its status on the
circle pages comes from the module. Modules register themselves here from
their ``AppConfig.ready`` (circles never imports them), so the dependency
points from the module to circles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


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
    for handvat in handvatten:
        module = module_of(handvat)
        if module is None or module.status is None:
            continue
        notes = module.status(membership, groups)
        for status in statuses.get(handvat.id, []):
            status.note = notes.get(status.group.id if status.group else None, "")
            status.leads_to = url_for(handvat, membership.school.slug, status.group)
