"""Small helpers the petition API tests share: clients, the endpoints' URLs and what an answer says."""

from __future__ import annotations

from django.test import Client

BASE = "/api/v1/feedback/"
PETITIONS = BASE + "petitions/"
CALLS = BASE + "calls/"
PUBLISHED = BASE + "published/"


def url(petition, command: str = "", *, by: str = "code") -> str:
    key = petition.code if by == "code" else str(petition.uuid)
    return f"{PETITIONS}{key}/" + (f"{command}/" if command else "")


def track_url(petition) -> str:
    return f"{BASE}track/{petition.code}/"


def client(user=None, *, lang: str = "en", address: str = "127.0.0.1") -> Client:
    """A client logged in as ``user`` (anonymous without one); English unless asked otherwise."""
    c = Client(HTTP_ACCEPT_LANGUAGE=lang, REMOTE_ADDR=address)
    if user is not None:
        c.force_login(user)
    return c


def send(user, petition, command: str, data=None, *, lang: str = "en"):
    return client(user, lang=lang).post(url(petition, command), data or {}, content_type="application/json")


def post_json(c: Client, path: str, data):
    return c.post(path, data, content_type="application/json")


def error(response) -> tuple[int, str]:
    return response.status_code, response.json()["code"]


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()
