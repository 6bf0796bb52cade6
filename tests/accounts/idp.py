"""The mock national identity provider (``python -m accounts.mock``) as the separate process it is, on a free
port with its own database, and the steps of a login through it: tests talk real HTTP to it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.nationalportal.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
ADMIN = "test-idp-admin"
CLIENT_ID, CLIENT_SECRET = "portal-test", "test-oidc-secret"
PASSWORD = "Demo@Portal2025"
# The mock's identities (accounts/mock/people.py): the demo citizen, one with no portal account, a level 1.
AN, MAI, QUAN = "022090012345", "022185004321", "022095007788"


class Idp:
    def __init__(self, url: str, db: Path):
        self.url, self.db = url, db

    def admin(self, **faults) -> dict:
        return requests.post(f"{self.url}/admin/faults", json=faults, headers={"X-IdP-Admin": ADMIN}, timeout=5).json()

    def stats(self) -> dict:
        return requests.get(f"{self.url}/admin/stats", headers={"X-IdP-Admin": ADMIN}, timeout=5).json()

    def signing_key(self) -> RSAKey:
        """The provider's own private key, read from its database: to make tokens it would really sign."""
        with sqlite3.connect(self.db) as db:
            (private,) = db.execute("SELECT private_jwk FROM keys ORDER BY created_at DESC LIMIT 1").fetchone()
        return RSAKey.import_key(json.loads(private))

    def sign(self, claims: dict, *, key: RSAKey | None = None, header: dict | None = None) -> str:
        key = key or self.signing_key()
        return jwt.encode(header or {"alg": "RS256", "kid": self.signing_key().kid}, claims, key)


@contextmanager
def running_idp(tmp_path: Path, *, portal_urls: list[str]):
    """The mock provider with the test portal (``portal_urls``, e.g. http://testserver) registered."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db = tmp_path / "idp.sqlite3"
    env = {**os.environ, "IDP_MOCK_ADMIN_TOKEN": ADMIN, "IDP_MOCK_CLIENT_ID": CLIENT_ID,
           "IDP_MOCK_CLIENT_SECRET": CLIENT_SECRET, "IDP_MOCK_ISSUER": url, "IDP_MOCK_LOG_LEVEL": "WARNING",
           "IDP_MOCK_REDIRECT_URIS": ",".join(f"{u}/accounts/vneid/callback/" for u in portal_urls),
           "IDP_MOCK_POST_LOGOUT_URIS": ",".join(f"{u}/" for u in portal_urls)}
    process = subprocess.Popen([sys.executable, "-m", "accounts.mock", "--port", str(port), "--db", str(db)],
                               cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.get(f"{url}/health", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the mock identity provider did not start") from None
                time.sleep(0.1)
        yield Idp(url, db)
    finally:
        process.terminate()
        process.wait(timeout=10)


def use_idp(settings, idp: Idp) -> None:
    """Point the portal's settings at ``idp`` (as the environment would: OIDC_OP_URL and the client)."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_OP_ISSUER = idp.url
    settings.OIDC_OP_DISCOVERY_URL = f"{idp.url}/.well-known/openid-configuration"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{idp.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{idp.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{idp.url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{idp.url}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{idp.url}/logout"


def provider_login(browser: requests.Session, authorize_url: str, cccd: str, password: str = PASSWORD,
                   action: str = "login") -> requests.Response:
    """Fill in the provider's login page as a citizen would; its answer (a redirect back, or the page again)."""
    page = browser.get(authorize_url, timeout=10)
    page.raise_for_status()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return browser.post(authorize_url, data={"csrf": csrf, "cccd": cccd, "password": password, "action": action},
                        allow_redirects=False, timeout=10)


def local_path(location: str) -> str:
    """http://testserver/accounts/vneid/callback/?code=…&state=… → the path and query for the test client."""
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
