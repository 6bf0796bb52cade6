"""Reads for the axis pages: each agency's readiness (its organ, its connection, what waits, fails or died on
its way out), the messages on their way with their documents, and what arrived (refused ones first for the
clerk). Counts come from the outbox's partial indexes: the undelivered exchange messages are few."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from axis.models import Connection, ReceivedMessage
from axis.packing import printed
from documents.models import Document, Recipient
from outbox.models import OutboxMessage
from units.models import Agency

TOPIC = OutboxMessage.Topic.DOCUMENT_EXCHANGE


@dataclass
class AgencyReadiness:
    agency: Agency
    organ_id: str
    connection: Connection | None
    waiting: int = 0
    failing: int = 0
    dead: int = 0
    refused_in: int = 0

    @property
    def connected(self) -> bool:
        return bool(self.connection and self.connection.registered_at)

    @property
    def last_success_at(self) -> dt.datetime | None:
        return self.connection.last_success_at if self.connection else None

    @property
    def current_error(self) -> str:
        """The connection's last error while it still stands: none has worked since. A package the axis refused
        is a dead letter, shown with its own error below; it does not make the agency's connection look down."""
        connection = self.connection
        if not (connection and connection.last_error and connection.last_error_at):
            return ""
        if connection.last_success_at and connection.last_success_at > connection.last_error_at:
            return ""
        return connection.last_error


def readiness(agencies: QuerySet[Agency]) -> list[AgencyReadiness]:
    """One row per agency: three grouped queries whatever the number of agencies."""
    agencies = list(agencies)
    connections = {c.agency_id: c for c in Connection.objects.filter(agency__in=agencies)}
    counts = {}
    rows = (OutboxMessage.objects.filter(topic=TOPIC).exclude(status=OutboxMessage.Status.DELIVERED)
            .values("payload__agency").annotate(
                waiting=Count("id", filter=Q(status=OutboxMessage.Status.PENDING)),
                failing=Count("id", filter=Q(status=OutboxMessage.Status.PENDING, attempts__gt=0)),
                dead=Count("id", filter=Q(status=OutboxMessage.Status.DEAD))))
    for row in rows:
        counts[row["payload__agency"]] = row
    refused = dict(ReceivedMessage.objects.filter(outcome=ReceivedMessage.Outcome.REFUSED, agency__in=agencies)
                   .values("agency").annotate(count=Count("id")).values_list("agency", "count"))
    result = []
    for agency in agencies:
        count = counts.get(agency.pk, {})
        result.append(AgencyReadiness(agency=agency, organ_id=printed(agency.code), connection=connections.get(agency.pk),
                                      waiting=count.get("waiting", 0), failing=count.get("failing", 0),
                                      dead=count.get("dead", 0), refused_in=refused.get(agency.pk, 0)))
    return result


@dataclass
class Outgoing:
    """An undelivered exchange message with what it is about, for the lists of failing and dead ones."""

    message: OutboxMessage
    document: Document | None
    recipient: Recipient | None

    @property
    def kind(self) -> str:
        return self.message.payload.get("type", "")


def with_documents(messages: list[OutboxMessage]) -> list[Outgoing]:
    uuids = {m.payload.get("document") for m in messages}
    documents = {str(d.uuid): d for d in Document.objects.filter(uuid__in=[u for u in uuids if u])
                 .select_related("agency")}
    recipients = Recipient.objects.in_bulk([m.payload["recipient"] for m in messages if m.payload.get("recipient")])
    return [Outgoing(m, documents.get(m.payload.get("document")), recipients.get(m.payload.get("recipient")))
            for m in messages]


def failing(agency: Agency | None = None) -> QuerySet[OutboxMessage]:
    found = OutboxMessage.objects.filter(topic=TOPIC, status=OutboxMessage.Status.PENDING, attempts__gt=0)
    return (found.filter(payload__agency=agency.pk) if agency else found).order_by("next_attempt_at", "id")


def dead(agency: Agency | None = None) -> QuerySet[OutboxMessage]:
    found = OutboxMessage.objects.filter(topic=TOPIC, status=OutboxMessage.Status.DEAD)
    return (found.filter(payload__agency=agency.pk) if agency else found).order_by("-id")


def received(agency: Agency | None = None, *, outcome: str = "") -> QuerySet[ReceivedMessage]:
    found = ReceivedMessage.objects.select_related("agency", "document")
    if agency is not None:
        found = found.filter(agency=agency)
    if outcome:
        found = found.filter(outcome=outcome)
    return found.order_by("-received_at", "-id")
