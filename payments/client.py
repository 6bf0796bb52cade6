"""The portal's client of the national payment platform (payments/mock/ in development): signed JSON over
HTTPS with ``requests``, each answer's signature checked. Errors are two: the platform could not be reached
or answered garbage (``PlatformDown``: try again later), or it refused the request (``PlatformRefused``)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import requests
from django.conf import settings

from payments import signing


class PlatformDown(Exception):
    pass


class PlatformRefused(Exception):
    pass


@dataclass(frozen=True)
class OrderState:
    order_id: str
    amount: int
    status: str
    transaction_id: str
    paid_at: str


def _post(path: str, fields: dict) -> dict:
    body = signing.signed({"merchant_id": settings.PAYMENT_MERCHANT_ID, **fields}, settings.PAYMENT_SECRET)
    try:
        response = requests.post(settings.PAYMENT_URL.rstrip("/") + path, json=body,
                                 timeout=settings.PAYMENT_TIMEOUT_SECONDS)
    except requests.RequestException as error:
        raise PlatformDown(str(error)) from error
    if response.status_code >= 500:
        raise PlatformDown(f"HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError as error:
        raise PlatformDown("the answer is not JSON") from error
    if not isinstance(answer, dict):
        raise PlatformDown("the answer is not a JSON object")
    if response.status_code != 200 or answer.get("code") != "00":
        raise PlatformRefused(f"HTTP {response.status_code} {answer.get('code')}: {answer.get('message')}")
    if not signing.verify(answer, settings.PAYMENT_SECRET):
        raise PlatformDown("the answer's signature is wrong")
    return answer


def order_create(*, order_id: str, amount: int, description: str, return_url: str, notify_url: str,
                 expires_at: float) -> str:
    """Create the order on the platform; the address of its payment page."""
    answer = _post("/api/v1/payments", {
        "order_id": order_id, "amount": amount, "description": description, "return_url": return_url,
        "notify_url": notify_url, "expires_at": int(expires_at),
    })
    url = answer.get("payment_url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise PlatformDown("no payment page in the answer")
    return url


def order_query(order_id: str) -> OrderState | None:
    """What the platform holds of the order; None when it does not know it."""
    try:
        answer = _post("/api/v1/payments/query", {"order_id": order_id, "requested_at": int(time.time())})
    except PlatformRefused:
        return None
    try:
        return OrderState(order_id=str(answer["order_id"]), amount=int(answer["amount"]), status=str(answer["status"]),
                          transaction_id=str(answer.get("transaction_id") or ""), paid_at=str(answer.get("paid_at") or ""))
    except (KeyError, TypeError, ValueError) as error:
        raise PlatformDown("the answer lacks the order's state") from error
