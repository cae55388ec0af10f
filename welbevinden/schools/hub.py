"""The group page's panels: the group's hub (its climate, sociograms, handvatten, plans, reports).

The group page belongs to the core (schools); the work it leads to belongs to
the feature apps. Each app registers a panel from its ``AppConfig.ready``, so
the dependency points from the app to the core, as ``circles/modules.py``
does for handvatten. A panel decides itself whether the reader may see it
(group work: ``circles.permissions.can_view_group_work``) and costs a fixed
number of queries, whatever the group's history. A panel that needs only a
few values of the group's own row (a latest date, whether something exists)
names them as ``annotations``: they are read with the group itself, in the
page's one query for the group, instead of in a query of the panel's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int  # where it stands on the page, low first
    template: str  # a fragment; gets the page's context and the panel's as ``panel``
    # (access, group) -> the panel's context, or None when the reader may not see it.
    context: Callable[..., dict | None]
    # () -> {name: expression} to annotate the group with (names start with the panel's).
    annotations: Callable[[], dict] | None = None


_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    _panels[name] = panel


def panels(access, group) -> list[dict]:
    found = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        data = panel.context(access, group)
        if data is not None:
            found.append({"template": panel.template, "data": data})
    return found


def annotations() -> dict:
    """What the panels read on the group's row, to annotate the page's group query with."""
    found = {}
    for panel in _panels.values():
        if panel.annotations is not None:
            found.update(panel.annotations())
    return found
