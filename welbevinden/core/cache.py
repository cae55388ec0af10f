"""Django's database cache with an ``incr`` that counts atomically.

Django's own ``incr`` is a ``get`` and a ``set``: two workers counting at the
same moment both read 4 and both write 5, and the ``set`` gives the key the
default timeout (300 s) instead of keeping its own. The throttles count with
``incr`` in this cache when there is no Redis (welbevinden/accounts/throttling.py),
so a limit must hold however many requests arrive at once.
"""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends import db
from django.db import connections, router, transaction


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        using = router.db_for_write(self.cache_model_class)
        connection = connections[using]
        quote = connection.ops.quote_name
        table, cache_key, expires = quote(self._table), quote("cache_key"), quote("expires")
        now = datetime.now(UTC) if settings.USE_TZ else datetime.now()
        now = connection.ops.adapt_datetimefield_value(now.replace(microsecond=0))
        with transaction.atomic(using=using), connection.cursor() as cursor:
            # Writing first takes the row's lock (PostgreSQL) or the database's
            # write lock (SQLite) before the value is read: the others wait.
            cursor.execute(
                f"UPDATE {table} SET {expires} = {expires} "
                f"WHERE {cache_key} = %s AND {expires} > %s",
                [key, now],
            )
            if cursor.rowcount != 1:
                raise ValueError(f"Key '{key}' not found")
            cursor.execute(f"SELECT {quote('value')} FROM {table} WHERE {cache_key} = %s", [key])
            stored = connection.ops.process_clob(cursor.fetchone()[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {cache_key} = %s", [encoded, key]
            )
        return value
