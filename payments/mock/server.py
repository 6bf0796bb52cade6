"""The mock national payment platform's HTTP contract. Every API message is JSON signed by payments.signing
(HMAC-SHA256 of the canonical string, field ``signature``) under the merchant's secret.

- ``POST /api/v1/payments`` {merchant_id, order_id, amount (integer đồng > 0), description, return_url,
  notify_url, expires_at (Unix seconds), signature} → 200 {code: "00", order_id, payment_url, signature}.
  The same order id again with the same amount answers the same page (idempotent); with another amount
  409 {code: "03"}. A bad signature: 401 {code: "97"}; a malformed request: 400 {code: "01", message}.
- ``POST /api/v1/payments/query`` {merchant_id, order_id, requested_at, signature} → 200 {code: "00",
  order_id, amount, status (pending | paid | cancelled | failed | expired), transaction_id, paid_at,
  signature}, or 404 {code: "02"}.
- ``GET /pay/{token}`` the payment page; ``POST /pay/{token}`` action=pay|fail|cancel|back: the order is
  settled, a callback (IPN) is queued, and the browser goes back (303) to the return URL with the signed
  fields merchant_id, order_id, amount, status, transaction_id in the query string.
- The IPN: ``POST notify_url`` with the signed JSON {merchant_id, order_id, amount, status, transaction_id,
  paid_at, sent_at}, sent again with backoff (PAYMENT_MOCK_RETRY_BASE_SECONDS, doubling, at most
  PAYMENT_MOCK_RETRY_MAX_SECONDS, PAYMENT_MOCK_MAX_ATTEMPTS times) until the merchant answers 2xx.
- Admin (header X-Payment-Admin: the admin token; unaffected by the faults): ``/admin/faults`` (GET/POST),
  ``GET|POST /admin/ipn`` {copies, delay_seconds, hold} how the next callbacks are sent (copies: duplicates;
  hold: kept until ``POST /admin/ipn/release`` {reverse}), ``POST /admin/orders/{id}`` {status} settles an
  order whatever its status (a late bank settlement) and queues its callback, ``GET /admin/orders/{id}``,
  ``GET /admin/callbacks?order_id=``, ``GET /admin/stats``, ``POST /admin/reset``."""

from __future__ import annotations

import json
import logging
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from payments import signing
from payments.mock.page import not_found_page, payment_page
from payments.mock.store import STATUSES, Store, now_iso
from portal import mockservice
from portal.mockservice import Faults, MockHandler

logger = logging.getLogger("payments.mock")
_PAY = re.compile(r"^/pay/([A-Za-z0-9_-]{10,64})$")
_ORDER = re.compile(r"^/admin/orders/([A-Za-z0-9_.-]{1,64})$")
_ORDER_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_BODY = 64 * 1024
MAX_AMOUNT = 10**12
ACTIONS = {"pay": "paid", "fail": "failed", "cancel": "cancelled"}


@dataclass
class Merchant:
    merchant_id: str
    secret: str
    name: str


@dataclass
class CallbackMode:
    copies: int = 1
    delay_seconds: float = 0.0
    hold: bool = False


def _valid_request(data: dict) -> str:
    for name in ("merchant_id", "order_id", "description", "return_url", "notify_url"):
        if not isinstance(data.get(name), str) or not data[name].strip() or "\x00" in data[name]:
            return f"{name} is missing or not text"
    if not _ORDER_ID.match(data["order_id"]):
        return "order_id must be 1 to 64 letters, digits, '_', '.' or '-'"
    amount = data.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
        return "amount must be a whole number of đồng greater than 0"
    if not isinstance(data.get("expires_at"), int | float) or isinstance(data.get("expires_at"), bool):
        return "expires_at must be a Unix time"
    for name in ("return_url", "notify_url"):
        if urlsplit(data[name]).scheme not in ("http", "https"):
            return f"{name} must be an http(s) address"
    if len(data["description"]) > 255:
        return "description is longer than 255 characters"
    return ""


