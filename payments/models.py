"""Online payment of a dossier's fees and charges (thanh toán phí, lệ phí trực tuyến) through the national
payment platform: one ``Payment`` per attempt, the log of every callback the platform (or a browser) brought,
and the series that numbers electronic receipts (biên lai điện tử).

State changes happen only in payments/services/; the guards are methods here. Amounts are integer đồng."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStamped


class Payment(TimeStamped):
    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")
        REFUNDED = "refunded", _("Refunded")

    # The states a platform's answer settles a pending payment into.
    SETTLED = (State.PAID, State.CANCELLED, State.FAILED, State.EXPIRED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order_id = models.CharField(_("order id"), max_length=64, unique=True)
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    # The fee lines as they were when the payment started: [{"description", "description_en", "amount"}].
    fee_lines = models.JSONField(_("fee lines"), default=list)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    payment_url = models.URLField(_("payment page"), max_length=500, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    transaction_id = models.CharField(_("platform transaction id"), max_length=64, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=32, blank=True)
    # Recorded on the dossier's history (a PAID event): at once for a dossier already sent, at submission for
    # a draft (the national portal hears of a dossier from its submission on).
    announced = models.BooleanField(default=False)
    class Attention(models.TextChoices):
        """Something an official must look at."""

        NONE = "", _("Nothing")
        PAID_LATE = "paid_late", _("Paid on the platform after the payment was cancelled, failed or expired here: "
                                   "the money was taken.")
        PAID_TWICE = "paid_twice", _("The fees were already paid by another payment: refund one of them.")
        CLOSED = "closed", _("The dossier was closed without a result after payment: refund due.")

    attention = models.CharField(_("needs attention"), max_length=20, choices=Attention.choices, blank=True)
    refund_due = models.BooleanField(_("refund due"), default=False)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    refund_reference = models.CharField(_("refund reference"), max_length=100, blank=True)
    refunded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"])]
        constraints = [models.UniqueConstraint(fields=["receipt_number"], condition=~models.Q(receipt_number=""),
                                               name="payment_unique_receipt_number")]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.order_id} ({self.state})"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt_number) and self.state in (self.State.PAID, self.State.REFUNDED)

    def can_refund(self) -> bool:
        return self.state == self.State.PAID


class PaymentCallback(models.Model):
    """Every message about a payment the portal received or fetched: the platform's IPN, the browser's
    return, the answer to a query. Kept whatever it said (raw, shortened), signed or not."""

    class Source(models.TextChoices):
        IPN = "ipn", _("Platform callback")
        RETURN = "return", _("Browser return")
        QUERY = "query", _("Query to the platform")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied")
        DUPLICATE = "duplicate", _("Already known")
        IGNORED = "ignored", _("Recorded, no change")
        FLAGGED = "flagged", _("Applied and flagged")
        AMOUNT_MISMATCH = "amount_mismatch", _("Amount does not match")
        UNKNOWN_ORDER = "unknown_order", _("Unknown order")
        BAD_SIGNATURE = "bad_signature", _("Bad signature")
        INVALID = "invalid", _("Malformed")

    received_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, null=True, blank=True, related_name="callbacks")
    order_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, blank=True)
    raw = models.TextField()
    signature_ok = models.BooleanField(default=False)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("payment callback")
        verbose_name_plural = _("payment callbacks")

    def __str__(self) -> str:
        return f"{self.source} {self.order_id} {self.status}: {self.outcome}"


class ReceiptSeries(models.Model):
    """The gap-free numbering of electronic receipts, one locked row a year."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
