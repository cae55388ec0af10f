"""Invented demo schools, so one command shows a working product.

Every name here is made up. Running ``seed`` twice changes nothing: each
object is looked up by a stable key before it is created.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from welbevinden.schools.models import (
    Board,
    BoardMembership,
    BoardRole,
    Group,
    Membership,
    Placement,
    Pupil,
    Role,
    School,
    SchoolKind,
    SchoolYear,
)

DEMO_PASSWORD = "welbevinden-demo"

FIRST_NAMES = [
    "Emma",
    "Noah",
    "Julia",
    "Liam",
    "Mila",
    "Luca",
    "Sophie",
    "Sem",
    "Tess",
    "Finn",
    "Nora",
    "Daan",
    "Saar",
    "Levi",
    "Zoë",
    "Milan",
    "Yara",
    "Mees",
    "Lotte",
    "Adam",
    "Fenna",
    "Bram",
    "Liv",
    "Jesse",
    "Noor",
    "Sam",
    "Evi",
    "Thijs",
    "Lina",
    "Ravi",
    "Amira",
    "Mohamed",
    "Elif",
    "Mats",
    "Lieke",
    "Ayoub",
    "Sara",
    "Hugo",
    "Maud",
    "Jayden",
    "Fleur",
    "Gijs",
    "Isa",
    "Ruben",
    "Femke",
    "Dex",
    "Bilal",
    "Roos",
    "Kyan",
    "Hanna",
    "Olivier",
    "Nina",
    "Siem",
    "Jade",
    "Ilias",
    "Lize",
    "Tygo",
    "Esmee",
    "Owen",
    "Vera",
]
INITIALS = "ABCDEGHJKLMNOPRSTVWZ"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    roles: tuple[Role, ...]
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoSchool:
    name: str
    slug: str
    kind: SchoolKind
    groups: tuple[str, ...]
    people: tuple[DemoPerson, ...]


# Noor works for both schools of one (invented) school board, as IB'er.
SHARED_IB = ("noor.hendriks@bestuur.example", "Noor Hendriks")

SCHOOLS = (
    DemoSchool(
        name="Basisschool De Kiezel",
        slug="de-kiezel",
        kind=SchoolKind.PO,
        groups=("Groep 3", "Groep 5", "Groep 7"),
        people=(
            DemoPerson("beheer@kiezel.example", "Femke Janssen", (Role.BEHEERDER,)),
            DemoPerson("directie@kiezel.example", "Ruud Verhoeven", (Role.DIRECTIE, Role.KERNTEAM)),
            DemoPerson(*SHARED_IB, (Role.IB, Role.KERNTEAM)),
            DemoPerson(
                "joris@kiezel.example", "Joris van Dam", (Role.LERAAR, Role.KERNTEAM), ("Groep 5",)
            ),
            DemoPerson("lotte@kiezel.example", "Lotte Smit", (Role.LERAAR,), ("Groep 3",)),
            DemoPerson("ahmed@kiezel.example", "Ahmed Bakker", (Role.LERAAR,), ("Groep 7",)),
        ),
    ),
    DemoSchool(
        name="Scholengemeenschap De Rimpeling",
        slug="de-rimpeling",
        kind=SchoolKind.VO,
        groups=("1A", "2B", "3H"),
        people=(
            DemoPerson("beheer@rimpeling.example", "Peter Kuipers", (Role.BEHEERDER,)),
            DemoPerson("directie@rimpeling.example", "Anouk Vermeulen", (Role.DIRECTIE,)),
            DemoPerson(*SHARED_IB, (Role.IB,)),
            DemoPerson(
                "daan@rimpeling.example", "Daan Visser", (Role.LERAAR, Role.KERNTEAM), ("2B",)
            ),
            DemoPerson("eva@rimpeling.example", "Eva de Graaf", (Role.LERAAR,), ("1A",)),
            DemoPerson("youssef@rimpeling.example", "Youssef Amrani", (Role.LERAAR,), ("3H", "2B")),
        ),
    ),
)


# The (invented) school board both demo schools belong to, and who works there.
BOARD = ("Stichting Golfslag", "golfslag")
BOARD_PEOPLE = (
    ("bestuurder@golfslag.example", "Marieke Dijkstra", BoardRole.BESTUURDER),
    ("staf@golfslag.example", "Sem Mulder", BoardRole.STAF),
)


def demo_pupil_names(school_slug: str, group_name: str) -> list[str]:
    """About 25 invented names (roepnaam + initial), the same on every run."""
    rng = random.Random(f"{school_slug}/{group_name}")
    size = rng.randint(24, 27)
    names = rng.sample(FIRST_NAMES, size)
    return [f"{name} {rng.choice(INITIALS)}." for name in names]


@transaction.atomic
def seed() -> list[tuple[str, str, str]]:
    """Create or complete the demo schools; returns (school, role, e-mail) per login."""
    User = get_user_model()
    start_year = SchoolYear.start_year_for(timezone.localdate())
    logins: list[tuple[str, str, str]] = []
    # Hashed once for every new account: they share the published password,
    # and hashing it anew (PBKDF2) takes about half a second an account.
    password_hash = ""

    def new_account(email: str, full_name: str):
        nonlocal password_hash
        password_hash = password_hash or make_password(DEMO_PASSWORD)
        user = User.objects.create_user(email, full_name=full_name)
        User.objects.filter(pk=user.pk).update(password=password_hash)
        return user

    for spec in SCHOOLS:
        school, _ = School.objects.get_or_create(
            slug=spec.slug, defaults={"name": spec.name, "kind": spec.kind}
        )
        year, _ = SchoolYear.objects.get_or_create(school=school, start_year=start_year)
        if not SchoolYear.objects.filter(school=school, is_current=True).exists():
            SchoolYear.objects.filter(pk=year.pk).update(is_current=True)
        groups = {}
        for group_name in spec.groups:
            groups[group_name], _ = Group.objects.get_or_create(
                school=school, school_year=year, name=group_name
            )
        for person in spec.people:
            user = User.objects.filter(email=person.email).first()
            if user is None:
                user = new_account(person.email, person.full_name)
            membership, created = Membership.objects.get_or_create(user=user, school=school)
            if created:
                membership.set_roles(person.roles)
                membership.save()
                for group_name in person.groups:
                    groups[group_name].teachers.add(membership)
            labels = ", ".join(str(role.label) for role in person.roles)
            logins.append((school.name, labels, person.email))
        for group_index, group_name in enumerate(spec.groups):
            group = groups[group_name]
            for index, name in enumerate(demo_pupil_names(spec.slug, group_name)):
                number = f"{spec.slug[3:6].upper()}{group_index + 1}{index + 1:02d}"
                pupil, _ = Pupil.objects.get_or_create(
                    school=school, lvs_number=number, defaults={"display_name": name}
                )
                Placement.objects.get_or_create(
                    pupil=pupil, school_year=year, defaults={"group": group}
                )
    board, _ = Board.objects.get_or_create(slug=BOARD[1], defaults={"name": BOARD[0]})
    School.objects.filter(slug__in=[spec.slug for spec in SCHOOLS], board=None).update(board=board)
    for email, full_name, role in BOARD_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = new_account(email, full_name)
        BoardMembership.objects.get_or_create(user=user, board=board, defaults={"role": role})
        logins.append((board.name, str(role.label), email))
    return logins
