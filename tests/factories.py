"""Small factory functions: each makes one object with sensible defaults."""

import contextvars
import itertools

from django.contrib.auth import get_user_model

from welbevinden.schools.models import (
    Group,
    Membership,
    Placement,
    Pupil,
    Role,
    School,
    SchoolKind,
    SchoolYear,
)

PASSWORD = "een-lang-testwachtwoord"
_numbers = itertools.count(1)


def make_user(email=None, full_name="Test Persoon", password=PASSWORD, **extra):
    email = email or f"persoon{next(_numbers)}@school.example"
    return get_user_model().objects.create_user(email, password, full_name=full_name, **extra)


def make_school(name="Testschool", kind=SchoolKind.PO, with_year=True) -> School:
    school = School.objects.create(name=name, slug=f"school-{next(_numbers)}", kind=kind)
    if with_year:
        SchoolYear.objects.create(school=school, start_year=2026, is_current=True)
    return school


def make_member(school, *roles: Role, user=None, groups=(), **user_fields) -> Membership:
    membership = Membership(user=user or make_user(**user_fields), school=school)
    membership.set_roles(roles)
    membership.save()
    for group in groups:
        group.teachers.add(membership)
    return membership


def make_group(school, name=None, year=None) -> Group:
    year = year or school.current_year()
    return Group.objects.create(
        school=school, school_year=year, name=name or f"Groep {next(_numbers)}"
    )


def make_pupil(group, display_name=None, lvs_number="") -> Pupil:
    pupil = Pupil.objects.create(
        school=group.school,
        display_name=display_name or f"Leerling {next(_numbers)}.",
        lvs_number=lvs_number,
    )
    Placement.objects.create(pupil=pupil, group=group, school_year=group.school_year)
    return pupil


def in_school(slug, write):
    """Run ``write`` as a request to ``slug``'s pages would: its writes make only that
    school's cached pages stale (outside a request a write is for every school)."""
    from welbevinden.core import pagecache

    def run():
        pagecache.writes_to(slug)
        return write()

    return contextvars.copy_context().run(run)
