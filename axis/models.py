"""The province on the national document axis: each agency's connection (its organ, registered with the axis
under its electronic identification code, and when it last exchanged anything), and every message received
from the axis, kept once by the axis's message id with its raw XML and what became of it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Connection(models.Model):
    """One of our agencies as an organ of the axis. Created when the agency first registers; ``last_success_at``
    is the last exchange that worked either way (a package or status sent, a mailbox read)."""

    agency = models.OneToOneField("units.Agency", on_delete=models.CASCADE, related_name="axis_connection",
                                  verbose_name=_("agency"))
    registered_at = models.DateTimeField(_("registered with the axis"), null=True, blank=True)
    last_pull_at = models.DateTimeField(_("mailbox last read"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last successful exchange"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=1000, blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)

    class Meta:
        verbose_name = _("axis connection")
        verbose_name_plural = _("axis connections")

    def __str__(self) -> str:
        return str(self.agency)


class ReceivedMessage(models.Model):
    """A message from one of our agencies' mailboxes on the axis: a document package or a status message.
    Stored once (``message_id`` is the axis's), acknowledged to the axis only after the transaction that stored
    it commits, so a crash in between makes the next read find it stored and only acknowledge it."""

    class Kind(models.TextChoices):
        EDOC = "edoc", _("Document package")
        STATUS = "status", _("Status message")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("axis message", "Accepted")
        DUPLICATE = "duplicate", _("Already received")
        REFUSED = "refused", pgettext_lazy("axis message", "Refused")
        UNMATCHED = "unmatched", _("About no document of ours")

    message_id = models.CharField(_("axis message id"), max_length=64, unique=True)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    business = models.PositiveSmallIntegerField(_("business type"), null=True, blank=True)
    status_code = models.CharField(_("status code"), max_length=2, blank=True)
    sender_id = models.CharField(_("sender's code"), max_length=20, blank=True)
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    edxml_id = models.CharField(_("edXML DocumentId"), max_length=200, blank=True, db_index=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    signer = models.CharField(_("signed by"), max_length=300, blank=True,
                              help_text=_("The subject of the certificate whose XML signature was verified."))
    document = models.ForeignKey("documents.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="axis_messages", verbose_name=_("document"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    error_code = models.CharField(_("error"), max_length=20, blank=True)
    error_detail = models.CharField(_("error details"), max_length=1000, blank=True)
    raw = models.FileField(_("package"), upload_to="axis/%Y/%m/")
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("message received over the axis")
        verbose_name_plural = _("messages received over the axis")
        indexes = [
            models.Index(fields=["agency", "outcome", "-received_at"], name="axis_received_outcome"),
            models.Index(fields=["sender_id", "edxml_id", "kind"], name="axis_received_document"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.edxml_id} ({self.outcome})"


class Organ(models.Model):
    """An organ in the axis's directory, by its electronic identification code. Versioned (organs are
    renamed, and the 2025 rearrangement closed every district-level one): a change closes the current row
    (``valid_to``) and opens another, so the directory as it was on any day stays readable."""

    code = models.CharField(_("code"), max_length=20, help_text=_("The short form the portal stores (G09)."))
    organ_id = models.CharField(_("organ code on the axis"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    external = models.BooleanField(_("outside the province"), default=True)
    valid_from = models.DateTimeField(_("listed from"), default=timezone.now)
    valid_to = models.DateTimeField(_("listed until"), null=True, blank=True)

    class Meta:
        ordering = ["organ_id", "-valid_from"]
        verbose_name = _("organ of the axis directory")
        verbose_name_plural = _("organs of the axis directory")
        constraints = [models.UniqueConstraint(fields=["code"], condition=models.Q(valid_to__isnull=True),
                                               name="axis_organ_current")]

    def __str__(self) -> str:
        return f"{self.organ_id} {self.name}"
