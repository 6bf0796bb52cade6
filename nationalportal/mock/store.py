"""The mock NPSP's own database (SQLite): the messages it applied, keyed by idempotency key, each dossier's
latest state, the published procedures, and the population records the identity lookup answers from."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from nationalportal.mock.population import POPULATION

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
CREATE INDEX IF NOT EXISTS dossiers_updated ON dossiers (updated_at);
"""
COUNTERS = ("applied", "duplicates", "out_of_order", "rejected", "requests")


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._local = threading.local()
        self._write = threading.Lock()  # one writer at a time: idempotency checks and applies are atomic
        with self._connection() as db:
            db.executescript(SCHEMA)
            db.executemany("INSERT OR IGNORE INTO counters VALUES (?, 0)", [(n,) for n in COUNTERS])
            db.executemany("INSERT OR IGNORE INTO citizens VALUES (?, ?, ?, ?, ?)", POPULATION)

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def count(self, name: str, by: int = 1) -> None:
        self._connection().execute("UPDATE counters SET value = value + ? WHERE name = ?", (by, name))

    def apply_dossier_events(self, messages: list[dict]) -> list[dict]:
        """Apply each message once (by key). A dossier's state moves only forward in sequence: an older
        message arriving after a newer one is stored, counted as out of order, and does not roll it back."""
        results = []
        now = time.time()
        with self._write:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                for message in messages:
                    results.append(self._apply_one(db, message, now))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return results

    def _apply_one(self, db: sqlite3.Connection, message: dict, now: float) -> dict:
        key = message["key"]
        inserted = db.execute(
            "INSERT OR IGNORE INTO messages VALUES (?, ?, ?, ?, ?, ?)",
            (key, "dossier", message["dossier_id"], message["sequence"], json.dumps(message), now),
        ).rowcount
        if not inserted:
            db.execute("UPDATE counters SET value = value + 1 WHERE name = 'duplicates'")
            return {"key": key, "status": "duplicate"}
        db.execute("UPDATE counters SET value = value + 1 WHERE name = 'applied'")
        row = db.execute("SELECT sequence FROM dossiers WHERE dossier_id = ?", (message["dossier_id"],)).fetchone()
        if row is not None and row["sequence"] >= message["sequence"]:
            db.execute("UPDATE counters SET value = value + 1 WHERE name = 'out_of_order'")
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
        with self._write:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                for message in messages:
                    inserted = db.execute(
                        "INSERT OR IGNORE INTO messages VALUES (?, ?, ?, ?, ?, ?)",
                        (message["key"], "procedure", message["code"], message["version"], json.dumps(message), now),
                    ).rowcount
                    if not inserted:
                        db.execute("UPDATE counters SET value = value + 1 WHERE name = 'duplicates'")
                        results.append({"key": message["key"], "status": "duplicate"})
                        continue
                    db.execute("UPDATE counters SET value = value + 1 WHERE name = 'applied'")
                    db.execute(
                        "INSERT INTO procedures VALUES (?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET"
                        " version = excluded.version, name = excluded.name, payload = excluded.payload,"
                        " received_at = excluded.received_at WHERE excluded.version >= procedures.version",
                        (message["code"], message["version"], message["name"], json.dumps(message), now),
                    )
                    results.append({"key": message["key"], "status": "applied"})
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return results

    def dossiers(self, *, updated_from: str = "", updated_to: str = "", code: str = "") -> list[dict]:
        query, args = "SELECT dossier_id, code, state, sequence, updated_at FROM dossiers WHERE 1 = 1", []
        if code:
            query, args = query + " AND code = ?", [*args, code]
        if updated_from:
            query, args = query + " AND updated_at >= ?", [*args, updated_from]
        if updated_to:
            query, args = query + " AND updated_at < ?", [*args, updated_to]
        return [dict(row) for row in self._connection().execute(query + " ORDER BY dossier_id", args)]

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
        return {**counters, "dossiers": dossiers, "procedures": procedures}

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
            db.execute("UPDATE counters SET value = 0")
