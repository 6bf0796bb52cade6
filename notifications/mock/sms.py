"""Mock SMS brandname gateway: ``python -m notifications.mock.sms [--port 8005]``.

The contract (JSON over HTTP, signed as portal.signedrequests with the headers X-SMS-Key (the API key),
X-SMS-Timestamp and X-SMS-Signature (HMAC-SHA256 with the secret issued with the key)):

- ``POST /v1/sms`` {"brandname", "phone" (0… or 84…), "message", "encoding": "unaccented" | "ucs2",
  "client_message_id", "callback_url"?} → 200 {"status": "accepted", "message_id", "segments", "duplicate"}.
  A client message id seen before is answered with the first message's id and sends nothing (a retry is never a
  second SMS). An unaccented message must be GSM-7; a brandname not registered is refused (400).
- Later (``--dlr-delay`` seconds) a delivery report (DLR) is POSTed, signed the same way, to the request's
  callback_url or ``--dlr-url``: {"message_id", "client_message_id", "status": "DELIVERED" | "UNDELIVERED",
  "at"}; the phones of ``--undeliverable`` are reported UNDELIVERED.
- ``GET /?token=`` the received messages as a page; ``GET /admin/messages``, ``/admin/stats``,
  ``POST /admin/reset``, ``GET|POST /admin/faults`` with the header X-Mock-Admin."""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import urllib.request
from datetime import UTC, datetime
from urllib.parse import urlsplit

from notifications import gsm
from notifications.mock.common import GatewayHandler, run
from portal.signedrequests import Scheme

SCHEME = Scheme("SMS")
PATH = "/v1/sms"
_PHONE = re.compile(r"^(0|84)[35789]\d{8}$")
logger = logging.getLogger("sms.mock")


class Handler(GatewayHandler):
    title = "Mock SMS brandname gateway — tin nhắn đã nhận"
    log = logger

    def handle_call(self, method: str, path: str, body: bytes) -> None:
        options = self.server.options
        if method != "POST" or path != PATH:
            return self.send_json(404, {"error": "not found"})
        if SCHEME.verified_key(headers=self.headers, secrets=options["keys"], method=method, path=path,
                               body=body) is None:
            return self.send_json(401, {"error": "missing or wrong signature"})
        data = self.json_body(body)
        error = _invalid(data, options["brandnames"])
        if error:
            self.server.store.count("rejected")
            return self.send_json(400, {"error": error})
        phone = "0" + data["phone"][2:] if data["phone"].startswith("84") else data["phone"]
        message, new = self.server.store.accept(
            client_id=data["client_message_id"], phone=phone, text=data["message"], prefix="SMS",
            meta={"brandname": data["brandname"], "encoding": data["encoding"],
                  "segments": gsm.segments(data["message"]), "client_message_id": data["client_message_id"]})
        if new:
            callback = data.get("callback_url") or options["dlr_url"]
            status = "UNDELIVERED" if phone in options["undeliverable"] else "DELIVERED"
            if callback:
                threading.Thread(target=_report, daemon=True,
                                 args=(self.server, callback, message, status)).start()
        return self.send_json(200, {"status": "accepted", "message_id": message["message_id"],
                                    "segments": message["meta"]["segments"], "duplicate": not new})


def _invalid(data: dict | None, brandnames: set[str]) -> str:
    if data is None:
        return "a JSON object is expected"
    for name in ("brandname", "phone", "message", "encoding", "client_message_id"):
        if not isinstance(data.get(name), str) or not data[name].strip() or "\x00" in data[name]:
            return f"{name} is missing or not a string"
    if data["brandname"] not in brandnames:
        return "brandname is not registered for this account"
    if not _PHONE.match(data["phone"]):
        return "phone is not a Vietnamese mobile number"
    if data["encoding"] not in ("unaccented", "ucs2"):
        return "encoding is unaccented or ucs2"
    if data["encoding"] == "unaccented" and not gsm.is_gsm7(data["message"]):
        return "an unaccented message must use the GSM-7 alphabet only"
    if len(data["message"]) > 1000 or len(data["client_message_id"]) > 100:
        return "message or client_message_id too long"
    if "callback_url" in data and not (isinstance(data["callback_url"], str)
                                       and data["callback_url"].startswith(("http://", "https://"))):
        return "callback_url is an http(s) URL"
    return ""


def _report(server, url: str, message: dict, status: str) -> None:
    """The delivery report, signed, retried a few times while the portal does not answer 2xx."""
    time.sleep(server.options["dlr_delay"])
    key, secret = next(iter(server.options["keys"].items()))
    for attempt in range(5):
        body = json.dumps({"message_id": message["message_id"], "client_message_id": message["client_id"],
                           "status": status, "at": datetime.now(UTC).isoformat()}).encode()
        path = urlsplit(url).path
        headers = {"Content-Type": "application/json",
                   **SCHEME.signed_headers(key_id=key, secret=secret, method="POST", path=path, body=body)}
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers, method="POST"),
                                        timeout=10) as answer:
                if 200 <= answer.status < 300:
                    server.store.report(message["message_id"], status.lower())
                    server.store.count("reports_sent")
                    return
        except OSError as error:
            logger.info("DLR to %s failed (%s), attempt %s", url, error, attempt + 1)
        time.sleep(min(2 ** attempt, 10))
    server.store.count("reports_failed")


def _add_arguments(parser) -> None:
    parser.add_argument("--dlr-url", default=os.environ.get(
        "SMS_MOCK_DLR_URL", "http://127.0.0.1:8000/notifications/sms/delivery-report/"))
    parser.add_argument("--dlr-delay", type=float, default=float(os.environ.get("SMS_MOCK_DLR_DELAY", "1")))
    parser.add_argument("--undeliverable", default=os.environ.get("SMS_MOCK_UNDELIVERABLE", ""),
                        help="comma-separated phones whose messages are reported UNDELIVERED")


def _options(args) -> dict:
    return {
        "keys": {os.environ.get("SMS_API_KEY", "dev-sms-key"): os.environ.get("SMS_SECRET", "dev-sms-secret")},
        "brandnames": {b.strip() for b in os.environ.get("SMS_BRANDNAMES", os.environ.get("SMS_BRANDNAME", "UBND TINH"))
                       .split(",") if b.strip()},
        "dlr_url": args.dlr_url, "dlr_delay": args.dlr_delay,
        "undeliverable": {p.strip() for p in args.undeliverable.split(",") if p.strip()},
    }


def main(argv: list[str] | None = None) -> None:
    run(name="SMS brandname gateway", prefix="SMS", default_port=8005, handler=Handler, add_arguments=_add_arguments,
        options_from=_options, argv=argv)


if __name__ == "__main__":
    main()
