"""The portal's clients of the SMS brandname gateway and Zalo ZNS: one call each, with the message's own
idempotency key as the gateway's client message id / tracking id, and the split between failures worth
retrying (timeouts, refused connections, 5xx, 429, 401) and the rest."""

from __future__ import annotations

import json
import threading

import requests
from django.conf import settings
from django.urls import reverse

from portal.signedrequests import Scheme

SMS_SCHEME = Scheme("SMS")
SMS_PATH = "/v1/sms"
ZALO_PATH = "/message/template"
ZALO_NOT_ON_ZALO = -118  # ZNS: the phone has no Zalo account (or cannot receive ZNS)
_local = threading.local()


class GatewayError(Exception):
    pass


class GatewayTemporaryError(GatewayError):
    """Worth another try later: the same message id makes it safe."""


class GatewayPermanentError(GatewayError):
    """The gateway refused the message itself."""


class NotOnZalo(GatewayPermanentError):
    """The phone has no Zalo account: send it by SMS instead."""


def _session() -> requests.Session:
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def _post(url: str, body: bytes, headers: dict[str, str]) -> requests.Response:
    try:
        response = _session().post(url, data=body, headers={"Content-Type": "application/json", **headers},
                                   timeout=settings.NOTIFY_TIMEOUT_SECONDS)
    except (requests.ConnectionError, requests.Timeout) as error:
        _local.session = None
        raise GatewayTemporaryError(f"{type(error).__name__}: {error}") from error
    if response.status_code in (401, 429) or response.status_code >= 500:
        raise GatewayTemporaryError(f"HTTP {response.status_code}: {response.text[:300]}")
    if response.status_code >= 400:
        raise GatewayPermanentError(f"HTTP {response.status_code}: {response.text[:300]}")
    try:
        return response.json()
    except ValueError as error:
        raise GatewayTemporaryError(f"not JSON: {response.text[:200]}") from error


def delivery_report_url() -> str:
    return settings.SMS_DELIVERY_REPORT_URL or (settings.SITE_URL.rstrip("/") + reverse("notifications:sms_dlr"))


def sms_send(*, phone: str, text: str, client_message_id: str) -> dict:
    """{"message_id", "segments", "duplicate"} from the gateway."""
    body = json.dumps({
        "brandname": settings.SMS_BRANDNAME, "phone": phone, "message": text, "encoding": settings.SMS_ENCODING,
        "client_message_id": client_message_id, "callback_url": delivery_report_url(),
    }, ensure_ascii=False, separators=(",", ":")).encode()
    headers = SMS_SCHEME.signed_headers(key_id=settings.SMS_API_KEY, secret=settings.SMS_SECRET, method="POST",
                                        path=SMS_PATH, body=body)
    answer = _post(settings.SMS_URL.rstrip("/") + SMS_PATH, body, headers)
    if not isinstance(answer, dict) or not isinstance(answer.get("message_id"), str):
        raise GatewayTemporaryError("the SMS gateway answered without a message id")
    return answer


def zalo_send(*, phone: str, template_id: str, data: dict[str, str], tracking_id: str) -> dict:
    """{"msg_id", ...} from ZNS; NotOnZalo when the phone has no Zalo account."""
    body = json.dumps({"phone": "84" + phone[1:], "template_id": template_id, "template_data": data,
                       "tracking_id": tracking_id}, ensure_ascii=False, separators=(",", ":")).encode()
    answer = _post(settings.ZALO_URL.rstrip("/") + ZALO_PATH, body, {"access_token": settings.ZALO_ACCESS_TOKEN})
    code = answer.get("error") if isinstance(answer, dict) else None
    if code == 0 and isinstance(answer.get("data"), dict) and answer["data"].get("msg_id"):
        return answer["data"]
    if code == ZALO_NOT_ON_ZALO:
        raise NotOnZalo(f"ZNS {code}: {answer.get('message', '')}")
    if code == -124:  # access token expired: an operator (or its refresh) fixes it, the message waits
        raise GatewayTemporaryError(f"ZNS {code}: {answer.get('message', '')}")
    raise GatewayPermanentError(f"ZNS {code}: {str(answer)[:300]}")


def sms_report_verified(*, headers, body: bytes, path: str) -> bool:
    return SMS_SCHEME.verified_key(headers=headers, secrets={settings.SMS_API_KEY: settings.SMS_SECRET},
                                   method="POST", path=path, body=body) is not None
