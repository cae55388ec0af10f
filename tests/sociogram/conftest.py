import pytest

from circles.services import load_handreiking
from sociogram import questions as q
from sociogram.services import create_sociogram


@pytest.fixture(autouse=True)
def handreiking(db):
    # The handvat's steps and reflection questions come from the loaded content.
    load_handreiking()


@pytest.fixture
def sociogram(cast):
    questions = q.defaults()
    for question in questions:
        question["on"] = question["key"] in ("speel-graag", "speel-niet", "zit-graag")
    return create_sociogram(
        group=cast.group,
        user=cast.leraar.user,
        title="Najaar",
        questions=questions,
        max_choices=None,
    )


@pytest.fixture
def pupils(sociogram):
    """The respondents by first name: Mees, Sanne, Yara."""
    return {r.first_name: r for r in sociogram.respondents.select_related("pupil")}
