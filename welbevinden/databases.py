"""The database from ``DATABASE_URL``, and what SQLite needs to serve several people.

SQLite lets one connection write at a time. Django opens its transactions
deferred, so two requests that both read and then write (one pupil code typed in
two browsers, a double-clicked import confirmation) both hold a read lock when
they come to write; SQLite cannot let either wait for the other and answers
"database is locked" at once, whatever the timeout: a 500. Beginning every
transaction ``IMMEDIATE`` takes the write lock first, so the second request waits
its turn (up to ``timeout`` seconds) instead. Write-ahead logging lets readers go
on while someone writes; with it, ``synchronous=NORMAL`` is still safe from
corruption and saves a disk flush per commit (Django's "SQLite notes").
PostgreSQL needs none of this.
"""

import dj_database_url

SQLITE_ENGINE = "django.db.backends.sqlite3"
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def from_url(url: str, *, conn_max_age: int) -> dict:
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if config["ENGINE"] == SQLITE_ENGINE:
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
