from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from welbevinden.access import SESSION_SCHOOL_KEY
from welbevinden.boards.access import board_memberships


@require_GET
@login_required
def home(request):
    """Send a member to their school; someone in several schools picks one."""
    memberships = list(
        request.user.memberships.filter(is_active=True)
        .select_related("school")
        .order_by("school__name")
    )
    boards = board_memberships(request.user)
    remembered = request.session.get(SESSION_SCHOOL_KEY)
    for membership in memberships:
        if membership.school.slug == remembered or (len(memberships) == 1 and not boards):
            return redirect("dashboard:home", membership.school.slug)
    if len(boards) == 1 and not memberships:
        return redirect("boards:board", boards[0].board.slug)
    return render(
        request, "core/choose_school.html", {"memberships": memberships, "boards": boards}
    )
