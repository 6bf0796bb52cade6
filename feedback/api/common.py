"""Pieces the petition API views share: input checking in the petition error shape, finding a petition by its
code or UUID for a user (or for someone proving with its phone number), and the rate limits' 429."""

from __future__ import annotations

import uuid as uuid_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import status
from rest_framework.response import Response

from feedback.api.serializers import PetitionDetailSerializer, PetitionTrackSerializer
from feedback.errors import FeedbackError, FeedbackErrorCode, PetitionForbidden, PetitionNotFound
from feedback.models import Petition
from feedback.selectors import petition_by_code
from portal.api_common import ErrorSerializer
from portal.phones import normalize_phone
from portal.ratelimit import usage as rate_usage

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}
KEY_HELP = "The petition's code (e.g. PAKN-250701-0001) or its UUID."
# Longer than any code or UUID: such a key is answered 404 without a query.
_KEY_MAX = 40


def validated(serializer_class, data, *, context: dict | None = None) -> dict:
    """The serializer's validated data, or a FeedbackError (400, ``feedback.invalid``) with every field's
    problems in ``extra.errors``: the shape of the services' own field errors."""
    serializer = serializer_class(data=data, context=context or {})
    if not serializer.is_valid():
        errors = serializer.errors
        raise FeedbackError(
            _("Please check these fields: %(fields)s.") % {"fields": ", ".join(map(str, errors))},
            code=FeedbackErrorCode.INVALID, extra={"errors": errors},
        )
    return serializer.validated_data


def detailed(petitions):
    """What the detail and the tracking read, in a fixed number of queries."""
    return petitions.select_related("agency", "handler", "dossier", "procedure", "centre").prefetch_related("files")


def caller_view(request, petition: Petition, *, proven: bool = False,
                status_code: int = status.HTTP_200_OK) -> Response:
    """``petition`` as the caller reads it: the detail for an account that may see it (after a command, even if
    it has just left their agency), else the public tracking, with the petitioner's part when ``proven``."""
    petition = detailed(Petition.objects).get(pk=petition.pk)
    if not proven and request.user.is_authenticated:
        return Response(PetitionDetailSerializer(petition, context={"request": request}).data, status=status_code)
    context = {"request": request, "proven": proven}
    return Response(PetitionTrackSerializer(petition, context=context).data, status=status_code)


def _is_uuid(key: str) -> bool:
    try:
        uuid_module.UUID((key or "").strip())
    except ValueError:
        return False
    return True


def _by_key(petitions, key: str) -> Petition:
    key = (key or "").strip()
    found = None
    if 0 < len(key) <= _KEY_MAX:
        try:
            found = petitions.filter(uuid=uuid_module.UUID(key)).first()
        except ValueError:
            found = petitions.filter(code=key.upper()).first()
    if found is None:
        raise PetitionNotFound(_("There is no petition %(code)s.") % {"code": key[:_KEY_MAX]},
                               code=FeedbackErrorCode.NOT_FOUND)
    return found


def petition_for(user, key: str) -> Petition:
    """The petition ``user`` may see (Petition.objects.visible_to), by code or UUID; 404 for one they may not
    see, the same answer as for one that does not exist, so codes cannot be probed."""
    return _by_key(Petition.objects.visible_to(user).select_related("agency"), key)


def petition_public(key: str) -> Petition:
    """Any petition by code (feedback.selectors.petition_by_code, as the tracking page finds it) or UUID, for
    what anyone holding the code may read and for a proof with its phone number."""
    return _by_key(Petition.objects.select_related("agency"), key) if _is_uuid(key) else petition_by_code(key)


class RateLimited(Exception):
    """A limit stops the request: answered 429 with Retry-After, in the error shape (``LimitedMixin``)."""

    def __init__(self, usage: dict, message: str):
        self.seconds = max(int(usage["time_left"]), 1)
        self.message = message % {"seconds": self.seconds}

    def response(self) -> Response:
        return Response({"code": FeedbackErrorCode.RATE_LIMITED, "message": self.message,
                         "extra": {"retry_after": self.seconds}},
                        status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(self.seconds)})


class LimitedMixin:
    def handle_exception(self, exc):
        if isinstance(exc, RateLimited):
            return exc.response()
        return super().handle_exception(exc)


def _setting(name: str):
    return lambda group, request: getattr(settings, name)


def rate(request, *, group: str, setting: str, key="ip", count: bool) -> dict | None:
    """The request's use of a limit: counted now (``count``), or only looked at (it is counted afterwards, when
    what is counted — a valid submission, a wrong phone number — happened)."""
    return rate_usage(request, group=group, key=key, rate=_setting(setting), increment=count)


def reached(usage: dict | None, *, counted: bool) -> bool:
    """Whether a limit stops the request. Looked at without counting, the request is the next one: it is
    refused once the count has reached the limit (counted, once it went past it)."""
    if usage is None:
        return False
    return usage["should_limit"] if counted else usage["count"] >= usage["limit"]


def prove(request, petition: Petition, phone: str) -> None:
    """Whoever gives a petition's code with the phone number written on it speaks for its petitioner (the
    hotline's and the counter's petitioners have no account). Attempts are counted per petition code, whoever
    makes them and from wherever, on the counter the tracking page uses (FEEDBACK_PHONE_RATE, group
    ``feedback.track_phone``: feedback.web.proof), so the number cannot be guessed through either; once the
    limit is reached even the right number waits. Raises FeedbackError (a malformed number, which cannot be
    the right one: not counted, 400), PetitionForbidden (a wrong one, 403) or RateLimited (429)."""
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        raise FeedbackError(error.messages[0], code=FeedbackErrorCode.INVALID,
                            extra={"errors": {"phone": error.messages}}) from None
    key = lambda group, req: petition.code  # noqa: E731 (the limit's key: the petition, not the address)
    usage = rate(request, group="feedback.track_phone", setting="FEEDBACK_PHONE_RATE", key=key, count=True)
    if reached(usage, counted=True):
        seconds = max(int(usage["time_left"]), 1)
        raise RateLimited(usage, ngettext(
            "Too many attempts at the phone number of this petition. Please try again in %(seconds)s second, "
            "or log in.",
            "Too many attempts at the phone number of this petition. Please try again in %(seconds)s seconds, "
            "or log in.", seconds))
    if phone != petition.phone:
        message = _("This is not the phone number the petition was sent with.")
        raise PetitionForbidden(message, code=FeedbackErrorCode.FORBIDDEN, extra={"errors": {"phone": [message]}})
