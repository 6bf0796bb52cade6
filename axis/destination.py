"""The national document axis as a destination of the outbox (outbox/registry.py), registered in
AxisConfig.ready() beside the NPSP: the relay hands it runs of messages per outside organisation, in the
order they were written; each is packed as signed edXML (packing.py) and posted with its idempotency key, so
a package sent again after a crash is taken once. A refusal (the axis does not know the recipient, a
package cannot be packed) makes that message a dead letter and holds back the later ones to the same
organisation; an axis that is down or slow makes the whole batch wait for a retry."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from axis import client, connections, packing
from documents.models import Recipient
from documents.services.delivery import recipient_status_set, recipients_sent
from outbox.models import OutboxMessage
from outbox.registry import Destination, TemporaryFailure


class _Batch:
    """What one batch learns once: the agencies' opened keys, and which agencies are registered with the axis;
    and the recipients whose packages the axis took, shown "sent" together when the batch ends (it commits
    then: nobody sees them earlier anyway)."""

    def __init__(self):
        self.signers = packing.Signers()
        self.registered: set[int | None] = set()
        self.sent: list[Recipient] = []


@dataclass
class _Posting:
    """A package on its way to the axis, posted in the background while the next one is packed."""

    message: OutboxMessage
    recipient: Recipient | None
    answer: Future


class AxisDestination(Destination):
    name = "axis"
    topics = frozenset({OutboxMessage.Topic.DOCUMENT_EXCHANGE})
    settings_prefix = "AXIS"  # AXIS_BATCH_SIZE, AXIS_MAX_ATTEMPTS, AXIS_RETRY_BASE_SECONDS, AXIS_RETRY_MAX_SECONDS
    ordered_runs = True

    def send(self, topic: str, messages: list[OutboxMessage]) -> list[dict]:
        """The messages in order, one post at a time (the axis takes them in the order of issue). Each package
        is packed while the one before it is on its way — the database and the signature here, the upload
        and the axis's checks there — and posted once that one's answer is known, so a refusal still holds
        back the later messages to the same organisation."""
        answers, stopped, worked = [], set(), set()
        batch, posting = _Batch(), None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="axis-post") as poster:
            try:
                for message in messages:
                    packed = self._pack(message, batch) if message.subject not in stopped else None
                    if posting is not None:
                        answers.append(self._landed(posting, stopped, worked, batch))
                        posting = None
                    if message.subject in stopped:
                        answers.append({"status": "deferred"})
                    elif "error" in packed:
                        answers.append(self._refused(message, packed["error"], stopped))
                    else:
                        try:
                            posting = self._post(message, packed, batch, poster)
                        except client.AxisRefused as error:  # the axis would not register the agency
                            answers.append(self._refused(message, str(error), stopped,
                                                         recipient=packed["recipient"]))
                if posting is not None:
                    answers.append(self._landed(posting, stopped, worked, batch))
                recipients_sent(batch.sent)
            except client.AxisTemporaryError as error:
                recipients_sent(batch.sent)  # those the axis took before it failed
                for message in messages:
                    connections.failed(message.payload.get("agency"), str(error))
                raise TemporaryFailure(str(error)) from error
            finally:
                connections.succeeded(worked)
        return answers

    def _pack(self, message: OutboxMessage, batch: _Batch) -> dict:
        payload = message.payload
        try:
            if payload.get("type") == "status":
                return {"data": packing.pack_status(payload, signers=batch.signers), "recipient": None}
            data, recipient = packing.pack_document(payload, signers=batch.signers)
        except packing.PackingError as error:
            return {"error": str(error)}
        return {"data": data, "recipient": recipient}

    def _post(self, message: OutboxMessage, packed: dict, batch: _Batch, poster: ThreadPoolExecutor) -> _Posting:
        agency = message.payload.get("agency")
        if agency not in batch.registered:  # the axis refuses packages from an organ it does not know
            connections.ensure_registered(agency)
            batch.registered.add(agency)
        return _Posting(message, packed["recipient"],
                        poster.submit(client.send, packed["data"], message_id=str(message.key)))

    def _landed(self, posting: _Posting, stopped: set, worked: set, batch: _Batch) -> dict:
        """The axis's answer to a package posted: taken (its recipient to be shown "sent") or refused."""
        try:
            answer = posting.answer.result()
        except client.AxisRefused as error:
            return self._refused(posting.message, str(error), stopped, recipient=posting.recipient)
        if posting.recipient is not None:
            batch.sent.append(posting.recipient)
        worked.add(posting.message.payload.get("agency"))
        return {"status": "duplicate" if answer.get("status") == "duplicate" else "applied"}

    def _refused(self, message: OutboxMessage, error: str, stopped: set, *, recipient: Recipient | None = None
                 ) -> dict:
        """A dead letter, which holds back the later messages to the same organisation."""
        stopped.add(message.subject)
        connections.failed(message.payload.get("agency"), error)
        if recipient is not None and recipient.status == Recipient.Status.PENDING:
            # The clerk who issued it sees on the document's page that it did not leave, and why.
            recipient_status_set(recipient, status=Recipient.Status.PENDING, now=timezone.now(), note=_(
                "Not sent: the national document axis refused it (%(error)s). The provincial admin resends it "
                "once the cause is fixed.") % {"error": error})
        return {"status": "rejected", "error": error}
