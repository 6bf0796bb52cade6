"""The axis destination's batch (axis.destination.AxisDestination.send): each package is packed while the one
before it is on its way, yet the axis gets them one at a time and in order, and a refusal still holds back
the later messages to the same organisation. The packing, the HTTP client and the connection bookkeeping are
stand-ins here (status messages, which have no recipient row), so no database is needed; the real ones are
exercised by test_exchange.py and test_live.py."""

from __future__ import annotations

import threading
import uuid

import pytest

from axis import client, connections, destination, packing
from outbox.models import OutboxMessage
from outbox.registry import TemporaryFailure


def _message(subject: str, name: str) -> OutboxMessage:
    return OutboxMessage(key=uuid.uuid4(), topic=OutboxMessage.Topic.DOCUMENT_EXCHANGE, subject=subject,
                         sequence=1, payload={"type": "status", "name": name, "agency": 7})


class Axis:
    """What the destination did, in order; ``answers`` decides what the axis says to each package."""

    def __init__(self, monkeypatch, answers: dict[str, object] | None = None):
        self.answers = answers or {}
        self.log: list[str] = []
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()
        self.packed: dict[str, threading.Event] = {}
        monkeypatch.setattr(packing, "pack_status", self.pack)
        monkeypatch.setattr(client, "send", self.send)
        for name in ("ensure_registered", "failed", "succeeded"):
            monkeypatch.setattr(connections, name, lambda *args, **kwargs: None)

    def pack(self, payload, *, signers=None) -> bytes:
        name = payload["name"]
        if self.answers.get(name) == "unpackable":
            raise packing.PackingError(f"{name} cannot be packed")
        with self.lock:
            self.log.append(f"pack {name}")
        self.packed.setdefault(name, threading.Event()).set()
        return name.encode()

    def send(self, data: bytes, *, message_id: str) -> dict:
        name = data.decode()
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            self.log.append(f"post {name}")
        waits_for = self.packed.get(f"after {name}")  # a test holds this post until the next one is packed
        if waits_for is not None:
            waits_for.wait(timeout=2)
        with self.lock:
            self.in_flight -= 1
            self.log.append(f"done {name}")
        answer = self.answers.get(name)
        if isinstance(answer, Exception):
            raise answer
        return {"id": name, "status": "accepted"}


def _send(messages):
    return destination.AxisDestination().send(OutboxMessage.Topic.DOCUMENT_EXCHANGE, messages)


def test_each_package_is_packed_while_the_one_before_is_posted_and_they_go_one_at_a_time_in_order(monkeypatch):
    axis = Axis(monkeypatch)
    names = ["a1", "a2", "a3"]
    for before, after in zip(names, names[1:], strict=False):  # posting "a1" waits for "a2" to be packed
        axis.packed[f"after {before}"] = axis.packed.setdefault(after, threading.Event())
    answers = _send([_message("axis:G09", name) for name in names])
    assert answers == [{"status": "applied"}] * 3
    assert [line for line in axis.log if line.startswith("post")] == ["post a1", "post a2", "post a3"]
    assert axis.log.index("post a1") < axis.log.index("pack a2") < axis.log.index("done a1")  # overlapped
    assert axis.log.index("done a1") < axis.log.index("post a2") and axis.most_in_flight == 1


def test_a_refusal_holds_back_the_later_messages_to_that_organisation_only(monkeypatch):
    axis = Axis(monkeypatch, {"a2": client.AxisRefused("HTTP 422: unknown recipient")})
    messages = [_message("axis:G09", "a1"), _message("axis:G09", "a2"), _message("axis:G09", "a3"),
                _message("axis:H41", "b1")]
    answers = _send(messages)
    assert [answer["status"] for answer in answers] == ["applied", "rejected", "deferred", "applied"]
    assert "unknown recipient" in answers[1]["error"]
    assert "post a3" not in axis.log and "post b1" in axis.log  # packed ahead perhaps, never posted


def test_a_message_that_cannot_be_packed_is_a_dead_letter_and_holds_back_its_organisation(monkeypatch):
    axis = Axis(monkeypatch, {"a1": "unpackable"})
    answers = _send([_message("axis:G09", "a1"), _message("axis:G09", "a2"), _message("axis:G22", "c1")])
    assert [answer["status"] for answer in answers] == ["rejected", "deferred", "applied"]
    assert axis.log == ["pack c1", "post c1", "done c1"]


def test_an_axis_that_is_down_makes_the_whole_batch_wait(monkeypatch):
    Axis(monkeypatch, {"a2": client.AxisTemporaryError("HTTP 503")})
    with pytest.raises(TemporaryFailure, match="503"):
        _send([_message("axis:G09", "a1"), _message("axis:G09", "a2"), _message("axis:G09", "a3")])
