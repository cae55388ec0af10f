"""Every purge command runs on the task queue's schedule (welbevinden/core/tasks.py)."""

import datetime
from io import StringIO

from django.core.management import get_commands
from huey.contrib.djhuey import HUEY

from welbevinden.core import tasks


def purge_commands() -> set[str]:
    return {name for name in get_commands() if name.startswith("purge_")}


def test_every_purge_command_is_on_the_schedule():
    # A new purge_* command that is not scheduled fails here.
    assert purge_commands() == set(tasks.SCHEDULE)
    assert {"purge_login_records", "purge_sociograms", "purge_report_jobs"} <= purge_commands()


def test_each_is_a_periodic_task_of_the_queue_that_the_worker_runs():
    periodic = {task.name for task in HUEY._registry.periodic_tasks}
    assert {f"scheduled_{command}" for command in tasks.SCHEDULE} <= periodic


def test_each_runs_once_a_night():
    start = datetime.datetime(2026, 12, 7)
    minutes = [start + datetime.timedelta(minutes=m) for m in range(24 * 60)]
    for command, when in tasks.SCHEDULE.items():
        runs = [moment for moment in minutes if when(moment)]
        assert len(runs) == 1, command
        assert 3 <= runs[0].hour < 6, command  # at night, clear of summer-time changes


def test_a_scheduled_task_runs_its_command(db, capsys, monkeypatch):
    called = []
    monkeypatch.setattr(tasks, "call_command", lambda name: called.append(name))
    for task in tasks.TASKS.values():
        task.call_local()
    assert called == list(tasks.SCHEDULE)


def test_the_purge_commands_run_as_the_schedule_runs_them(db):
    from django.core.management import call_command

    for command in tasks.SCHEDULE:
        out = StringIO()
        call_command(command, stdout=out)
        assert out.getvalue().strip()
