import pytest

from circles.services import load_handreiking
from pyramid.services import add_item, start_pyramid


@pytest.fixture(autouse=True)
def handreiking(db):
    # The guiding questions and layer texts come from the loaded content.
    load_handreiking()


@pytest.fixture
def pyramid(cast):
    return start_pyramid(
        school=cast.school, year=cast.school.current_year(), user=cast.kernteam.user
    )


@pytest.fixture
def make_item(pyramid, cast):
    def _make(name="Kanjertraining", layer="basis", **data):
        return add_item(
            pyramid=pyramid, data={"name": name, "layer": layer, **data}, user=cast.kernteam.user
        )

    return _make
