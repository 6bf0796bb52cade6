"""The outbox (DESIGN.md §6): every message for a party outside the portal, written in the same
transaction as the change it reports, then delivered by the relay (outbox/relay.py) to the destination
registered for its topic (outbox/registry.py)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class Topic(models.TextChoices):
        DOSSIER_EVENT = "dossier_event", _("Dossier progress")
        PROCEDURE = "procedure", _("Procedure publication")
        # Official documents to organisations outside the portal, over the national document axis (issue 13
        # registers its destination; until then they wait, untouched by the relay).
        DOCUMENT_EXCHANGE = "document_exchange", _("Official document exchange")
        # Citizens' feedback and petitions (feedback/), for the national PAKN system on the NPSP.
        PETITION_EVENT = "petition_event", _("Petition progress")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        DEAD = "dead", _("Dead letter")

    key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    # Messages of one subject (a dossier, a procedure) are delivered in ``sequence`` order, one after another.
    subject = models.CharField(_("subject"), max_length=64)
    sequence = models.BigIntegerField(_("sequence"))
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        # The table the outbox had when it lived in nationalportal: the move changed no data.
        db_table = "nationalportal_outboxmessage"
        ordering = ["id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            models.Index(fields=["next_attempt_at", "id"], condition=Q(status="pending"), name="outbox_due"),
            models.Index(fields=["subject", "id"], condition=~Q(status="delivered"), name="outbox_undelivered"),
            models.Index(fields=["status", "delivered_at"], name="outbox_status_delivered"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.subject} #{self.sequence} ({self.status})"
