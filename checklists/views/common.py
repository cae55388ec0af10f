from django.http import Http404

from checklists import content
from checklists.models import ChecklistRound
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
