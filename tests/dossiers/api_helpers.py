"""Small helpers the dossier API tests share: a logged-in client per user and the endpoints' URLs."""

from django.test import Client

BASE = "/api/v1/dossiers/"


def url(dossier, command: str = "") -> str:
    return f"{BASE}{dossier.uuid}/" + (f"{command}/" if command else "")


def as_user(user, *, lang: str = "en") -> Client:
    """A client logged in as ``user``; English unless asked otherwise (Vietnamese is the default)."""
    client = Client(HTTP_ACCEPT_LANGUAGE=lang) if lang else Client()
    client.force_login(user)
    return client


def send(user, dossier, command: str, data=None, *, multipart: bool = False, lang: str = "en"):
    client = as_user(user, lang=lang)
    if multipart:
        return client.post(url(dossier, command), data or {})
    return client.post(url(dossier, command), data or {}, content_type="application/json")


def error(response) -> tuple[int, str]:
    return response.status_code, response.json()["code"]


def ok(response) -> dict:
    assert response.status_code == 200, response.json()
    return response.json()
