"""Issued certificates: an official's issuance with their PIN, revocation, unlocking a token, and the
reminders before expiry."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from signatures import authority, profile, tokens
from signatures.errors import SignatureConflict, SignatureError, SignatureErrorCode, SignatureForbidden
from signatures.models import Certificate, CertificateAuthority, CertificateRequest, SoftwareToken
from signatures.services.ca import certificate_record, crl_publish, token_store
from signatures.services.requests import request_lock, request_require_state, request_subject, require_admin

logger = logging.getLogger(__name__)
PIN_MIN, PIN_MAX = 6, 32
_WEAK_PINS = {"123456", "1234567", "12345678", "123456789", "654321", "abcdef", "password"}


def pin_errors(pin: str, confirm: str | None = None) -> list[str]:
    """What is wrong with a new PIN (empty when it is acceptable)."""
    pin = pin or ""
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        return [_("The PIN must have between %(min)s and %(max)s characters.") % {"min": PIN_MIN, "max": PIN_MAX}]
    if len(set(pin)) == 1 or pin.lower() in _WEAK_PINS:
        return [_("This PIN is too easy to guess; choose another.")]
    if confirm is not None and confirm != pin:
        return [_("The two PINs differ.")]
    return []


@transaction.atomic
def certificate_issue(*, request: CertificateRequest, official: User, pin: str, pin_confirm: str,
                      now: dt.datetime | None = None) -> Certificate:
    """Phát hành: the official's key pair is made inside their software token, encrypted under their PIN
    (never stored); the certificate is issued. An earlier certificate of theirs is revoked as superseded."""
    request = request_lock(request)
    if request.official_id != official.pk:
        raise SignatureForbidden(_("This request is for another official."),
                                 code=SignatureErrorCode.NOT_YOURS)
    request_require_state(request, CertificateRequest.State.APPROVED)
    errors = pin_errors(pin, pin_confirm)
    if errors:
        raise SignatureError(errors[0], code=SignatureErrorCode.BAD_PIN, extra={"errors": {"pin": errors}})
    now = now or timezone.now()
    ca = authority.ca_get(CertificateAuthority.Kind.ISSUING)
    key = tokens.new_key(settings.SIGNATURES_KEY_BITS)
    issued = profile.signing_certificate(
        public_key=key.public_key(), subject=request_subject(request), issuer=authority.issuer(ca), now=now,
        days=request.validity_days, crl_url=authority.crl_url(CertificateAuthority.Kind.ISSUING),
        issuer_url=authority.ca_certificate_url(CertificateAuthority.Kind.ISSUING))
    certificate = certificate_record(issued, kind=Certificate.Kind.PERSONAL, holder=official, agency=request.agency)
    token_store(certificate, key, secret=tokens.pin_secret(pin), protection=SoftwareToken.Protection.PIN)
    request.state, request.certificate = CertificateRequest.State.ISSUED, certificate
    request.save(update_fields=["state", "certificate", "updated_at"])
    earlier = (Certificate.objects.select_for_update().filter(holder=official, kind=Certificate.Kind.PERSONAL,
                                                              revoked_at__isnull=True).exclude(pk=certificate.pk))
    if earlier.exists():
        earlier.update(revoked_at=now, revocation_reason=Certificate.Reason.SUPERSEDED, updated_at=now)
        crl_publish(now=now)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, admin: User, reason: str,
                       now: dt.datetime | None = None) -> Certificate:
    """Thu hồi: at once, and the CRL is published again in the same transaction."""
    require_admin(admin)
    if reason not in Certificate.Reason.values:
        message = _("Choose the reason for the revocation.")
        raise SignatureError(message, code=SignatureErrorCode.BAD_REASON,
                             extra={"errors": {"reason": [message]}})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise SignatureConflict(_("This certificate is already revoked."),
                                code=SignatureErrorCode.ALREADY_REVOKED)
    if certificate.kind == Certificate.Kind.TIMESTAMPING:
        raise SignatureForbidden(_("The portal's timestamping certificate is replaced by the operator, not "
                                   "revoked here."), code=SignatureErrorCode.FORBIDDEN)
    now = now or timezone.now()
    certificate.revoked_at, certificate.revocation_reason, certificate.revoked_by = now, reason, admin
    certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by", "updated_at"])
    crl_publish(now=now)
    return certificate


@transaction.atomic
def token_unlock(*, certificate: Certificate, admin: User) -> SoftwareToken:
    """After five wrong PINs a token is locked until an admin unlocks it (the PIN stays the holder's)."""
    require_admin(admin)
    token = SoftwareToken.objects.select_for_update().get(certificate=certificate)
    if not token.is_locked:
        raise SignatureConflict(_("This token is not locked."), code=SignatureErrorCode.NOT_LOCKED)
    token.failed_attempts, token.locked_at, token.unlocked_by = 0, None, admin
    token.save(update_fields=["failed_attempts", "locked_at", "unlocked_by"])
    return token


def certificates_remind_expiring(*, now: dt.datetime | None = None) -> int:
    """Email each holder (and the provincial admins) once, 30 days before their certificate expires.
    Returns how many certificates were reminded of."""
    now = now or timezone.now()
    horizon = now + dt.timedelta(days=settings.SIGNATURES_EXPIRY_REMINDER_DAYS)
    due = list(Certificate.objects.filter(
        revoked_at__isnull=True, expiry_reminded_at__isnull=True, not_after__gt=now, not_after__lte=horizon,
        kind__in=(Certificate.Kind.PERSONAL, Certificate.Kind.ORGANISATION))
        .select_related("holder", "agency", "request"))
    if not due:
        return 0
    admins = list(get_user_model().objects.filter(role=User.Role.ADMIN, is_active=True).exclude(email="")
                  .values_list("email", flat=True))
    for certificate in due:
        with transaction.atomic():
            claimed = Certificate.objects.filter(pk=certificate.pk, expiry_reminded_at__isnull=True).update(
                expiry_reminded_at=now)
            if claimed:
                recipients = [a for a in [_holder_email(certificate)] if a] + admins
                transaction.on_commit(lambda c=certificate, r=recipients: _send_reminder(c, r))
    return len(due)


def _holder_email(certificate: Certificate) -> str:
    """The address on the certificate's request, else the holder's account's."""
    request = getattr(certificate, "request", None)  # none for certificates issued without one
    return (request.email if request else "") or (certificate.holder.email if certificate.holder else "")


def _send_reminder(certificate: Certificate, recipients: list[str]) -> None:
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"certificate": certificate, "site_url": settings.SITE_URL.rstrip("/")}
        subject = render_to_string("signatures/email/expiring_subject.txt", context).strip()
        body = render_to_string("signatures/email/expiring.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, sorted(set(recipients)))
