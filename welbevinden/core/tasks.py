"""The schedule: what the task queue's worker (``manage.py run_huey``) runs by itself.

Every ``purge_*`` management command deletes what the privacy rules say may no
longer be kept, so each runs here, every night; none is left to a person or a
cron line to remember. ``tests/core/test_schedule.py`` fails when a purge command
is missing from ``SCHEDULE``. The commands are run by name, so this module (the
ground floor) imports none of the apps that own them.
"""

from __future__ import annotations

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

# In TIME_ZONE (settings.HUEY has utc off; Django sets the process's time zone),
# at night, a few minutes apart; after 3 o'clock, so the change to and from
# summer time neither skips nor repeats a run.
SCHEDULE: dict[str, crontab] = {
    "purge_login_records": crontab(hour="4", minute="0"),
    "purge_sociograms": crontab(hour="4", minute="10"),
    "purge_report_jobs": crontab(hour="4", minute="20"),
}


def _scheduled(command: str):
    def run() -> None:
        call_command(command)

    run.__name__ = f"scheduled_{command}"
    return db_periodic_task(SCHEDULE[command], name=f"scheduled_{command}")(run)


TASKS = {command: _scheduled(command) for command in SCHEDULE}
