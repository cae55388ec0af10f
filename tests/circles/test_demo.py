from io import StringIO

import pytest
from django.core.management import call_command

from circles.models import Partner, Plan, Round


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True  # seed_demo is for development, as `make run` sets it


def test_seed_demo_adds_answers_in_every_circle_and_two_rounds_of_one_handvat(db):
    call_command("seed_demo", stdout=StringIO())
    circles_with_rounds = set(Round.objects.values_list("handvat__circle__number", flat=True))
    assert circles_with_rounds == {1, 2, 3, 4, 5}
    assert Partner.objects.exists()  # cirkel 6
    two = Round.objects.filter(handvat__key="eigen-instrument", owner__email="joris@kiezel.example")
    assert sorted(two.values_list("number", flat=True)) == [1, 2]
    assert two.filter(completed_at__isnull=False).count() == 1
    assert Plan.objects.filter(user__email="joris@kiezel.example", done_at=None).exists()


def test_seed_demo_twice_adds_no_rounds(db):
    call_command("seed_demo", stdout=StringIO())
    counts = (Round.objects.count(), Plan.objects.count(), Partner.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Round.objects.count(), Plan.objects.count(), Partner.objects.count()) == counts


def test_the_demo_climate_log_shows_a_fallen_group_and_a_recovered_one(db):
    import datetime

    from circles.climate.selectors import overview
    from welbevinden.schools.models import School

    call_command("seed_demo", stdout=StringIO())
    kiezel = School.objects.get(slug="de-kiezel")
    rows = {row.group.name: row for row in overview(kiezel, datetime.date.today())}
    assert rows["Groep 3"].fell  # 4 → 3 at the end of its story
    assert not rows["Groep 7"].fell and rows["Groep 7"].latest.level_value == 4  # recovered
