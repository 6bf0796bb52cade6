"""Mock Zalo Notification Service (ZNS): ``python -m notifications.mock.zalo [--port 8006]``.

The shape of Zalo's ZNS API: ``POST /message/template`` with the header ``access_token`` and the JSON
{"phone": "84…", "template_id", "template_data": {name: text}, "tracking_id"} → 200
{"error": 0, "message": "Success", "data": {"msg_id", "sent_time"}}. Errors keep HTTP 200 and carry a negative
code, as ZNS does: -124 access token invalid, -108 phone invalid, -118 the phone has no Zalo account (the
phones of ``--not-on-zalo``: the portal falls back to SMS), -109 template or its data invalid. A tracking id seen
before is answered with the first message (no second message). Admin and page as the SMS mock."""

from __future__ import annotations

import logging
import os
import re
import time

from notifications.mock.common import GatewayHandler, run

PATH = "/message/template"
_PHONE = re.compile(r"^84[35789]\d{8}$")
NOT_ON_ZALO, BAD_TOKEN, BAD_PHONE, BAD_TEMPLATE = -118, -124, -108, -109
logger = logging.getLogger("zalo.mock")


class Handler(GatewayHandler):
    title = "Mock Zalo ZNS — tin nhắn đã nhận"
    log = logger

    def handle_call(self, method: str, path: str, body: bytes) -> None:
        options = self.server.options
        if method != "POST" or path != PATH:
            return self.send_json(404, {"error": 404, "message": "not found"})
        if self.headers.get("access_token") != options["access_token"]:
            return self._error(BAD_TOKEN, "Access token is invalid")
        data = self.json_body(body)
        error = _invalid(data)
        if error:
            return self._error(*error)
        if data["phone"] in options["not_on_zalo"]:
            return self._error(NOT_ON_ZALO, "Zalo account not existed")
        text = "\n".join(f"{k}: {v}" for k, v in data["template_data"].items())
        message, new = self.server.store.accept(
            client_id=data["tracking_id"], phone="0" + data["phone"][2:], text=text, prefix="",
            meta={"template_id": data["template_id"], "tracking_id": data["tracking_id"]})
        if new:
            self.server.store.report(message["message_id"], "delivered")
        return self.send_json(200, {"error": 0, "message": "Success", "data": {
            "msg_id": message["message_id"], "sent_time": str(int(message["received_at"] * 1000))}})

    def _error(self, code: int, message: str) -> None:
        self.server.store.count("rejected")
        self.send_json(200, {"error": code, "message": message})


def _invalid(data: dict | None) -> tuple[int, str] | None:
    if data is None:
        return BAD_TEMPLATE, "A JSON object is expected"
    if not isinstance(data.get("phone"), str) or not _PHONE.match(data["phone"]):
        return BAD_PHONE, "Phone number is invalid (84…)"
    if not isinstance(data.get("template_id"), str) or not data["template_id"].isdigit():
        return BAD_TEMPLATE, "template_id is invalid"
    values = data.get("template_data")
    if not isinstance(values, dict) or not values or len(values) > 20 or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= 400 and "\x00" not in v
            for k, v in values.items()):
        return BAD_TEMPLATE, "template_data is invalid"
    tracking = data.get("tracking_id")
    if not isinstance(tracking, str) or not tracking.strip() or len(tracking) > 100:
        return BAD_TEMPLATE, "tracking_id is invalid"
    return None


def _add_arguments(parser) -> None:
    parser.add_argument("--not-on-zalo", default=os.environ.get("ZALO_MOCK_NOT_ON_ZALO", "84911111111"),
                        help="comma-separated phones (84…) that have no Zalo account")


def _options(args) -> dict:
    return {"access_token": os.environ.get("ZALO_ACCESS_TOKEN", "dev-zalo-token"),
            "not_on_zalo": {p.strip() for p in args.not_on_zalo.split(",") if p.strip()}, "started": time.time()}


def main(argv: list[str] | None = None) -> None:
    run(name="Zalo ZNS", prefix="ZALO", default_port=8006, handler=Handler, add_arguments=_add_arguments,
        options_from=_options, argv=argv)


if __name__ == "__main__":
    main()