class Handler(MockHandler):
    server: MockServer
    log = logger

    def dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        if self.content_length() < 0 or self.content_length() > MAX_BODY:
            return self.send_json(413, {"code": "01", "message": "body too large"})
        body = self.read_body()
        if url.path == "/health":
            return self.send_json(200, {"status": "ok"})
        if url.path.startswith("/admin/"):
            return self._admin(method, url, body)
        status = self.server.faults.before_request()
        if status is not None:
            return self.send_json(status, {"code": "99", "message": "service unavailable"})
        if url.path == "/api/v1/payments" and method == "POST":
            return self._create(body)
        if url.path == "/api/v1/payments/query" and method == "POST":
            return self._query(body)
        if match := _PAY.match(url.path):
            return self._page(method, match.group(1), body)
        return self.send_json(404, {"code": "01", "message": "not found"})

    def _signed_json(self, body: bytes) -> tuple[dict | None, Merchant | None]:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return None, None
        if not isinstance(data, dict):
            return None, None
        merchant = self.server.merchants.get(data.get("merchant_id")) if isinstance(data.get("merchant_id"), str) else None
        if merchant is None or not signing.verify(data, merchant.secret):
            return data, None
        return data, merchant

    def _create(self, body: bytes) -> None:
        data, merchant = self._signed_json(body)
        if data is None:
            return self.send_json(400, {"code": "01", "message": "a JSON object is expected"})
        if merchant is None:
            self.server.store.count("rejected")
            return self.send_json(401, {"code": "97", "message": "missing or wrong signature"})
        error = _valid_request(data)
        if error:
            return self.send_json(400, {"code": "01", "message": error})
        order, same = self.server.store.create(data)
        if not same:
            return self.send_json(409, {"code": "03", "message": "this order id was used for another payment"})
        answer = {"code": "00", "message": "OK", "order_id": order["order_id"],
                  "payment_url": f"{self.server.public_url}/pay/{order['token']}"}
        return self.send_json(200, signing.signed(answer, merchant.secret))

    def _query(self, body: bytes) -> None:
        data, merchant = self._signed_json(body)
        if data is None:
            return self.send_json(400, {"code": "01", "message": "a JSON object is expected"})
        if merchant is None:
            return self.send_json(401, {"code": "97", "message": "missing or wrong signature"})
        self.server.store.count("queries")
        order_id = data.get("order_id")
        order = self.server.store.order(order_id) if isinstance(order_id, str) else None
        if order is None or order["merchant_id"] != merchant.merchant_id:
            return self.send_json(404, {"code": "02", "message": "no such order"})
        return self.send_json(200, signing.signed({"code": "00", **self.server.state_fields(order)}, merchant.secret))

    def _page(self, method: str, token: str, body: bytes) -> None:
        store = self.server.store
        order = store.order_by_token(token)
        if order is None:
            return self.send_bytes(404, not_found_page(), "text/html; charset=utf-8")
        merchant = self.server.merchants[order["merchant_id"]]
        if method == "GET":
            return self.send_bytes(200, payment_page(order, merchant_name=merchant.name), "text/html; charset=utf-8")
        action = (parse_qs(body.decode("utf-8", "replace")).get("action") or [""])[0]
        if action in ACTIONS and order["status"] == "pending":
            order = store.settle(order["order_id"], ACTIONS[action])
            self.server.queue_callback(order)
        elif action not in (*ACTIONS, "back"):
            return self.send_bytes(400, payment_page(order, merchant_name=merchant.name), "text/html; charset=utf-8")
        self.send_response(303)
        self.send_header("Location", self.server.return_location(order))
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def _admin(self, method: str, url, body: bytes) -> None:
        if self.headers.get("X-Payment-Admin") != self.server.admin_token:
            return self.send_json(401, {"error": "admin token required"})
        path, store = url.path, self.server.store
        if self.fault_admin(method, path, body):
            return None
        try:
            values = json.loads(body or b"{}") if method == "POST" else {}
            if not isinstance(values, dict):
                raise ValueError("a JSON object is expected")
        except ValueError as error:
            return self.send_json(400, {"error": str(error)})
        if path == "/admin/ipn":
            mode = self.server.callback_mode
            if method == "POST":
                mode.copies = int(values.get("copies", mode.copies))
                mode.delay_seconds = float(values.get("delay_seconds", mode.delay_seconds))
                mode.hold = bool(values.get("hold", mode.hold))
            return self.send_json(200, mode.__dict__)
        if path == "/admin/ipn/release" and method == "POST":
            return self.send_json(200, {"released": store.release(reverse=bool(values.get("reverse")))})
        if match := _ORDER.match(path):
            if method == "POST":
                if values.get("status") not in STATUSES:
                    return self.send_json(400, {"error": f"status must be one of {', '.join(STATUSES)}"})
                order = store.settle(match.group(1), values["status"], force=True)
                if order is not None:
                    self.server.queue_callback(order)
            else:
                order = store.order(match.group(1))
            return self.send_json(200, order) if order else self.send_json(404, {"error": "no such order"})
        if path == "/admin/callbacks":
            order_id = (parse_qs(url.query).get("order_id") or [""])[0]
            return self.send_json(200, {"callbacks": store.callbacks(order_id)})
        if path == "/admin/stats":
            return self.send_json(200, store.stats())
        if path == "/admin/reset" and method == "POST":
            store.reset()
            self.server.faults.update({"clear": True})
            self.server.callback_mode.__init__()
            return self.send_json(200, {"status": "reset"})
        return self.send_json(404, {"error": "not found"})


