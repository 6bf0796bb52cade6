"""The mock payment platform's own database (SQLite): the orders merchants created, and the callbacks (IPN)
it owes them, each retried with backoff until the merchant answers 2xx."""

from __future__ import annotations

import json
import secrets
import time
from datetime import UTC, datetime

from portal.mockservice import SqliteStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    order_id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, amount INTEGER NOT NULL, description TEXT NOT NULL,
    return_url TEXT NOT NULL, notify_url TEXT NOT NULL, expires_at REAL NOT NULL, token TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL, transaction_id TEXT NOT NULL DEFAULT '', paid_at TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS callbacks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_at REAL NOT NULL, delivered_at REAL, last_status INTEGER,
    held INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
COUNTERS = ("created", "queries", "callbacks_sent", "callbacks_failed", "rejected")
PENDING, PAID, CANCELLED, FAILED, EXPIRED = "pending", "paid", "cancelled", "failed", "expired"
STATUSES = (PENDING, PAID, CANCELLED, FAILED, EXPIRED)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(SqliteStore):
    SCHEMA, COUNTERS = SCHEMA, COUNTERS

    # Orders

    def create(self, request: dict) -> tuple[dict, bool]:
        """The order (created now, or the one created before under this id), and whether it is the same
        request (False: the id was used for another amount or merchant)."""
        with self._writing() as db:
            row = db.execute("SELECT * FROM orders WHERE order_id = ?", (request["order_id"],)).fetchone()
            if row is not None:
                same = row["merchant_id"] == request["merchant_id"] and row["amount"] == request["amount"]
                return dict(row), same
            db.execute(
                "INSERT INTO orders (order_id, merchant_id, amount, description, return_url, notify_url, expires_at,"
                " token, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (request["order_id"], request["merchant_id"], request["amount"], request["description"],
                 request["return_url"], request["notify_url"], float(request["expires_at"]),
                 secrets.token_urlsafe(16), PENDING, time.time()))
            db.execute("UPDATE counters SET value = value + 1 WHERE name = 'created'")
            return dict(db.execute("SELECT * FROM orders WHERE order_id = ?", (request["order_id"],)).fetchone()), True

    def order(self, order_id: str) -> dict | None:
        self._expire()
        row = self._connection().execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        return dict(row) if row else None

    def order_by_token(self, token: str) -> dict | None:
        self._expire()
        row = self._connection().execute("SELECT * FROM orders WHERE token = ?", (token,)).fetchone()
        return dict(row) if row else None

    def _expire(self) -> None:
        """Orders past their expiry that nobody paid are expired (their callback is queued like any other)."""
        with self._writing() as db:
            rows = db.execute("SELECT order_id FROM orders WHERE status = ? AND expires_at < ?",
                              (PENDING, time.time())).fetchall()
            for row in rows:
                db.execute("UPDATE orders SET status = ? WHERE order_id = ?", (EXPIRED, row["order_id"]))

    def settle(self, order_id: str, status: str, *, force: bool = False) -> dict | None:
        """Move a pending order to ``status`` (``force``: whatever its status, as a bank's late settlement
        does); the order after, or None if unknown. A paid order gets its transaction id and time."""
        self._expire()
        with self._writing() as db:
            row = db.execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone()
            if row is None:
                return None
            if row["status"] == PENDING or force:
                transaction_id, paid_at = row["transaction_id"], row["paid_at"]
                if status == PAID and not transaction_id:
                    transaction_id = f"NTT{int(time.time() * 1000)}{secrets.randbelow(1000):03d}"
                    paid_at = now_iso()
                db.execute("UPDATE orders SET status = ?, transaction_id = ?, paid_at = ? WHERE order_id = ?",
                           (status, transaction_id, paid_at, order_id))
            return dict(db.execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone())

    # Callbacks (IPN)

    def queue_callback(self, *, order_id: str, url: str, body: dict, copies: int = 1, delay: float = 0.0,
                       held: bool = False) -> None:
        with self._writing() as db:
            for _copy in range(max(1, copies)):
                db.execute("INSERT INTO callbacks (order_id, url, body, next_at, held) VALUES (?, ?, ?, ?, ?)",
                           (order_id, url, json.dumps(body, ensure_ascii=False), time.time() + delay, int(held)))

    def release(self, *, reverse: bool = False) -> int:
        """Send the held callbacks now (``reverse``: newest first, so they arrive out of order)."""
        with self._writing() as db:
            ids = [r["id"] for r in db.execute("SELECT id FROM callbacks WHERE held = 1 ORDER BY id")]
            base = time.time()
            for offset, callback_id in enumerate(reversed(ids) if reverse else ids):
                db.execute("UPDATE callbacks SET held = 0, next_at = ? WHERE id = ?", (base + offset * 0.05,
                                                                                     callback_id))
            return len(ids)

    def due_callbacks(self, *, max_attempts: int) -> list[dict]:
        rows = self._connection().execute(
            "SELECT * FROM callbacks WHERE delivered_at IS NULL AND held = 0 AND next_at <= ? AND attempts < ?"
            " ORDER BY next_at, id LIMIT 20", (time.time(), max_attempts))
        return [dict(row) for row in rows]

    def callback_done(self, callback_id: int, *, status: int | None, delivered: bool, retry_in: float) -> None:
        with self._writing() as db:
            if delivered:
                db.execute("UPDATE callbacks SET attempts = attempts + 1, delivered_at = ?, last_status = ? WHERE id = ?",
                           (time.time(), status, callback_id))
            else:
                db.execute("UPDATE callbacks SET attempts = attempts + 1, next_at = ?, last_status = ? WHERE id = ?",
                           (time.time() + retry_in, status, callback_id))
            db.execute("UPDATE counters SET value = value + 1 WHERE name = ?",
                       ("callbacks_sent" if delivered else "callbacks_failed",))

    def callbacks(self, order_id: str = "") -> list[dict]:
        query, args = "SELECT * FROM callbacks", ()
        if order_id:
            query, args = query + " WHERE order_id = ?", (order_id,)
        return [{**dict(r), "body": json.loads(r["body"])} for r in self._connection().execute(query + " ORDER BY id", args)]

    def stats(self) -> dict:
        db = self._connection()
        counters = {row["name"]: row["value"] for row in db.execute("SELECT * FROM counters")}
        by_status = {row["status"]: row["n"] for row in db.execute("SELECT status, COUNT(*) AS n FROM orders GROUP BY status")}
        pending = db.execute("SELECT COUNT(*) FROM callbacks WHERE delivered_at IS NULL").fetchone()[0]
        return {**counters, "orders": by_status, "callbacks_pending": pending}

    def reset(self) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM orders")
            db.execute("DELETE FROM callbacks")
            db.execute("UPDATE counters SET value = 0")
