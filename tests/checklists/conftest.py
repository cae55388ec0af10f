import pytest

from circles.services import load_handreiking
from tests.factories import make_member
from welbevinden.schools.models import Role


@pytest.fixture(autouse=True)
def handreiking(db):
    # The check-in's prompts and the lead-ins come from the loaded content.
    load_handreiking()


@pytest.fixture
def kernteam(cast):
    """Four kernteam members: the cast's and three more."""
    return [cast.kernteam] + [
        make_member(cast.school, Role.KERNTEAM, full_name=name)
        for name in ("Kees Kern", "Kim Kern", "Koen Kern")
    ]
