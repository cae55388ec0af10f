"""Two writers at once on SQLite both succeed (issue 19, point 4).

The test database is in memory, where locking differs; these tests open a
database file of their own with the options the settings give SQLite.
"""

import threading
import time

import pytest
from django.db import connections, transaction

from welbevinden import databases

ALIAS = "sqlite_writers"


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    config = databases.from_url(f"sqlite:///{tmp_path / 'school.sqlite3'}", conn_max_age=0)
    filled = connections.configure_settings({"default": config})["default"]
    connections.settings[ALIAS] = filled
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
        connections[ALIAS].close()
        yield
    connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def _write_after_reading(errors: list, start: threading.Barrier, text: str):
    # As a view does: read (is the code still free?), then write.
    start.wait()
    try:
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            time.sleep(0.3)  # the other request reads meanwhile
            cursor.execute("INSERT INTO note (text) VALUES (%s)", [text])
    except Exception as error:
        errors.append(error)
    finally:
        connections[ALIAS].close()


def test_two_requests_that_write_at_the_same_moment_both_succeed(sqlite_file):
    errors: list = []
    start = threading.Barrier(2)
    writers = [
        threading.Thread(target=_write_after_reading, args=(errors, start, text))
        for text in ("uit browser 1", "uit browser 2")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert errors == []
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT text FROM note ORDER BY text")
        assert cursor.fetchall() == [("uit browser 1",), ("uit browser 2",)]
    connections[ALIAS].close()


def test_sqlite_files_are_written_ahead_and_waited_for(sqlite_file):
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
    connections[ALIAS].close()


def test_only_sqlite_gets_the_sqlite_options():
    sqlite = databases.from_url("sqlite:////tmp/school.sqlite3", conn_max_age=0)
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert sqlite["OPTIONS"]["timeout"] == 20
    postgres = databases.from_url("postgres://wb@127.0.0.1:5432/wb", conn_max_age=0)
    assert "transaction_mode" not in postgres.get("OPTIONS", {})
    assert "init_command" not in postgres.get("OPTIONS", {})
