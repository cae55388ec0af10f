"""Finishing a round is idempotent: a second "Afronden" keeps the first completion date."""

import datetime

from django.urls import reverse
from django.utils import timezone

from circles.models import Handvat
from circles.services import complete_round, start_round

EARLIER = timezone.make_aware(datetime.datetime(2026, 10, 1, 9, 30))


def _finished_round(cast):
    round = start_round(
        handvat=Handvat.objects.get(key="ruimte-voor-ontspanning"),
        school=cast.school,
        user=cast.leraar.user,
    )
    complete_round(round=round)
    round.completed_at = EARLIER
    round.save(update_fields=["completed_at"])
    return round


def test_finishing_a_finished_round_keeps_its_completion_date(login, cast):
    round = _finished_round(cast)
    response = login(cast.leraar).post(
        reverse("circles:complete", args=[cast.school.slug, round.code]), follow=True
    )
    round.refresh_from_db()
    assert round.completed_at == EARLIER
    assert "was al afgerond" in response.content.decode()


def test_the_service_finishes_a_round_once(cast):
    round = _finished_round(cast)
    assert complete_round(round=round) is False
    round.refresh_from_db()
    assert round.completed_at == EARLIER
