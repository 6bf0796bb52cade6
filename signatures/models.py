"""Chữ ký số chuyên dùng công vụ: the certificate authority standing in for the Government Cipher
Committee's, the certificate requests a provincial admin runs for officials and agencies, the issued
certificates with their software tokens, and the log of every signature made.

No private key is ever stored in clear: the CAs' and the portal's own keys are encrypted under
SIGNATURES_CA_PASSPHRASE, an official's under a key derived from their PIN (signatures/tokens.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStamped


class CertificateAuthority(TimeStamped):
    """Tổ chức cung cấp dịch vụ chứng thực: the root CA, and the issuing CA that signs certificates and CRLs."""

    class Kind(models.TextChoices):
        ROOT = "root", _("Root CA")
        ISSUING = "issuing", _("Issuing CA")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, unique=True)
    name = models.CharField(_("name"), max_length=255)
    certificate_pem = models.TextField(_("certificate"))
    # PKCS#8, encrypted under SIGNATURES_CA_PASSPHRASE.
    encrypted_key_pem = models.TextField()
    # The CRL this CA publishes: its number grows by one with every issue (a locked row, gap-free).
    crl_number = models.PositiveBigIntegerField(default=0)
    crl_der = models.BinaryField(default=bytes)
    crl_this_update = models.DateTimeField(null=True, blank=True)
    crl_next_update = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate authority")
        verbose_name_plural = _("certificate authorities")

    def __str__(self) -> str:
        return self.name


class Certificate(TimeStamped):
    """An issued X.509 certificate: an official's (personal), an agency's (organisation) or the portal's
    timestamping authority's."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Official")
        ORGANISATION = "organisation", _("Agency")
        TIMESTAMPING = "timestamping", _("Timestamping")

    class Reason(models.TextChoices):
        """The RFC 5280 reasons an admin may give; the value is the CRL's reason code name."""

        KEY_COMPROMISE = "key_compromise", _("Key or PIN compromised")
        AFFILIATION_CHANGED = "affiliation_changed", _("Left the post or the agency")
        SUPERSEDED = "superseded", _("Replaced by a new certificate")
        CESSATION_OF_OPERATION = "cessation_of_operation", _("No longer needed")
        UNSPECIFIED = "unspecified", _("Other reason")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="certificates",
        verbose_name=_("holder"),
    )
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="certificates",
        verbose_name=_("agency"),
    )
    common_name = models.CharField(_("name"), max_length=255)
    subject = models.TextField(_("subject"))
    certificate_pem = models.TextField(_("certificate"))
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(_("revocation reason"), max_length=30, choices=Reason.choices, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-not_before", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["holder", "kind"]), models.Index(fields=["agency", "kind"])]

    def __str__(self) -> str:
        return f"{self.common_name} ({self.serial})"

    def is_valid(self, at=None) -> bool:
        """Within its validity period and not revoked by then."""
        at = at or timezone.now()
        return self.not_before <= at < self.not_after and (self.revoked_at is None or self.revoked_at > at)

    @property
    def status(self) -> str:
        now = timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if now >= self.not_after:
            return "expired"
        if now < self.not_before:
            return "not_yet_valid"
        return "valid"

    @property
    def status_display(self) -> str:
        return {"revoked": _("Revoked"), "expired": _("Expired"), "not_yet_valid": _("Not yet valid"),
                "valid": _("Valid")}[self.status]


class SoftwareToken(models.Model):
    """The private key of a certificate, encrypted (AES-256-GCM) under a key derived with scrypt from the
    official's PIN and the pepper (personal), or from the CA passphrase (the portal's own keys)."""

    class Protection(models.TextChoices):
        PIN = "pin", _("Holder's PIN")
        SERVER = "server", _("Held by the portal")

    certificate = models.OneToOneField(Certificate, on_delete=models.CASCADE, related_name="token")
    protection = models.CharField(max_length=10, choices=Protection.choices)
    salt = models.BinaryField()
    nonce = models.BinaryField()
    encrypted_key = models.BinaryField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    unlocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("software token")
        verbose_name_plural = _("software tokens")

    def __str__(self) -> str:
        return str(self.certificate)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class CertificateRequest(TimeStamped):
    """Đề nghị cấp chứng thư số: registered by a provincial admin, approved or rejected, then issued (an
    official's once they choose their PIN; an agency's at approval)."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Official")
        ORGANISATION = "organisation", _("Agency")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved, awaiting issuance")
        REJECTED = "rejected", _("Rejected")
        ISSUED = "issued", _("Issued")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSONAL)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="certificate_requests",
        verbose_name=_("official"),
    )
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="certificate_requests",
                               verbose_name=_("agency"))
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    department = models.CharField(_("unit"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    validity_days = models.PositiveIntegerField(_("validity (days)"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    certificate = models.OneToOneField(Certificate, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="request")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("certificate request")
        verbose_name_plural = _("certificate requests")
        constraints = [
            # One open request at a time per official (pending or approved and not yet issued).
            models.UniqueConstraint(fields=["official"], condition=models.Q(state__in=["pending", "approved"]),
                                    name="certificate_request_one_open_per_official"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_state_display()})"


class SignatureRecord(models.Model):
    """Nhật ký ký số: every signature the portal made, with what was signed (append-only)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="signatures")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    purpose = models.CharField(_("purpose"), max_length=255)
    document_sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_at", "-id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.certificate} — {self.purpose}"
