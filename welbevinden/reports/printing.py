"""What every report's print template is given, whichever view or job makes it."""

import datetime

from circles import content
from welbevinden.access import SchoolAccess


def base_context(access: SchoolAccess, title: str, today: datetime.date) -> dict:
    return {
        "school": access.school,
        "report_title": title,
        "made_on": today,
        "made_by": access.user.full_name,
        "source": content.source(),
    }
