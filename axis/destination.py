"""The national document axis as a destination of the outbox (outbox/registry.py), registered in
AxisConfig.ready() beside the NPSP: the relay hands it runs of messages per outside organisation, in the
order they were written; each is packed as signed edXML (packing.py) and posted with its idempotency key, so
a package sent again after a crash is taken once. A refusal (the axis does not know the recipient, a
package cannot be packed) makes that message a dead letter and holds back the later ones to the same
organisation; an axis that is down or slow makes the whole batch wait for a retry."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from axis import client, connections, packing
from documents.models import Recipient
from documents.services.delivery import recipient_status_set
from outbox.models import OutboxMessage
from outbox.registry import Destination, TemporaryFailure


class AxisDestination(Destination):
    name = "axis"
    topics = frozenset({OutboxMessage.Topic.DOCUMENT_EXCHANGE})
    settings_prefix = "AXIS"  # AXIS_BATCH_SIZE, AXIS_MAX_ATTEMPTS, AXIS_RETRY_BASE_SECONDS, AXIS_RETRY_MAX_SECONDS
    ordered_runs = True

    def send(self, topic: str, messages: list[OutboxMessage]) -> list[dict]:
        answers, stopped, worked = [], set(), set()
        try:
            for message in messages:
                if message.subject in stopped:
                    answers.append({"status": "deferred"})
                    continue
                answer = self._send_one(message)
                if answer["status"] in ("applied", "duplicate"):
                    worked.add(message.payload.get("agency"))
                else:
                    stopped.add(message.subject)
                    connections.failed(message.payload.get("agency"), answer["error"])
                answers.append(answer)
        except client.AxisTemporaryError as error:
            for message in messages:
                connections.failed(message.payload.get("agency"), str(error))
            raise TemporaryFailure(str(error)) from error
        finally:
            connections.succeeded(worked)
        return answers

    def _send_one(self, message: OutboxMessage) -> dict:
        payload = message.payload
        recipient = None
        try:
            if payload.get("type") == "status":
                data = packing.pack_status(payload)
            else:
                data, recipient = packing.pack_document(payload)
        except packing.PackingError as error:
            return {"status": "rejected", "error": str(error)}
        try:
            connections.ensure_registered(payload.get("agency"))
            answer = client.send(data, message_id=str(message.key))
        except client.AxisRefused as error:
            if recipient is not None and recipient.status == Recipient.Status.PENDING:
                # The clerk who issued it sees on the document's page that it did not leave, and why.
                recipient_status_set(recipient, status=Recipient.Status.PENDING, now=timezone.now(), note=_(
                    "Not sent: the national document axis refused it (%(error)s). The provincial admin resends it "
                    "once the cause is fixed.") % {"error": error})
            return {"status": "rejected", "error": str(error)}
        if recipient is not None:
            # Read again, locked: a package sent again after a crash may have been answered long ago, and
            # another worker's pull may have recorded "done" while it was posted; "sent" never overwrites that.
            recipient = Recipient.objects.select_for_update().filter(pk=recipient.pk).first()
            if recipient is not None and recipient.status == Recipient.Status.PENDING:
                recipient_status_set(recipient, status=Recipient.Status.SENT, now=timezone.now())
        return {"status": "duplicate" if answer.get("status") == "duplicate" else "applied"}
