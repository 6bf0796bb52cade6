"""Ký số: open an official's token with their PIN, then sign a PDF with it — and with their agency's
organisation certificate as a second signature. One service for dossier results (``document_sign``: both
at once) and outgoing official documents (``personal_sign`` by the leader, certifying the document so that
the clerk may still fill in its number and date, then ``organisation_sign`` by the clerk)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import SigningError

from accounts.models import User
from portal.dates import date_text, datetime_text
from signatures import authority, pdfsign, profile, selectors, tokens
from signatures.errors import CertificateUnusable, SignatureError, SignatureErrorCode, WrongPin
from signatures.models import Certificate, SignatureRecord, SoftwareToken
from signatures.services.ca import crls_refresh, timestamping_issue
from units.models import Agency

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def signer_open(*, user: User, pin: str, now: dt.datetime | None = None) -> pdfsign.KeyHolder:
    """The user's valid certificate with its key, opened by the PIN. Five wrong PINs in a row lock the token
    until an admin unlocks it. Call it outside a transaction: a wrong PIN is counted even though it fails."""
    now = now or timezone.now()
    certificate = selectors.signing_certificate_for(user, at=now)
    if certificate is None:
        raise CertificateUnusable(_("You hold no valid signing certificate. Ask the provincial admin for one."),
                                  code=SignatureErrorCode.NO_CERTIFICATE)
    with transaction.atomic():
        token = SoftwareToken.objects.select_for_update().get(certificate=certificate)
        if token.is_locked:
            raise CertificateUnusable(_("Your token is locked after too many wrong PINs. Ask the provincial "
                                        "admin to unlock it."), code=SignatureErrorCode.TOKEN_LOCKED)
        try:
            key = tokens.unseal(tokens.Sealed(token.salt, token.nonce, token.encrypted_key),
                                secret=tokens.pin_secret(pin or ""), associated=certificate.serial.encode())
        except tokens.WrongSecret:
            key = None
            token.failed_attempts += 1
            if token.failed_attempts >= settings.SIGNATURES_PIN_ATTEMPTS:
                token.locked_at = now
            token.save(update_fields=["failed_attempts", "locked_at"])
        else:
            if token.failed_attempts:
                token.failed_attempts = 0
                token.save(update_fields=["failed_attempts"])
    if key is None:  # raised after the commit, so the attempt stays counted
        if token.is_locked:
            raise CertificateUnusable(_("Wrong PIN. Your token is now locked; ask the provincial admin to unlock "
                                        "it."), code=SignatureErrorCode.TOKEN_LOCKED)
        left = settings.SIGNATURES_PIN_ATTEMPTS - token.failed_attempts
        message = ngettext("Wrong PIN. %(left)s attempt left before the token locks.",
                           "Wrong PIN. %(left)s attempts left before the token locks.", left) % {"left": left}
        raise WrongPin(message, code=SignatureErrorCode.WRONG_PIN,
                       extra={"attempts_left": left, "errors": {"pin": [message]}})
    return authority.key_holder(certificate.certificate_pem, key)


@transaction.atomic
def document_sign(*, content: bytes, signer: pdfsign.KeyHolder, user: User, purpose: str, reason: str,
                  location: str = "", now: dt.datetime | None = None) -> bytes:
    """Sign ``content`` (a PDF) with the opened certificate, then with the agency's organisation certificate
    when it has a valid one. Each signature is logged. Refused when the certificate is revoked or expired."""
    now = now or timezone.now()
    signed = personal_sign(content=content, signer=signer, user=user, purpose=purpose, reason=reason,
                           location=location, now=now)
    agency = _certificate_of(signer).agency
    if agency is not None and selectors.organisation_certificate_for(agency, at=now) is not None:
        # Its chain and CRL are the ones the first signature put in the document just before.
        signed = organisation_sign(content=signed, agency=agency, user=user, purpose=purpose, reason=reason,
                                   location=location, now=now, embed_revocation=False)
    return signed


@transaction.atomic
def personal_sign(*, content: bytes, signer: pdfsign.KeyHolder, user: User, purpose: str, reason: str,
                  location: str = "", field_name: str = "", permit_form_fill: bool = False,
                  now: dt.datetime | None = None) -> bytes:
    """The official's own signature over ``content`` (a PDF), with their stamp (name, position, agency,
    time): in the empty signature field ``field_name`` when the document reserved one (Appendix I §II.7.d:
    centred between the position and the name), else at the bottom right of the last page.

    ``permit_form_fill``: a certification signature (it must be the document's first) that permits filling
    the document's form fields and signing afterwards, and nothing else (DocMDP P=2) — how an official
    document is signed before the clerk writes its number and date into reserved fields and the agency
    signs (documents.services). Logged; refused when the certificate is revoked or expired."""
    now = now or timezone.now()
    certificate = _certificate_of(signer)
    _require_usable(certificate, now)
    crls_refresh(now=now)
    lines = [f"Ký bởi: {certificate.common_name}"]
    position = profile.title(signer.certificate)
    if position:
        lines.append(f"Chức vụ: {position}")
    if certificate.agency is not None:
        lines.append(f"Cơ quan: {certificate.agency.name}")
    lines.append(f"Thời gian ký: {_when(now)}")
    signed = _signed(content, signer=signer, trust=authority.trust(), tsa=_timestamping(now),
                     field_name=field_name or f"ChuKySo{_signature_count(content) + 1}",
                     stamp=pdfsign.Stamp(tuple(lines), "right"), reason=reason, location=location,
                     certify=permit_form_fill)
    _record(certificate, user=user, purpose=purpose, content=signed, now=now)
    return signed


@transaction.atomic
def organisation_sign(*, content: bytes, agency: Agency, user: User, purpose: str, reason: str,
                      location: str = "", field_name: str = "", embed_revocation: bool = True, overlap: float = 0.0,
                      now: dt.datetime | None = None) -> bytes:
    """The agency's signature over ``content`` with its organisation certificate (Decree 30/2020, Appendix
    I §II.8: chữ ký số của cơ quan), after its official's: in the empty signature field ``field_name`` when
    the document reserved one (overlapping the official's on the left), else at the bottom left of the last
    page. ``overlap``: the part of its box (from the right) that lies over the official's stamp, where its
    text does not go. ``user`` is who applied it (the clerk, or the leader for a dossier's result). Logged;
    refused with a clear message when the agency holds no valid organisation certificate."""
    now = now or timezone.now()
    organisation = selectors.organisation_certificate_for(agency, at=now)
    if organisation is None:
        message = _("%(agency)s holds no valid organisation certificate, so its digital signature cannot be "
                    "applied. Ask the provincial admin to issue one (Digital signatures).") % {"agency": agency.name}
        raise CertificateUnusable(message, code=SignatureErrorCode.NO_ORGANISATION_CERTIFICATE)
    crls_refresh(now=now)
    stamp = pdfsign.Stamp((f"Ký bởi: {organisation.common_name}", f"Thời gian ký: {_when(now)}"), "left",
                          clear_right=overlap)
    signed = _signed(content, signer=authority.key_holder(organisation.certificate_pem,
                                                          authority.server_key(organisation.token)),
                     trust=authority.trust(), tsa=_timestamping(now),
                     field_name=field_name or f"ChuKySo{_signature_count(content) + 1}", stamp=stamp,
                     reason=reason, location=location, embed_revocation=embed_revocation)
    _record(organisation, user=user, purpose=purpose, content=signed, now=now)
    return signed


def organisation_signer(agency: Agency, *, now: dt.datetime | None = None) -> tuple[pdfsign.KeyHolder, list]:
    """The agency's organisation certificate with its key, and the chain above it (issuing CA first), for a
    signature that is not a PDF's: the XML signature of the packages it sends over the national document axis.
    Refused with the same message as ``organisation_sign`` when it holds no valid one."""
    now = now or timezone.now()
    organisation = selectors.organisation_certificate_for(agency, at=now)
    if organisation is None:
        message = _("%(agency)s holds no valid organisation certificate, so its digital signature cannot be "
                    "applied. Ask the provincial admin to issue one (Digital signatures).") % {"agency": agency.name}
        raise CertificateUnusable(message, code=SignatureErrorCode.NO_ORGANISATION_CERTIFICATE)
    holder = authority.key_holder(organisation.certificate_pem, authority.server_key(organisation.token))
    return holder, list(authority.trust().intermediates)


def _signed(content: bytes, **kwargs) -> bytes:
    """pdfsign.sign, with a document pyHanko cannot sign (damaged, or certified already) as a clear error."""
    try:
        return pdfsign.sign(content, **kwargs)
    except (SigningError, PdfError) as exc:
        raise SignatureError(_("This document cannot be signed (it is damaged, or its signatures do not allow "
                               "another one)."), code=SignatureErrorCode.BAD_PDF) from exc


def _certificate_of(signer: pdfsign.KeyHolder) -> Certificate:
    return Certificate.objects.select_related("agency").get(fingerprint=profile.fingerprint(signer.certificate))


def _when(now: dt.datetime) -> str:
    return timezone.localtime(now, VIETNAM).strftime("%d/%m/%Y %H:%M:%S (GMT+7)")


def _require_usable(certificate: Certificate, now: dt.datetime) -> None:
    if certificate.revoked_at is not None and certificate.revoked_at <= now:
        raise CertificateUnusable(_("This certificate was revoked on %(date)s: it can no longer sign.")
                                  % {"date": datetime_text(certificate.revoked_at)},
                                  code=SignatureErrorCode.REVOKED)
    if now >= certificate.not_after:
        raise CertificateUnusable(_("This certificate expired on %(date)s: it can no longer sign.")
                                  % {"date": date_text(certificate.not_after)},
                                  code=SignatureErrorCode.EXPIRED)
    if now < certificate.not_before:
        raise CertificateUnusable(_("This certificate is not valid yet."),
                                  code=SignatureErrorCode.NOT_YET_VALID)


def _timestamping(now: dt.datetime) -> pdfsign.KeyHolder:
    certificate = selectors.timestamping_certificate(at=now + dt.timedelta(minutes=5)) or timestamping_issue(now=now)
    return authority.key_holder(certificate.certificate_pem, authority.server_key(certificate.token))


def _signature_count(content: bytes) -> int:
    try:
        return len(PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SignatureError(_("The document to sign is not a readable PDF."),
                             code=SignatureErrorCode.BAD_PDF) from exc


def _record(certificate: Certificate, *, user: User, purpose: str, content: bytes, now: dt.datetime) -> None:
    SignatureRecord.objects.create(certificate=certificate, signer=user, purpose=purpose[:255], signed_at=now,
                                   document_sha256=hashlib.sha256(content).hexdigest())
