from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from checklists import content
from checklists.consensus import Spread
from checklists.models import Answer, ChecklistRound
from welbevinden.access import SchoolAccess
from welbevinden.schools.models import Role

# Who fills in and agrees (README.md). Every member reads the checklists'
# results, the team agenda and the check-ins, as with the school handvatten
# (circles/README.md); the route is the kernteam's start page.
EDITORS = (Role.KERNTEAM, Role.IB)
ROUTE = (Role.KERNTEAM, Role.IB, Role.DIRECTIE)


def checklist_or_404(key: str) -> dict:
    checklist = content.get(key)
    if checklist is None:
        raise Http404
    return checklist


def scoped_round(access: SchoolAccess, key: str, code) -> ChecklistRound:
    round = access.get(ChecklistRound, code, ChecklistRound.objects.select_related("school_year"))
    if round.checklist != key:
        raise Http404
    return round


# An item's label depends only on the shipped content (read once per process)
# and the language: rendered once per process, not once per row (issue 24).
_item_labels: dict[tuple[str | None, str, str], SafeString] = {}


def item_label(checklist: dict, item: dict) -> SafeString:
    """The ``_item_label.html`` fragment of ``item``, rendered once per process and language."""
    key = (translation.get_language(), checklist["key"], item["key"])
    label = _item_labels.get(key)
    if label is None:
        label = _item_labels[key] = render_to_string("checklists/_item_label.html", {"item": item})
    return label


def answer_labels() -> dict[str, str]:
    """Each answer's label, translated once per page."""
    return {value: str(label) for value, label in Answer.choices}


def spread_bars(spread: Spread, labels: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(answer, label, count, bar width in px) of each answer someone chose (``_spread.html``)."""
    return [
        (value, labels.get(value, ""), count, count * 14)
        for value, count in spread.counts.items()
        if count
    ]
