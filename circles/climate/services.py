"""Writes of the climate log with more than one step."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F

from circles.climate.models import FeelingDay


@transaction.atomic
def count_feeling(*, group, feeling: str, day: datetime.date) -> None:
    """Add one tap to the group's count for today: the only thing a tap leaves behind."""
    field = FeelingDay.field_for(feeling)
    FeelingDay.objects.get_or_create(school_id=group.school_id, group=group, day=day)
    FeelingDay.objects.filter(group=group, day=day).update(**{field: F(field) + 1})
