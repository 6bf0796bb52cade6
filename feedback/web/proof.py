"""Who may read a petition's content on the public pages without being an official: its petitioner, by their
account, or whoever gives its code and the phone number written on it (the hotline's and the counter's
petitioners have no account). A proof holds for the browser session; guessing the number is limited per
petition code (FEEDBACK_PHONE_RATE), whoever guesses and from wherever, as the dossier lookup limits its
last digits. A proof lasts an hour in the browser's session (a shared computer at a centre or a library
forgets it), the petitioner's account as long as they are logged in."""

from __future__ import annotations

import time
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from feedback import permissions
from feedback.models import Petition
from portal.phones import normalize_phone
from portal.ratelimit import usage as rate_usage

SESSION_KEY = "feedback_proven"
_REMEMBERED = 20  # petitions one session remembers proving
PROOF_SECONDS = 3600


class Phone(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LIMITED = "limited"


def _proofs(request: HttpRequest) -> list[list[int]]:
    """[petition id, until (epoch seconds)] of the proofs still valid."""
    now = time.time()
    return [[pk, until] for pk, until in request.session.get(SESSION_KEY, []) if until > now]


def proven(request: HttpRequest) -> frozenset[int]:
    return frozenset(pk for pk, _until in _proofs(request))


def remember(request: HttpRequest, petition: Petition) -> None:
    kept = [proof for proof in _proofs(request) if proof[0] != petition.pk]
    request.session[SESSION_KEY] = [*kept, [petition.pk, int(time.time()) + PROOF_SECONDS]][-_REMEMBERED:]


def is_petitioner(request: HttpRequest, petition: Petition) -> bool:
    """The petitioner's account is logged in."""
    return permissions.is_petitioner(request.user, petition)


def may_read(request: HttpRequest, petition: Petition) -> bool:
    return is_petitioner(request, petition) or petition.pk in proven(request)


def _phone_rate(group: str, request: HttpRequest) -> str:
    return settings.FEEDBACK_PHONE_RATE


def check_phone(request: HttpRequest, petition: Petition, phone: str) -> Phone:
    """Whether ``phone`` is the petition's number (compared normalised: "0912 345 678" is "0912345678");
    when it is, the session remembers the proof."""
    usage = rate_usage(request, group="feedback.track_phone", key=lambda group, req: petition.code,
                       rate=_phone_rate, increment=True)
    if usage is not None and usage["should_limit"]:
        return Phone.LIMITED
    given, written = _normalized(phone), _normalized(petition.phone)
    if not given or given != written:
        return Phone.WRONG
    remember(request, petition)
    return Phone.OK


def _normalized(phone: str) -> str:
    try:
        return normalize_phone(phone)
    except ValidationError:
        return ""
