import pytest

from circles.services import load_handreiking


@pytest.fixture(autouse=True)
def handreiking(db):
    """The content, loaded as the migration does (transactional tests flush it)."""
    load_handreiking()
