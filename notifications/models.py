"""The notification outbox (one row per event × recipient × channel, written in the event's transaction) and
the citizens' choice of channels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")
    EMAIL = "email", _("E-mail")


class Notification(models.Model):
    """One message to one recipient by one channel. ``key`` (event + channel + recipient) is unique: whatever
    listens twice or retries, the message exists once, and the gateway receives it with that key as its own
    idempotency key, so a retried send is never a second SMS."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", pgettext_lazy("notification state", "Sent")
        DELIVERED = "delivered", pgettext_lazy("notification state", "Delivered")
        FAILED = "failed", pgettext_lazy("notification state", "Failed")
        SKIPPED = "skipped", _("Not sent")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("template"), max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=_("recipient's account"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    text = models.TextField(_("text"))
    # What a Zalo ZNS template is filled with; empty for other channels.
    data = models.JSONField(_("template data"), default=dict, blank=True)
    # Never shown in clear (a one-time code): the admin and the panels show "••••".
    secret = models.BooleanField(_("confidential"), default=False)
    # What it is about, for the dossier's and the petition's pages (no foreign key: they are apps below).
    dossier_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    petition_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=100, blank=True, db_index=True)
    segments = models.PositiveSmallIntegerField(_("SMS segments"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="notification_state")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.template} → {self.masked_recipient}"

    @property
    def masked_recipient(self) -> str:
        if self.phone:
            return mask_phone(self.phone)
        if self.email:
            name, _sep, domain = self.email.partition("@")
            return f"{name[:2]}•••@{domain}"
        return ""

    @property
    def shown_text(self) -> str:
        return "••••" if self.secret else self.text


def mask_phone(phone: str) -> str:
    """0912•••678: enough for the owner to recognise it, not enough to call it."""
    return f"{phone[:4]}•••{phone[-3:]}" if len(phone) >= 8 else "•••"


class Preference(models.Model):
    """Which channels a citizen wants to hear from. No row: the defaults (SMS when the account has a phone,
    e-mail when it has an address, Zalo off)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                primary_key=True)
    sms = models.BooleanField(_("SMS"), default=True)
    zalo = models.BooleanField(_("Zalo"), default=False)
    email = models.BooleanField(_("E-mail"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

