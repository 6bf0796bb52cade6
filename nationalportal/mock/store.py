"""The mock NPSP's own database (SQLite): the messages it applied, keyed by idempotency key, each dossier's
and each petition's latest state (the national PAKN system's record of it), the published procedures, and
the population records the identity lookup answers from."""

from __future__ import annotations

import json
import sqlite3
import time

from nationalportal.mock.population import POPULATION
from portal.mockservice import SqliteStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    key TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, sequence INTEGER NOT NULL,
    payload TEXT NOT NULL, received_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS dossiers (
    dossier_id TEXT PRIMARY KEY, code TEXT NOT NULL DEFAULT '', state TEXT NOT NULL, sequence INTEGER NOT NULL,
    updated_at TEXT NOT NULL, procedure_code TEXT NOT NULL DEFAULT '', received_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS procedures (
    code TEXT PRIMARY KEY, version INTEGER NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL,
    received_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS citizens (
    cccd TEXT PRIMARY KEY, full_name TEXT NOT NULL, date_of_birth TEXT NOT NULL, gender TEXT NOT NULL,
    permanent_address TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS petitions (
    petition_id TEXT PRIMARY KEY, code TEXT NOT NULL, state TEXT NOT NULL, national_status TEXT NOT NULL,
    sequence INTEGER NOT NULL, updated_at TEXT NOT NULL, agency_code TEXT NOT NULL, klass TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL DEFAULT 0, received_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_updated ON dossiers (updated_at);
CREATE INDEX IF NOT EXISTS petitions_updated ON petitions (updated_at);
"""
COUNTERS = ("applied", "duplicates", "out_of_order", "rejected", "requests")


class Store(SqliteStore):
    SCHEMA, COUNTERS = SCHEMA, COUNTERS

    def seed(self, db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR IGNORE INTO citizens VALUES (?, ?, ?, ?, ?)", POPULATION)

    @staticmethod
    def _first_time(db: sqlite3.Connection, message: dict, *, kind: str, subject: str, sequence: int,
                    now: float) -> bool:
        """Store the message under its key; False (counted as a duplicate) when the key was applied before."""
        inserted = db.execute("INSERT OR IGNORE INTO messages VALUES (?, ?, ?, ?, ?, ?)",
                              (message["key"], kind, subject, sequence, json.dumps(message), now)).rowcount
        db.execute("UPDATE counters SET value = value + 1 WHERE name = ?", ("applied" if inserted else "duplicates",))
        return bool(inserted)

    @staticmethod
    def _is_older(db: sqlite3.Connection, table: str, id_column: str, subject: str, sequence: int) -> bool:
        """A message older than what the record holds is kept (in ``messages``) but must not roll it back."""
        row = db.execute(f"SELECT sequence FROM {table} WHERE {id_column} = ?", (subject,)).fetchone()
        if row is not None and row["sequence"] >= sequence:
            db.execute("UPDATE counters SET value = value + 1 WHERE name = 'out_of_order'")
            return True
        return False

    def apply_dossier_events(self, messages: list[dict]) -> list[dict]:
        """Apply each message once (by key). A dossier's state moves only forward in sequence: an older
        message arriving after a newer one is stored, counted as out of order, and does not roll it back."""
        now = time.time()
        with self._writing() as db:
            return [self._apply_dossier_event(db, message, now) for message in messages]

    def _apply_dossier_event(self, db: sqlite3.Connection, message: dict, now: float) -> dict:
        key, subject, sequence = message["key"], message["dossier_id"], message["sequence"]
        if not self._first_time(db, message, kind="dossier", subject=subject, sequence=sequence, now=now):
            return {"key": key, "status": "duplicate"}
        if self._is_older(db, "dossiers", "dossier_id", subject, sequence):
            return {"key": key, "status": "applied"}
        db.execute(
            "INSERT INTO dossiers VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dossier_id) DO UPDATE SET"
            " code = excluded.code, state = excluded.state, sequence = excluded.sequence,"
            " updated_at = excluded.updated_at, procedure_code = excluded.procedure_code,"
            " received_at = excluded.received_at",
            (message["dossier_id"], message.get("code") or "", message["state"], message["sequence"], message["at"],
             message.get("procedure_code", ""), now),
        )
        return {"key": key, "status": "applied"}

    def apply_procedures(self, messages: list[dict]) -> list[dict]:
        results, now = [], time.time()
        with self._writing() as db:
            for message in messages:
                if not self._first_time(db, message, kind="procedure", subject=message["code"],
                                        sequence=message["version"], now=now):
                    results.append({"key": message["key"], "status": "duplicate"})
                    continue
                db.execute(
                    "INSERT INTO procedures VALUES (?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET"
                    " version = excluded.version, name = excluded.name, payload = excluded.payload,"
                    " received_at = excluded.received_at WHERE excluded.version >= procedures.version",
                    (message["code"], message["version"], message["name"], json.dumps(message), now),
                )
                results.append({"key": message["key"], "status": "applied"})
        return results

    def apply_petition_events(self, messages: list[dict]) -> list[dict]:
        """The national PAKN system's side: like dossier events, each key once and a petition's record only
        forward in sequence; ``published`` once a message says its answer is public."""
        now = time.time()
        with self._writing() as db:
            return [self._apply_petition_event(db, message, now) for message in messages]

    def _apply_petition_event(self, db: sqlite3.Connection, message: dict, now: float) -> dict:
        key, subject, sequence = message["key"], message["petition_id"], message["sequence"]
        if not self._first_time(db, message, kind="petition", subject=subject, sequence=sequence, now=now):
            return {"key": key, "status": "duplicate"}
        if self._is_older(db, "petitions", "petition_id", subject, sequence):
            return {"key": key, "status": "applied"}
        db.execute(
            "INSERT INTO petitions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(petition_id) DO UPDATE SET"
            " code = excluded.code, state = excluded.state, national_status = excluded.national_status,"
            " sequence = excluded.sequence, updated_at = excluded.updated_at, agency_code = excluded.agency_code,"
            " klass = excluded.klass, published = excluded.published, received_at = excluded.received_at",
            (subject, message["code"], message["state"], message["national_status"], sequence, message["at"],
             message["agency_code"], message.get("klass") or "", int(bool(message.get("published_at"))), now),
        )
        return {"key": key, "status": "applied"}

    def _held(self, select: str, order: str, *, updated_from: str, updated_to: str, code: str) -> list[dict]:
        query, args = select + " WHERE 1 = 1", []
        if code:
            query, args = query + " AND code = ?", [*args, code]
        if updated_from:
            query, args = query + " AND updated_at >= ?", [*args, updated_from]
        if updated_to:
            query, args = query + " AND updated_at < ?", [*args, updated_to]
        return [dict(row) for row in self._connection().execute(f"{query} ORDER BY {order}", args)]

    def dossiers(self, *, updated_from: str = "", updated_to: str = "", code: str = "") -> list[dict]:
        return self._held("SELECT dossier_id, code, state, sequence, updated_at FROM dossiers", "dossier_id",
                          updated_from=updated_from, updated_to=updated_to, code=code)

    def petitions(self, *, updated_from: str = "", updated_to: str = "", code: str = "") -> list[dict]:
        rows = self._held("SELECT petition_id, code, state, national_status, sequence, updated_at, agency_code,"
                          " klass, published FROM petitions", "petition_id",
                          updated_from=updated_from, updated_to=updated_to, code=code)
        return [{**row, "published": bool(row["published"])} for row in rows]

    def procedures(self) -> list[dict]:
        rows = self._connection().execute("SELECT code, version, name FROM procedures ORDER BY code")
        return [dict(row) for row in rows]

    def citizen(self, cccd: str) -> dict | None:
        row = self._connection().execute("SELECT * FROM citizens WHERE cccd = ?", (cccd,)).fetchone()
        return dict(row) if row else None

    def stats(self) -> dict:
        counters = {row["name"]: row["value"] for row in self._connection().execute("SELECT * FROM counters")}
        dossiers = self._connection().execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
        procedures = self._connection().execute("SELECT COUNT(*) FROM procedures").fetchone()[0]
        petitions, published = self._connection().execute(
            "SELECT COUNT(*), COALESCE(SUM(published), 0) FROM petitions").fetchone()
        return {**counters, "dossiers": dossiers, "procedures": procedures, "petitions": petitions,
                "petitions_published": published}

    def messages_for(self, subject: str) -> list[dict]:
        rows = self._connection().execute(
            "SELECT key, sequence, payload FROM messages WHERE subject = ? ORDER BY received_at, rowid", (subject,))
        return [{"key": r["key"], "sequence": r["sequence"], **json.loads(r["payload"])} for r in rows]

    def reset(self) -> None:
        with self._write:
            db = self._connection()
            db.execute("DELETE FROM messages")
            db.execute("DELETE FROM dossiers")
            db.execute("DELETE FROM procedures")
            db.execute("DELETE FROM petitions")
            db.execute("UPDATE counters SET value = 0")
