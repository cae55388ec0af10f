"""The four periods of a school year the dashboard and the Kernteamrapport show.

Our division, not the handreiking's (it names no periods): four blocks of
three months from 1 August, so that each holds roughly one round of climate
notes and a sociogram can be compared with the one before it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# (first month, label); each period runs to the day before the next one starts.
PERIODS = (
    (8, _("aug – okt")),
    (11, _("nov – jan")),
    (2, _("feb – apr")),
    (5, _("mei – jul")),
)


@dataclass(frozen=True)
class Period:
    number: int  # 1–4
    start: datetime.date
    end: datetime.date
    label: str

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def periods_of(start_year: int) -> tuple[Period, ...]:
    starts = []
    for month, label in PERIODS:
        year = start_year if month >= 8 else start_year + 1
        starts.append((datetime.date(year, month, 1), label))
    ends = [start - datetime.timedelta(days=1) for start, _label in starts[1:]]
    ends.append(datetime.date(start_year + 1, 7, 31))
    return tuple(
        Period(number, start, end, str(label))
        for number, ((start, label), end) in enumerate(zip(starts, ends, strict=True), start=1)
    )


def period_of(start_year: int, day: datetime.date) -> Period | None:
    return next((p for p in periods_of(start_year) if p.holds(day)), None)
