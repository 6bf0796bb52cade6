"""What a mock gateway received, in its own SQLite file: one row per message, keyed by the sender's own id
(the client message id of an SMS, the tracking id of a ZNS message), so that a retried request is answered
with the first answer and never becomes a second message."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid

from portal.mockservice import SqliteStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL, status TEXT NOT NULL, received_at REAL NOT NULL,
    reported_at REAL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
COUNTERS = ("requests", "accepted", "duplicates", "rejected", "reports_sent", "reports_failed")


class Store(SqliteStore):
    SCHEMA, COUNTERS = SCHEMA, COUNTERS

    def accept(self, *, client_id: str, phone: str, text: str, meta: dict, prefix: str) -> tuple[dict, bool]:
        """The message for ``client_id`` (new: True) — the one already recorded when it was sent before."""
        with self._write:
            db = self._connection()
            row = db.execute("SELECT * FROM messages WHERE client_id = ?", (client_id,)).fetchone()
            if row is not None:
                self.count("duplicates")
                return self._row(row), False
            message_id = f"{prefix}{uuid.uuid4().hex[:16]}"
            db.execute("INSERT INTO messages (message_id, client_id, phone, text, meta, status, received_at) "
                       "VALUES (?, ?, ?, ?, ?, 'accepted', ?)",
                       (message_id, client_id, phone, text, json.dumps(meta, ensure_ascii=False), time.time()))
            self.count("accepted")
            row = db.execute("SELECT * FROM messages WHERE message_id = ?", (message_id,)).fetchone()
            return self._row(row), True

    def report(self, message_id: str, status: str) -> None:
        self._connection().execute("UPDATE messages SET status = ?, reported_at = ? WHERE message_id = ?",
                           (status, time.time(), message_id))

    @staticmethod
    def _row(row: sqlite3.Row) -> dict:
        data = dict(row)
        data["meta"] = json.loads(data["meta"])
        return data

    def messages(self, *, phone: str = "", limit: int = 200) -> list[dict]:
        query, args = "SELECT * FROM messages", []
        if phone:
            query, args = query + " WHERE phone = ?", [phone]
        rows = self._connection().execute(query + " ORDER BY id DESC LIMIT ?", [*args, max(1, min(limit, 1000))])
        return [self._row(r) for r in rows]

    def stats(self) -> dict:
        counters = {r["name"]: r["value"] for r in self._connection().execute("SELECT name, value FROM counters")}
        counters["messages"] = self._connection().execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        return counters

    def reset(self) -> None:
        with self._write:
            self._connection().execute("DELETE FROM messages")
            self._connection().execute("UPDATE counters SET value = 0")
