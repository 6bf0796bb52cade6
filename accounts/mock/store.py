"""The mock provider's own database (SQLite): the identities (password hashes by werkzeug), its RSA signing
key (kept across restarts, so ID tokens issued before a restart still verify), authorization codes (used
once, ten minutes) and access tokens (one hour)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from joserfc.jwk import RSAKey
from werkzeug.security import check_password_hash, generate_password_hash

from accounts.mock.people import PEOPLE
from portal.mockservice import SqliteStore

SCHEMA = """
CREATE TABLE IF NOT EXISTS identities (
    sub TEXT PRIMARY KEY, cccd TEXT NOT NULL UNIQUE, name TEXT NOT NULL, birthdate TEXT NOT NULL,
    gender TEXT NOT NULL, address TEXT NOT NULL, phone TEXT NOT NULL, level INTEGER NOT NULL,
    password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS keys (kid TEXT PRIMARY KEY, private_jwk TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS codes (
    code TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, scope TEXT NOT NULL,
    nonce TEXT NOT NULL, code_challenge TEXT NOT NULL, code_challenge_method TEXT NOT NULL, sub TEXT NOT NULL,
    auth_time INTEGER NOT NULL, expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY, client_id TEXT NOT NULL, sub TEXT NOT NULL, scope TEXT NOT NULL,
    issued_at REAL NOT NULL, expires_in INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
CODE_SECONDS = 600


def subject_for(cccd: str) -> str:
    """A pairwise-looking, stable subject: the provider's own identifier, not the CCCD itself."""
    return f"vneid-{cccd[::-1]}"


class Store(SqliteStore):
    SCHEMA = SCHEMA

    def __init__(self, path: str | Path, *, password: str):
        self._password = password
        super().__init__(path)

    def seed(self, db: sqlite3.Connection) -> None:
        password = self._password
        for cccd, name, birthdate, gender, address, phone, level in PEOPLE:
            if db.execute("SELECT 1 FROM identities WHERE cccd = ?", (cccd,)).fetchone() is None:
                db.execute("INSERT INTO identities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (subject_for(cccd), cccd, name, birthdate, gender, address, phone, level,
                            generate_password_hash(password)))
        if db.execute("SELECT 1 FROM keys").fetchone() is None:
            key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, private=True)
            key.ensure_kid()
            db.execute("INSERT INTO keys VALUES (?, ?, ?)",
                       (key.kid, json.dumps(key.as_dict(private=True)), time.time()))


    # -- keys
    def signing_key(self) -> RSAKey:
        row = self._connection().execute("SELECT private_jwk FROM keys ORDER BY created_at DESC LIMIT 1").fetchone()
        return RSAKey.import_key(json.loads(row["private_jwk"]))

    def public_keys(self) -> list[dict]:
        rows = self._connection().execute("SELECT private_jwk FROM keys ORDER BY created_at DESC").fetchall()
        return [RSAKey.import_key(json.loads(row["private_jwk"])).as_dict(private=False) for row in rows]

    # -- identities
    def authenticate(self, cccd: str, password: str) -> dict | None:
        row = self._connection().execute("SELECT * FROM identities WHERE cccd = ?", (cccd,)).fetchone()
        if row is None or not check_password_hash(row["password_hash"], password):
            return None
        return dict(row)

    def identity(self, sub: str) -> dict | None:
        row = self._connection().execute("SELECT * FROM identities WHERE sub = ?", (sub,)).fetchone()
        return dict(row) if row else None

    def identities(self) -> list[dict]:
        rows = self._connection().execute("SELECT cccd, name, level FROM identities ORDER BY rowid").fetchall()
        return [dict(row) for row in rows]

    # -- codes and tokens
    def save_code(self, **values) -> None:
        with self._write:
            self._connection().execute(
                "INSERT INTO codes VALUES (:code, :client_id, :redirect_uri, :scope, :nonce, :code_challenge,"
                " :code_challenge_method, :sub, :auth_time, :expires_at)",
                {**values, "expires_at": time.time() + CODE_SECONDS})
            self.count("codes_issued")

    def code(self, code: str, client_id: str) -> dict | None:
        row = self._connection().execute("SELECT * FROM codes WHERE code = ? AND client_id = ? AND expires_at > ?",
                                 (code, client_id, time.time())).fetchone()
        return dict(row) if row else None

    def delete_code(self, code: str) -> None:
        """Used up: never valid again, its nonce still remembered (a replayed nonce is refused)."""
        with self._write:
            self._connection().execute("UPDATE codes SET expires_at = 0 WHERE code = ?", (code,))

    def nonce_used(self, nonce: str) -> bool:
        return self._connection().execute("SELECT 1 FROM codes WHERE nonce = ?", (nonce,)).fetchone() is not None

    def save_token(self, *, token: str, client_id: str, sub: str, scope: str, expires_in: int) -> None:
        with self._write:
            self._connection().execute("INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?)",
                               (token, client_id, sub, scope, time.time(), expires_in))
            self.count("tokens_issued")

    def token(self, token: str) -> dict | None:
        row = self._connection().execute("SELECT * FROM tokens WHERE token = ?", (token,)).fetchone()
        return dict(row) if row else None

    # -- counters, for tests and demos
    def stats(self) -> dict:
        return {row["name"]: row["value"] for row in self._connection().execute("SELECT * FROM counters")}