class MockServer(mockservice.MockServer):
    def __init__(self, address, *, platform: Platform, faults: Faults, faults_changed=None):
        super().__init__(address, Handler, faults=faults, faults_changed=faults_changed)
        self.platform = platform
        self.store, self.merchants, self.admin_token = platform.store, platform.merchants, platform.admin_token
        self.public_url, self.callback_mode = platform.public_url, platform.callback_mode

    def state_fields(self, order: dict) -> dict:
        return self.platform.state_fields(order)

    def queue_callback(self, order: dict) -> None:
        self.platform.queue_callback(order)

    def return_location(self, order: dict) -> str:
        merchant = self.merchants[order["merchant_id"]]
        fields = signing.signed({key: value for key, value in self.state_fields(order).items()
                                 if key in ("merchant_id", "order_id", "amount", "status", "transaction_id")},
                                merchant.secret)
        parts = urlsplit(order["return_url"])
        query = "&".join(part for part in (parts.query, urlencode(fields)) if part)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


class Platform:
    """What outlives a refuse window's rebinding: the store, the merchants, and the callback sender."""

    def __init__(self, *, store: Store, merchants: dict[str, Merchant], admin_token: str, public_url: str,
                 retry_base: float = 2.0, retry_max: float = 300.0, max_attempts: int = 12):
        self.store, self.merchants, self.admin_token, self.public_url = store, merchants, admin_token, public_url
        self.callback_mode = CallbackMode()
        self.retry_base, self.retry_max, self.max_attempts = retry_base, retry_max, max_attempts

    def state_fields(self, order: dict) -> dict:
        return {"merchant_id": order["merchant_id"], "order_id": order["order_id"], "amount": order["amount"],
                "status": order["status"], "transaction_id": order["transaction_id"], "paid_at": order["paid_at"]}

    def queue_callback(self, order: dict) -> None:
        mode = self.callback_mode
        body = signing.signed({**self.state_fields(order), "sent_at": now_iso()},
                              self.merchants[order["merchant_id"]].secret)
        self.store.queue_callback(order_id=order["order_id"], url=order["notify_url"], body=body,
                                  copies=mode.copies, delay=mode.delay_seconds, held=mode.hold)

    def send_callbacks(self, stop: threading.Event) -> None:
        """The IPN sender: each due callback POSTed; a 2xx answer delivers it, anything else (or no answer)
        tries again later, the wait doubling from retry_base up to retry_max."""
        while not stop.wait(0.1):
            for callback in self.store.due_callbacks(max_attempts=self.max_attempts):
                status = None
                try:
                    request = urllib.request.Request(callback["url"], data=callback["body"].encode(),
                                                     headers={"Content-Type": "application/json"}, method="POST")
                    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - http(s) only, checked at creation
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except (OSError, ValueError) as error:
                    logger.info("callback %s to %s failed: %s", callback["id"], callback["url"], error)
                delivered = status is not None and 200 <= status < 300
                wait = min(self.retry_base * (2 ** callback["attempts"]), self.retry_max)
                self.store.callback_done(callback["id"], status=status, delivered=delivered, retry_in=wait)


def serve(address, *, platform: Platform, faults: Faults, stop: threading.Event) -> None:
    sender = threading.Thread(target=platform.send_callbacks, args=(stop,), daemon=True)
    sender.start()
    mockservice.serve(lambda changed: MockServer(address, platform=platform, faults=faults, faults_changed=changed),
                      faults=faults, stop=stop)

