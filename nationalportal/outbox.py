"""Writing to the outbox: called by the dossier and catalogue services inside their own transaction, so a
message exists exactly when the change it reports was committed. A relay is kicked after the commit; beat
runs it anyway every few seconds, so a lost kick (Redis down) only delays delivery."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

from nationalportal.models import OutboxMessage

_KICK_KEY = "nationalportal:relay-kicked"


def enqueue(*, topic: str, subject: str, sequence: int, payload: dict) -> OutboxMessage:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.enqueue must run inside the transaction of the change it reports")
    message = OutboxMessage.objects.create(topic=topic, subject=subject, sequence=sequence, payload=payload)
    transaction.on_commit(_kick, robust=True)
    return message


def _kick() -> None:
    """Start a relay soon, at most once a second however many changes commit (a burst is one batch)."""
    from nationalportal.tasks import outbox_relay

    # robust=True (above) logs and swallows a broker that is down: the user's change is committed already,
    # and beat delivers the message when the broker is back. retry=False: fail fast rather than hold the page.
    if cache.add(_KICK_KEY, 1, timeout=1):
        outbox_relay.apply_async(retry=False)
