"""The one way views load school-scoped objects.

Every view that shows or changes something of a school goes through
``school_view``: it loads the user's active membership of the school named in
the URL and hands the view a ``SchoolAccess``. Objects are then fetched with
``access.get(Model, code)``, which looks only inside that school.

Two answers, on purpose the same everywhere:
- someone who is not an active member of the school gets 404, exactly as if
  the school or object did not exist, so nothing leaks about other schools;
- a member without the needed role gets 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from welbevinden.core import pagecache
from welbevinden.schools.models import Group, Membership, Role, School

M = TypeVar("M", bound=models.Model)

SESSION_SCHOOL_KEY = "welbevinden_school"


@dataclass(frozen=True)
class SchoolAccess:
    membership: Membership
    # All of the user's active memberships, for the school switcher in the
    # menu; loaded with this one, so a page costs one query less.
    memberships: tuple[Membership, ...] = ()

    @property
    def school(self) -> School:
        return self.membership.school

    @property
    def user(self):
        return self.membership.user

    def has_role(self, *roles: Role) -> bool:
        return self.membership.has_role(*roles)

    def require_role(self, *roles: Role) -> None:
        if not self.has_role(*roles):
            raise PermissionDenied

    def get(self, model: type[M], code, queryset: models.QuerySet | None = None) -> M:
        """The object with this code in this school, or 404."""
        if not isinstance(code, uuid.UUID):
            try:
                code = uuid.UUID(str(code))
            except ValueError:
                raise Http404 from None
        queryset = model._default_manager.all() if queryset is None else queryset
        try:
            return queryset.get(school=self.school, code=code)
        except model.DoesNotExist:
            raise Http404 from None

    def teaches(self, group: Group) -> bool:
        # A group has a few teachers, often prefetched with it (then no query).
        return any(teacher.pk == self.membership.pk for teacher in group.teachers.all())

    def can_view_group(self, group: Group) -> bool:
        # A group's pupils are for its own teachers and for the IB'ers who
        # support every class; the beheerder keeps the lists up to date.
        if self.has_role(Role.BEHEERDER, Role.IB):
            return True
        return self.has_role(Role.LERAAR) and self.teaches(group)

    def require_group_view(self, group: Group) -> None:
        if not self.can_view_group(group):
            raise PermissionDenied


def _memberships(user) -> tuple[Membership, ...]:
    return tuple(
        sorted(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("school")
            .order_by(),
            key=lambda membership: membership.school.name,
        )
    )


def load_access(request: HttpRequest, school_slug: str) -> SchoolAccess:
    """The user's active membership of this school, or 404."""
    # Sorted here rather than in SQL: a person has a handful of schools, and
    # this query runs on every page, so the cheapest query to build wins.
    # Kept in the process between a member's pages while no membership,
    # school or user is written (every such write is for every school).
    memberships = pagecache.remembered(
        "memberships", request.user.pk, lambda: _memberships(request.user)
    )
    for each in memberships:
        # The user is loaded already (authentication); joining it again costs columns.
        each.user = request.user
    membership = next((m for m in memberships if m.school.slug == school_slug), None)
    if membership is None:
        raise Http404
    if request.session.get(SESSION_SCHOOL_KEY) != membership.school.slug:
        # Remembered so "/" takes a member of several schools back here.
        request.session[SESSION_SCHOOL_KEY] = membership.school.slug
    return SchoolAccess(membership, memberships)


def _htmx_needs_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An htmx request without a session gets 401, not the login page.

    Following the redirect would paste the whole login page into the part of
    the page that htmx updates (an autosave status), and hide what went wrong.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if getattr(request, "htmx", False) and not request.user.is_authenticated:
            return HttpResponse(status=401)
        return view(request, *args, **kwargs)

    return wrapper


def school_view(*roles: Role) -> Callable:
    """Decorate a view that takes ``school`` from the URL.

    The view receives a SchoolAccess instead of the slug. With roles given,
    a member holding none of them gets 403. Put it above the method
    decorators (``require_POST`` …), so an outsider gets 404 whatever the
    method.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @_htmx_needs_login
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, school: str, *args, **kwargs) -> HttpResponse:
            access = load_access(request, school)
            request.school_access = access
            if roles:
                access.require_role(*roles)
            return view(request, access, *args, **kwargs)

        wrapper.school_scoped = True
        return wrapper

    return decorator
