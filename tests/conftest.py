"""The standing cast of the tests.

One school with a member in every role, a second school whose members are
the outsiders, and a group with pupils in each.
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from tests.factories import make_group, make_member, make_pupil, make_school
from welbevinden.schools.models import Group, Membership, Role, School, SchoolKind


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    # The account throttles count in the cache; each test starts uncounted.
    # Tests keep it in memory, so tests without a database can use it too;
    # tests/core/test_cache_settings.py covers the database cache itself.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
        },
    }
    cache.clear()
    caches["pages"].clear()
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True, scope="session")
def _no_page_cache_flush_at_exit():
    # Writes of the last test leave scopes to bump; at exit the test database
    # is gone, and nothing outside the tests shares their cache anyway.
    yield
    from welbevinden.core import pagecache

    pagecache._dirty.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with PBKDF2 would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_content_caches():
    # Each test rolls its database back, but a process keeps what it read
    # of the handreiking: a test must not see another's edition or fragments.
    from circles import editions
    from welbevinden.core.templatetags import fragments

    editions.forget()
    fragments.clear()
    # Nor another test's users and memberships, kept between pages, nor what
    # the page cache learned of the tables a view's pages read.
    from welbevinden.core import pagecache

    pagecache.forget()


@dataclass
class Cast:
    school: School
    group: Group
    other_group: Group
    beheerder: Membership
    kernteam: Membership
    ib: Membership
    directie: Membership
    leraar: Membership
    other_leraar: Membership


@pytest.fixture
def cast(db) -> Cast:
    school = make_school("Basisschool Het Anker")
    group = make_group(school, "Groep 6b")
    other_group = make_group(school, "Groep 4a")
    for name in ("Sanne B.", "Mees K.", "Yara T."):
        make_pupil(group, name)
    make_pupil(other_group, "Finn D.")
    return Cast(
        school=school,
        group=group,
        other_group=other_group,
        beheerder=make_member(school, Role.BEHEERDER, full_name="Bea Beheer"),
        kernteam=make_member(school, Role.KERNTEAM, full_name="Karin Kern"),
        ib=make_member(school, Role.IB, full_name="Ilse Intern"),
        directie=make_member(school, Role.DIRECTIE, full_name="Dirk Directie"),
        leraar=make_member(school, Role.LERAAR, groups=[group], full_name="Lars Leraar"),
        other_leraar=make_member(school, Role.LERAAR, groups=[other_group], full_name="Olga Ander"),
    )


@dataclass
class OtherSchool:
    school: School
    group: Group
    beheerder: Membership
    leraar: Membership


@pytest.fixture
def other(db) -> OtherSchool:
    """A second school; its members are outsiders to the cast's school."""
    school = make_school("Het Vaarwater College", kind=SchoolKind.VO)
    group = make_group(school, "2B")
    make_pupil(group, "Olaf P.", lvs_number="9001")
    return OtherSchool(
        school=school,
        group=group,
        beheerder=make_member(school, Role.BEHEERDER, full_name="Otto Buiten"),
        leraar=make_member(school, Role.LERAAR, groups=[group], full_name="Oona Buiten"),
    )


@pytest.fixture
def login(client):
    """Log the test client in as a membership's user."""

    def _login(membership):
        client.force_login(membership.user)
        # Land on the school's home page, as after a real log-in, so the
        # session is set up and query counts measure a page in steady use.
        client.get(reverse("dashboard:home", args=[membership.school.slug]))
        return client

    return _login
