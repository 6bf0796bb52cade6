"""The NPSP as a destination of the outbox (outbox/registry.py), registered in NationalPortalConfig.ready():
dossier events, procedure publications and petition events (for the national PAKN system) go to its batch
endpoints over signed HTTP (client.py), each message with its idempotency key; the client's temporary and
permanent errors become the relay's."""

from __future__ import annotations

from nationalportal import client
from outbox.models import OutboxMessage
from outbox.registry import Destination, PermanentFailure, TemporaryFailure

TOPIC_PATHS = {
    OutboxMessage.Topic.DOSSIER_EVENT: "/v1/dossier-events:batch",
    OutboxMessage.Topic.PROCEDURE: "/v1/procedures:batch",
    OutboxMessage.Topic.PETITION_EVENT: "/v1/petitions:batch",
}


class NpspDestination(Destination):
    name = "npsp"
    topics = frozenset(TOPIC_PATHS)
    settings_prefix = "NPSP"  # NPSP_BATCH_SIZE, NPSP_MAX_ATTEMPTS, NPSP_RETRY_BASE_SECONDS, NPSP_RETRY_MAX_SECONDS

    def send(self, topic: str, messages: list[OutboxMessage]) -> list[dict]:
        try:
            return client.send_batch(TOPIC_PATHS[topic], [{"key": str(m.key), **m.payload} for m in messages])
        except client.NpspTemporaryError as error:
            raise TemporaryFailure(str(error)) from error
        except client.NpspPermanentError as error:
            raise PermanentFailure(str(error)) from error
