"""The one way board views load their board.

A board page goes through ``board_view``: it loads the user's active
membership of the board named in the URL and hands the view a
``BoardAccess``. Someone who is not an active member of the board gets 404,
exactly as if the board did not exist (as ``welbevinden.access`` does for
schools); a member who also teaches a group at one of the board's schools gets
403 (they know their own group's level, which the board's counts do not take
out). Board members are no members of its schools: every school page answers
them 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from welbevinden.schools.models import Board, BoardMembership, Group


@dataclass(frozen=True)
class BoardAccess:
    membership: BoardMembership

    @property
    def board(self) -> Board:
        return self.membership.board

    @property
    def user(self):
        return self.membership.user


def board_memberships(user) -> list[BoardMembership]:
    return list(
        BoardMembership.objects.filter(user=user, is_active=True)
        .select_related("board")
        .order_by("board__name")
    )


def _teaches_at(user, board: Board) -> bool:
    return Group.teachers.through.objects.filter(
        membership__user=user, membership__is_active=True, group__school__board=board
    ).exists()


def board_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view that takes ``board`` (its slug) from the URL."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, board: str, *args, **kwargs) -> HttpResponse:
        membership = (
            BoardMembership.objects.filter(user=request.user, is_active=True, board__slug=board)
            .select_related("board")
            .first()
        )
        if membership is None:
            raise Http404
        if _teaches_at(request.user, membership.board):
            # A teacher knows their own group's level; the board's counts are
            # suppressed for someone who knows none (as the school dashboard
            # takes a teacher's own groups out first, which a board-wide page
            # kept for all its members cannot).
            return render(request, "boards/teaches.html", {"board": membership.board}, status=403)
        membership.user = request.user
        access = BoardAccess(membership)
        request.board_access = access
        return view(request, access, *args, **kwargs)

    return wrapper
