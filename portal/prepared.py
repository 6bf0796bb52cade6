"""Hand-written reads that PostgreSQL plans once per connection (PREPARE, then EXECUTE), for the few that
run all day long: planning a statement over several tables costs the server two to three times what
running it does. Other databases run the statement as it is."""

from __future__ import annotations

import weakref

from django.db import connections
from django.db.models import Manager
from django.db.models.query import RawQuerySet

# Per statement name, the DB-API connections (server sessions) it is prepared on. A new connection, after
# CONN_MAX_AGE or an error, is not in the set and prepares it again.
_PREPARED: dict[str, weakref.WeakSet] = {}


def prepared_raw(manager: Manager, name: str, sql: str, params: list) -> RawQuerySet:
    """``manager.raw(sql, params)``, executed as the prepared statement ``name`` on PostgreSQL. ``sql`` takes
    its parameters as ``%s``. Prepared statements live in the server session, so they are not used where
    Django keeps no session state (DISABLE_SERVER_SIDE_CURSORS, set behind a transaction-pooling PgBouncer)."""
    connection = connections[manager.db]
    if connection.vendor != "postgresql" or connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        return manager.raw(sql, params)
    connection.ensure_connection()
    sessions = _PREPARED.setdefault(name, weakref.WeakSet())
    if connection.connection not in sessions:
        numbered = sql.split("%s")
        body = "".join(f"{part}${number}" for number, part in enumerate(numbered[:-1], 1)) + numbered[-1]
        with connection.cursor() as cursor:
            cursor.execute(f"PREPARE {name} AS {body}")
        sessions.add(connection.connection)
    return manager.raw(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)
