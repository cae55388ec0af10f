from django.http import Http404

from checklists import content
from checklists.models import ChecklistRound
from welbevinden.access import SchoolAccess
from welbevinden.schools.models import Role

# Who fills in and agrees; who reads (README.md).
EDITORS = (Role.KERNTEAM, Role.IB)
READERS = (Role.KERNTEAM, Role.IB, Role.DIRECTIE)
# Goals and check-ins are the whole team's to see.
TEAM = (Role.KERNTEAM, Role.IB, Role.DIRECTIE, Role.LERAAR)


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
