"""The certificate authority's own work: set it up once, publish CRLs, keep a timestamping certificate."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from signatures import authority, profile, tokens
from signatures.models import Certificate, CertificateAuthority, SoftwareToken

ROOT_DAYS, ISSUING_DAYS, TSA_DAYS = 20 * 365, 10 * 365, 5 * 365
Kind = CertificateAuthority.Kind


def ca_init(*, now: dt.datetime | None = None) -> bool:
    """Create the root CA, the issuing CA, their first CRLs and the timestamping certificate. Idempotent:
    False, and nothing touched, when the CA exists already (it is never overwritten)."""
    if CertificateAuthority.objects.exists():
        return False
    try:
        with transaction.atomic():
            _create(now or timezone.now())
    except IntegrityError:  # another process created it first
        return False
    return True


def _create(now: dt.datetime) -> None:
    passphrase, name = tokens.ca_passphrase(), settings.SIGNATURES_CA_NAME
    root_key = tokens.new_key(settings.SIGNATURES_CA_KEY_BITS)
    root_subject = profile.Subject(common_name=f"Root CA {name}", organisation=name)
    root_cert = profile.root_certificate(key=root_key, subject=root_subject, now=now, days=ROOT_DAYS)
    CertificateAuthority.objects.create(kind=Kind.ROOT, name=root_subject.common_name,
                                        certificate_pem=profile.pem(root_cert),
                                        encrypted_key_pem=tokens.encrypt_pem(root_key, passphrase))
    issuing_key = tokens.new_key(settings.SIGNATURES_CA_KEY_BITS)
    issuing_subject = profile.Subject(common_name=f"CA {name}", organisation=name,
                                      unit="Chứng thư số chuyên dùng công vụ")
    issuing_cert = profile.issuing_certificate(
        key=issuing_key, subject=issuing_subject, root=profile.Issuer(root_cert, root_key), now=now,
        days=ISSUING_DAYS, crl_url=authority.crl_url(Kind.ROOT), issuer_url=authority.ca_certificate_url(Kind.ROOT))
    CertificateAuthority.objects.create(kind=Kind.ISSUING, name=issuing_subject.common_name,
                                        certificate_pem=profile.pem(issuing_cert),
                                        encrypted_key_pem=tokens.encrypt_pem(issuing_key, passphrase))
    crl_publish(kind=Kind.ROOT, now=now)
    crl_publish(kind=Kind.ISSUING, now=now)
    timestamping_issue(now=now)


@transaction.atomic
def crl_publish(*, kind: str = Kind.ISSUING, now: dt.datetime | None = None) -> CertificateAuthority:
    """A new CRL, numbered one more than the last (the CA's row is locked), listing every certificate the CA
    revoked (kept after they expire, so a signature's time can always be checked against them)."""
    now = now or timezone.now()
    ca = CertificateAuthority.objects.select_for_update().get(kind=kind)
    revoked = []
    if kind == Kind.ISSUING:
        revoked = [profile.Revoked(serial=int(serial, 16), revoked_at=at, reason=reason) for serial, at, reason in
                   Certificate.objects.filter(revoked_at__isnull=False).order_by("revoked_at", "id")
                   .values_list("serial", "revoked_at", "revocation_reason")]
    ca.crl_number += 1
    issued = profile.crl(issuer=authority.issuer(ca), number=ca.crl_number, revoked=revoked, now=now,
                         hours=settings.SIGNATURES_CRL_HOURS)
    ca.crl_der = profile.crl_der(issued)
    ca.crl_this_update, ca.crl_next_update = issued.last_update_utc, issued.next_update_utc
    ca.save(update_fields=["crl_number", "crl_der", "crl_this_update", "crl_next_update", "updated_at"])
    return ca


def crls_refresh(*, now: dt.datetime | None = None, margin: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Publish a new CRL for each CA whose current one ends within ``margin``; how many were published."""
    now = now or timezone.now()
    published = 0
    for ca in CertificateAuthority.objects.all():
        if not authority.crl_is_fresh(ca, now=now, margin=margin):
            crl_publish(kind=ca.kind, now=now)
            published += 1
    return published


@transaction.atomic
def timestamping_issue(*, now: dt.datetime | None = None) -> Certificate:
    """The portal's timestamping certificate (RFC 3161, extendedKeyUsage timeStamping), key held by the portal."""
    now = now or timezone.now()
    ca = authority.ca_get(Kind.ISSUING)
    subject = profile.Subject(common_name=f"Dịch vụ cấp dấu thời gian {settings.SIGNATURES_CA_NAME}",
                              organisation=settings.SIGNATURES_CA_NAME)
    return server_certificate_issue(kind=Certificate.Kind.TIMESTAMPING, subject=subject, ca=ca, days=TSA_DAYS,
                                    now=now, timestamping=True)


def server_certificate_issue(*, kind: str, subject: profile.Subject, ca: CertificateAuthority, days: int,
                             now: dt.datetime, agency=None, timestamping: bool = False) -> Certificate:
    """A certificate whose key the portal holds (under the CA passphrase): timestamping, or an agency's."""
    key = tokens.new_key(settings.SIGNATURES_KEY_BITS)
    issued = profile.signing_certificate(
        public_key=key.public_key(), subject=subject, issuer=authority.issuer(ca), now=now, days=days,
        crl_url=authority.crl_url(Kind.ISSUING), issuer_url=authority.ca_certificate_url(Kind.ISSUING),
        timestamping=timestamping)
    certificate = certificate_record(issued, kind=kind, agency=agency)
    token_store(certificate, key, secret=tokens.ca_passphrase(), protection=SoftwareToken.Protection.SERVER)
    return certificate


def certificate_record(issued, *, kind: str, holder=None, agency=None) -> Certificate:
    return Certificate.objects.create(
        serial=profile.serial_hex(issued.serial_number), kind=kind, holder=holder, agency=agency,
        common_name=profile.common_name(issued), subject=issued.subject.rfc4514_string(),
        certificate_pem=profile.pem(issued), fingerprint=profile.fingerprint(issued),
        not_before=issued.not_valid_before_utc, not_after=issued.not_valid_after_utc)


def token_store(certificate: Certificate, key, *, secret: bytes, protection: str) -> SoftwareToken:
    sealed = tokens.seal(key, secret=secret, associated=certificate.serial.encode())
    return SoftwareToken.objects.create(certificate=certificate, protection=protection, salt=sealed.salt,
                                        nonce=sealed.nonce, encrypted_key=sealed.ciphertext)
