import datetime

import pytest

from circles.climate.models import Entry, Visibility
from circles.services import load_handreiking


@pytest.fixture(autouse=True)
def handreiking(db):
    load_handreiking()


def make_entry(group, author, *, day=None, level="overwegend-positief", **fields) -> Entry:
    return Entry.objects.create(
        school=group.school,
        group=group,
        author=author.user,
        day=day or datetime.date(2026, 10, 1),
        level=level,
        visibility=fields.pop("visibility", Visibility.SHARED),
        **fields,
    )
