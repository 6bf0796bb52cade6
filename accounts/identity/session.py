"""A session that came from the national identity is marked, with the ID token for logging out at the
provider. The mark belongs to the user it was made for: a later login as someone else drops it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

KEY = "accounts.national_identity"


def mark(request: HttpRequest, *, id_token: str) -> None:
    request.session[KEY] = {"user": request.user.pk, "at": timezone.now().isoformat(), "id_token": id_token}


def marked(request: HttpRequest) -> dict | None:
    user = getattr(request, "user", None)
    value = request.session.get(KEY) if hasattr(request, "session") else None
    if not user or not user.is_authenticated or not isinstance(value, dict) or value.get("user") != user.pk:
        return None
    return value


def verified(request: HttpRequest) -> bool:
    """The logged-in citizen authenticated through the national identity in this session (Decision 766)."""
    return marked(request) is not None
