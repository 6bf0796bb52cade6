"""Where outbox messages go. The integrations above the outbox register a destination for the topics they
deliver, in their AppConfig.ready() (the NPSP for dossier events and procedure publications; the document
axis next); the outbox imports none of them."""

from __future__ import annotations

from django.conf import settings


class TemporaryFailure(Exception):
    """The destination could not take the batch now (down, slow, 5xx): every message is tried again later."""


class PermanentFailure(Exception):
    """The destination refused the batch as it is (4xx): every message is a dead letter."""


class Destination:
    """One party outside the portal. ``send`` delivers messages of one of its ``topics`` (as many as
    ``batch_size``) and answers, in order, one dict per message: ``{"status": "applied" | "duplicate"}`` when
    taken, anything else (with an ``"error"``) when refused (a dead letter); or raises TemporaryFailure / PermanentFailure.
    The retry limits are read from settings named by ``settings_prefix`` (``<prefix>_BATCH_SIZE``,
    ``_MAX_ATTEMPTS``, ``_RETRY_BASE_SECONDS``, ``_RETRY_MAX_SECONDS``) when the relay runs."""

    name: str = ""
    topics: frozenset[str] = frozenset()
    settings_prefix: str = ""
    # True: a batch may hold several consecutive messages of one subject, sent in order (outbox/relay.py); the
    # destination answers "retry" (failed for now) or "deferred" (not tried) for those it did not deliver.
    ordered_runs: bool = False

    def send(self, topic: str, messages: list) -> list[dict]:
        raise NotImplementedError

    def _setting(self, name: str):
        return getattr(settings, f"{self.settings_prefix}_{name}")

    @property
    def batch_size(self) -> int:
        return self._setting("BATCH_SIZE")

    @property
    def max_attempts(self) -> int:
        return self._setting("MAX_ATTEMPTS")

    @property
    def retry_base_seconds(self) -> float:
        return self._setting("RETRY_BASE_SECONDS")

    @property
    def retry_max_seconds(self) -> float:
        return self._setting("RETRY_MAX_SECONDS")


_DESTINATIONS: dict[str, Destination] = {}


def register(destination: Destination) -> None:
    """Deliver ``destination.topics`` there (once per topic; registering the same destination again is fine)."""
    for topic in destination.topics:
        current = _DESTINATIONS.get(topic)
        if current is not None and current.name != destination.name:
            raise ValueError(f"topic {topic!r} already goes to {current.name!r}")
        _DESTINATIONS[topic] = destination


def destinations() -> list[Destination]:
    """Each registered destination once, in registration order."""
    return list({d.name: d for d in _DESTINATIONS.values()}.values())


def destination_for(topic: str) -> Destination | None:
    return _DESTINATIONS.get(topic)
