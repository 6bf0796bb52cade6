"""The mock axis's own database (SQLite, ``<dir>/axis.sqlite3``): the organ directory, every message it
accepted (once per sender and idempotency key), one mailbox entry per recipient organ, the statuses the
external organs will send (each with its due time, so a restart sends them late rather than never), the
documents they send a newly registered organ in the demo (the same way), each external organ's behaviour, and
counters. Everything a restart must keep is here; nothing is in memory."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
import uuid
from collections.abc import Iterable

from portal.mockservice import SqliteStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS organs (
    organ_id TEXT PRIMARY KEY, name TEXT NOT NULL,
    system TEXT NOT NULL DEFAULT '',  -- the client system that registered it; '' for an external organ
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,  -- "system:<id>" (sent through the API) or "organ:<id>" (by an external organ)
    message_key TEXT NOT NULL, kind TEXT NOT NULL, sender TEXT NOT NULL, document_id TEXT NOT NULL,
    business INTEGER, status_code TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
    body BLOB NOT NULL, created_at REAL NOT NULL,
    UNIQUE (origin, message_key)
);
CREATE TABLE IF NOT EXISTS mailbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, message_id TEXT NOT NULL,
    organ_id TEXT NOT NULL, created_at REAL NOT NULL, acked_at REAL
);
CREATE INDEX IF NOT EXISTS mailbox_open ON mailbox (organ_id, acked_at, seq);
CREATE TABLE IF NOT EXISTS schedule (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organ_id TEXT NOT NULL,  -- the external organ that sends the status
    answered TEXT NOT NULL,  -- JSON: the ResponseFor (organ_id, code, promulgation_date, document_id)
    document_id TEXT NOT NULL, status_code TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    due_at REAL NOT NULL, state TEXT NOT NULL DEFAULT 'pending'  -- pending | sent | cancelled
);
CREATE INDEX IF NOT EXISTS schedule_due ON schedule (state, due_at, id);
CREATE TABLE IF NOT EXISTS demo_arrivals (  -- AXIS_MOCK_DEMO: what an external organ sends a new organ
    organ_id TEXT NOT NULL, sender TEXT NOT NULL, due_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | failed
    PRIMARY KEY (organ_id, sender)
);
CREATE TABLE IF NOT EXISTS behaviour (organ_id TEXT PRIMARY KEY, settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
COUNTERS = ("requests", "accepted", "duplicates", "rejected", "delivered", "acked", "taken_by_organs",
            "statuses_sent", "refused", "sent_by_organs", "statuses_cancelled")


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Store(SqliteStore):
    SCHEMA, COUNTERS = SCHEMA, COUNTERS

    @staticmethod
    def _count(db: sqlite3.Connection, name: str, by: int = 1) -> None:
        db.execute("INSERT INTO counters VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + ?",
                   (name, by, by))

    def count(self, name: str, by: int = 1) -> None:
        with self._writing() as db:
            self._count(db, name, by)

    def next_number(self, name: str) -> int:
        """The next value of a counter that is never reset (register numbers, document numbers)."""
        with self._writing() as db:
            self._count(db, f"number:{name}")
            return db.execute("SELECT value FROM counters WHERE name = ?", (f"number:{name}",)).fetchone()[0]

    # The directory --------------------------------------------------------------------------------------

    def seed_organs(self, organs: dict[str, str]) -> None:
        with self._writing() as db:
            db.executemany("INSERT INTO organs VALUES (?, ?, '', ?) ON CONFLICT(organ_id) DO UPDATE SET"
                           " name = excluded.name, system = ''",
                           [(organ_id, name, time.time()) for organ_id, name in organs.items()])

    def register_organ(self, *, system: str, organ_id: str, name: str,
                       arrivals: Iterable[tuple[str, float]] = ()) -> bool:
        """Register or rename an organ of ``system``; False when the id is another's (or external). The first
        time only, ``arrivals`` (external organ, seconds from now) are planned: what each sends the new organ."""
        with self._writing() as db:
            row = db.execute("SELECT system FROM organs WHERE organ_id = ?", (organ_id,)).fetchone()
            if row is not None and row["system"] != system:
                return False
            now = time.time()
            db.execute("INSERT INTO organs VALUES (?, ?, ?, ?) ON CONFLICT(organ_id) DO UPDATE SET name = excluded.name",
                       (organ_id, name, system, now))
            if row is None:
                db.executemany("INSERT OR IGNORE INTO demo_arrivals (organ_id, sender, due_at) VALUES (?, ?, ?)",
                               [(organ_id, sender, now + seconds) for sender, seconds in arrivals])
            return True

    def organs(self) -> list[dict]:
        rows = self._connection().execute("SELECT organ_id, name, system FROM organs ORDER BY organ_id")
        return [{"organ_id": r["organ_id"], "name": r["name"], "external": r["system"] == ""} for r in rows]

    def organ(self, organ_id: str) -> dict | None:
        row = self._connection().execute("SELECT * FROM organs WHERE organ_id = ?", (organ_id,)).fetchone()
        return dict(row) if row else None

    def owns(self, system: str, organ_id: str) -> bool:
        row = self.organ(organ_id)
        return row is not None and row["system"] == system != ""

    # Messages and mailboxes -----------------------------------------------------------------------------

    def accept(self, *, origin: str, key: str, kind: str, sender: str, recipients: list[str], document_id: str,
               business: int | None, status_code: str, body: bytes, description: str = "",
               counter: str = "accepted") -> tuple[str, list[str], bool]:
        """Store a message once per (origin, key) and put it in each recipient's mailbox. (message id, the
        mailbox entry ids, whether it is new); a repeat delivers nothing again."""
        with self._writing() as db:
            found = db.execute("SELECT id FROM messages WHERE origin = ? AND message_key = ?",
                               (origin, key)).fetchone()
            if found is not None:
                self._count(db, "duplicates")
                return found["id"], [], False
            message_id, now = uuid.uuid4().hex, time.time()
            db.execute("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (message_id, origin, key, kind, sender, document_id, business, status_code, description,
                        body, now))
            entries = []
            for organ_id in dict.fromkeys(recipients):
                entries.append(uuid.uuid4().hex)
                db.execute("INSERT INTO mailbox (id, message_id, organ_id, created_at) VALUES (?, ?, ?, ?)",
                           (entries[-1], message_id, organ_id, now))
            self._count(db, counter)
            self._count(db, "delivered", len(entries))
            return message_id, entries, True

    _ENTRY = ("SELECT b.id, b.organ_id, b.created_at, b.acked_at, m.kind, m.sender, m.document_id, m.business,"
              " m.status_code, m.description FROM mailbox b JOIN messages m ON m.id = b.message_id")

    @staticmethod
    def _entry(row: sqlite3.Row) -> dict:
        return {"id": row["id"], "type": row["kind"], "from": row["sender"], "document_id": row["document_id"],
                "business": row["business"], "status_code": row["status_code"],
                "created_at": _iso(row["created_at"])}

    def mailbox(self, organ_id: str, *, limit: int) -> list[dict]:
        rows = self._connection().execute(
            self._ENTRY + " WHERE b.organ_id = ? AND b.acked_at IS NULL ORDER BY b.seq LIMIT ?", (organ_id, limit))
        return [self._entry(row) for row in rows]

    def entry_body(self, *, system: str, entry_id: str) -> bytes | None:
        """The XML of a mailbox entry of one of ``system``'s organs (acknowledged or not)."""
        row = self._connection().execute(
            "SELECT m.body FROM mailbox b JOIN messages m ON m.id = b.message_id JOIN organs o"
            " ON o.organ_id = b.organ_id WHERE b.id = ? AND o.system = ? AND o.system != ''",
            (entry_id, system)).fetchone()
        return bytes(row["body"]) if row else None

    def ack(self, *, system: str, entry_id: str) -> bool:
        with self._writing() as db:
            row = db.execute("SELECT b.acked_at FROM mailbox b JOIN organs o ON o.organ_id = b.organ_id"
                             " WHERE b.id = ? AND o.system = ? AND o.system != ''", (entry_id, system)).fetchone()
            if row is None:
                return False
            if row["acked_at"] is None:
                db.execute("UPDATE mailbox SET acked_at = ? WHERE id = ?", (time.time(), entry_id))
                self._count(db, "acked")
            return True

    def message_body(self, message_id: str) -> bytes | None:
        row = self._connection().execute("SELECT body FROM messages WHERE id = ?", (message_id,)).fetchone()
        return bytes(row["body"]) if row else None

    def last_sent(self, *, origin: str, recipient: str, document_id: str = "") -> bytes | None:
        """The latest document package ``origin`` sent to ``recipient`` (that document, when given)."""
        query = ("SELECT m.body FROM messages m JOIN mailbox b ON b.message_id = m.id WHERE m.origin = ?"
                 " AND b.organ_id = ? AND m.kind = 'edoc' AND COALESCE(m.business, 0) != 1")
        args: list = [origin, recipient]
        if document_id:
            query, args = query + " AND m.document_id = ?", [*args, document_id]
        row = self._connection().execute(query + " ORDER BY b.seq DESC LIMIT 1", args).fetchone()
        return bytes(row["body"]) if row else None

    # The external organs' side --------------------------------------------------------------------------

    def arrivals(self, *, limit: int = 20) -> list[dict]:
        """Unacknowledged entries in the external organs' mailboxes, oldest first, with their XML."""
        rows = self._connection().execute(
            "SELECT b.id, b.organ_id, b.created_at, m.kind, m.business, m.document_id, m.body FROM mailbox b"
            " JOIN messages m ON m.id = b.message_id JOIN organs o ON o.organ_id = b.organ_id"
            " WHERE o.system = '' AND b.acked_at IS NULL ORDER BY b.seq LIMIT ?", (limit,))
        return [{**dict(row), "body": bytes(row["body"])} for row in rows]

    def take(self, *, entry_id: str, organ_id: str, schedule: list[dict], cancel_document: str = "") -> None:
        """An external organ takes an entry: acknowledges it, schedules its answers and (a revocation)
        cancels the answers not yet sent about ``cancel_document``, all at once."""
        with self._writing() as db:
            updated = db.execute("UPDATE mailbox SET acked_at = ? WHERE id = ? AND acked_at IS NULL",
                                 (time.time(), entry_id)).rowcount
            if not updated:
                return
            self._count(db, "taken_by_organs")
            if cancel_document:
                cancelled = db.execute(
                    "UPDATE schedule SET state = 'cancelled' WHERE organ_id = ? AND document_id = ?"
                    " AND state = 'pending' AND status_code IN ('01', '03', '04', '05', '06')",
                    (organ_id, cancel_document)).rowcount
                self._count(db, "statuses_cancelled", cancelled)
            for item in schedule:
                db.execute("INSERT INTO schedule (organ_id, answered, document_id, status_code, description, due_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           (item["organ_id"], json.dumps(item["answered"]), item["answered"]["document_id"],
                            item["status_code"], item["description"], item["due_at"]))

    def received_document(self, *, organ_id: str, document_id: str) -> bool:
        """Whether the external organ received that document (a new one, an update or a replacement)."""
        return self._connection().execute(
            "SELECT 1 FROM mailbox b JOIN messages m ON m.id = b.message_id WHERE b.organ_id = ?"
            " AND m.kind = 'edoc' AND COALESCE(m.business, 0) != 1 AND m.document_id = ? LIMIT 1",
            (organ_id, document_id)).fetchone() is not None

    def due(self, now: float, *, limit: int = 50) -> list[dict]:
        rows = self._connection().execute(
            "SELECT * FROM schedule WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?",
            (now, limit))
        return [{**dict(row), "answered": json.loads(row["answered"])} for row in rows]

    def send_scheduled(self, *, schedule_id: int, recipient: str, organ_id: str, body: bytes, status_code: str,
                       document_id: str, description: str) -> bool:
        """Deliver a scheduled status (unless it was cancelled meanwhile) and mark it sent, at once."""
        with self._writing() as db:
            if not db.execute("UPDATE schedule SET state = 'sent' WHERE id = ? AND state = 'pending'",
                              (schedule_id,)).rowcount:
                return False
            message_id, now = uuid.uuid4().hex, time.time()
            db.execute("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (message_id, f"organ:{organ_id}", f"schedule-{schedule_id}", "status", organ_id, document_id,
                        None, status_code, description, body, now))
            db.execute("INSERT INTO mailbox (id, message_id, organ_id, created_at) VALUES (?, ?, ?, ?)",
                       (uuid.uuid4().hex, message_id, recipient, now))
            self._count(db, "statuses_sent")
            self._count(db, "delivered")
            if status_code == "02":
                self._count(db, "refused")
            return True

    def received(self, organ_id: str) -> dict:
        """What an external organ received, and the statuses it sent, in order."""
        db = self._connection()
        received = [{**self._entry(row), "description": row["description"]}
                    for row in db.execute(self._ENTRY + " WHERE b.organ_id = ? ORDER BY b.seq", (organ_id,))]
        sent = [{"to": row["organ_id"], "document_id": row["document_id"], "status_code": row["status_code"],
                 "description": row["description"], "created_at": _iso(row["created_at"])}
                for row in db.execute(
                    "SELECT b.organ_id, m.document_id, m.status_code, m.description, m.created_at FROM messages m"
                    " JOIN mailbox b ON b.message_id = m.id WHERE m.origin = ? AND m.kind = 'status'"
                    " ORDER BY b.seq", (f"organ:{organ_id}",))]
        return {"messages": received, "sent": sent}

    def demo_arrivals_due(self, now: float) -> list[dict]:
        rows = self._connection().execute(
            "SELECT organ_id, sender FROM demo_arrivals WHERE state = 'pending' AND due_at <= ? ORDER BY due_at",
            (now,))
        return [dict(row) for row in rows]

    def demo_arrival_done(self, *, organ_id: str, sender: str, sent: bool) -> None:
        with self._writing() as db:
            db.execute("UPDATE demo_arrivals SET state = ? WHERE organ_id = ? AND sender = ?",
                       ("sent" if sent else "failed", organ_id, sender))

    # Behaviour, stats, reset ----------------------------------------------------------------------------

    def behaviour(self, organ_id: str) -> dict:
        row = self._connection().execute("SELECT settings FROM behaviour WHERE organ_id = ?", (organ_id,)).fetchone()
        return json.loads(row["settings"]) if row else {}

    def set_behaviour(self, organ_id: str, settings: dict) -> None:
        with self._writing() as db:
            db.execute("INSERT INTO behaviour VALUES (?, ?) ON CONFLICT(organ_id) DO UPDATE SET"
                       " settings = excluded.settings", (organ_id, json.dumps(settings)))

    def stats(self) -> dict:
        db = self._connection()
        counters = {row["name"]: row["value"] for row in db.execute("SELECT * FROM counters")
                    if not row["name"].startswith("number:")}
        return {
            **counters,
            "organs": db.execute("SELECT COUNT(*) FROM organs").fetchone()[0],
            "messages": db.execute("SELECT COUNT(*) FROM messages").fetchone()[0],
            "unacknowledged": db.execute("SELECT COUNT(*) FROM mailbox WHERE acked_at IS NULL").fetchone()[0],
            "scheduled": db.execute("SELECT COUNT(*) FROM schedule WHERE state = 'pending'").fetchone()[0],
        }

    def reset(self) -> None:
        """Empty the messages, mailboxes, schedule, demo arrivals and behaviours; keep the directory and the
        numbering (an organ registered before is not new again)."""
        with self._writing() as db:
            for table in ("messages", "mailbox", "schedule", "demo_arrivals", "behaviour"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            db.execute("UPDATE counters SET value = 0 WHERE name NOT LIKE 'number:%'")
