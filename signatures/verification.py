"""Xác thực chữ ký số: is a signed PDF intact, who signed it and when, does the certificate chain to our
root, and was it valid (not expired, not revoked) at the time of signing.

The time of signing is the signature's RFC 3161 timestamp when a trusted one is attached; otherwise the
signer's own clock is not trusted and the certificate is checked as of now. A certificate revoked after
the signature does not make an earlier signature invalid: the chain is validated at the signing time
against the current CRLs, whose revocation dates say when the revocation took effect."""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field

from cryptography import x509
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

from portal.asyncrun import run_coroutine
from signatures.pdfsign import Trust

logger = logging.getLogger(__name__)


@dataclass
class SignatureCheck:
    """What the verification page says of one signature."""

    field_name: str
    signer_name: str = ""
    organisation: str = ""
    title: str = ""
    serial: str = ""
    signed_at: dt.datetime | None = None
    timestamped: bool = False
    intact: bool = False
    chains_to_root: bool = False
    valid_at_signing: bool = False
    covers_whole_document: bool = False
    unchanged_since: bool = False
    revoked_at: dt.datetime | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.chains_to_root and self.valid_at_signing and self.unchanged_since

    @property
    def revoked_later(self) -> bool:
        return self.revoked_at is not None and self.signed_at is not None and self.revoked_at > self.signed_at


@dataclass
class VerificationReport:
    signatures: list[SignatureCheck]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.signatures) and all(s.ok for s in self.signatures)


def verify_pdf(content: bytes, *, trust: Trust, revocations: dict[str, dt.datetime]) -> VerificationReport:
    """``revocations`` maps serials (upper-case hex) of our revoked certificates to when they were revoked,
    to say so beside a signature that stays valid."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        logger.info("Unreadable PDF submitted for verification: %s", exc)
        return VerificationReport([], error=_("This file is not a PDF document that can be read."))
    if not embedded:
        return VerificationReport([], error=_("This PDF document carries no digital signature."))
    return VerificationReport([_check(signature, trust, revocations) for signature in embedded])


def _check(signature, trust: Trust, revocations: dict[str, dt.datetime]) -> SignatureCheck:
    check = SignatureCheck(field_name=signature.field_name or "")
    try:
        certificate = x509.load_der_x509_certificate(signature.signer_cert.dump())
        _describe(check, certificate, revocations)
        # First pass, as of now: is the attached timestamp ours and intact? Its time is then the signing time.
        context = trust.validation_context(retroactive_revinfo=True)
        first = run_coroutine(lambda: async_validate_pdf_signature(signature, signer_validation_context=context))
        check.intact = bool(first.intact and first.valid)
        stamp = first.timestamp_validity
        check.timestamped = bool(stamp and stamp.intact and stamp.valid and stamp.trusted)
        check.signed_at = stamp.timestamp if check.timestamped else first.signer_reported_dt
        moment = stamp.timestamp if check.timestamped else None
        then = trust.validation_context(moment=moment, retroactive_revinfo=True) if moment else None
        status = first if moment is None else run_coroutine(
            lambda: async_validate_pdf_signature(signature, signer_validation_context=then))
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        logger.info("Signature %s could not be checked: %s", check.field_name, exc)
        check.problems.append(_("The signature is damaged: it cannot be read."))
        return check
    if check.intact:
        check.chains_to_root = status.validation_path is not None or bool(status.trusted)
        check.valid_at_signing = bool(status.trusted and status.revoked is False)
    else:
        # pyHanko does not judge the certificate of a signature whose content no longer matches; the page must
        # not call a sound certificate invalid because the document was changed: judge it on its own.
        check.chains_to_root, check.valid_at_signing = _certificate_sound(signature, trust, moment)
    check.covers_whole_document = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    check.unchanged_since = check.covers_whole_document or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and level is not None
        and level <= ModificationLevel.FORM_FILLING and bool(status.docmdp_ok))
    _explain(check, status)
    return check


def _certificate_sound(signature, trust: Trust, moment: dt.datetime | None) -> tuple[bool, bool]:
    """(chains to our root, valid then): the signer's certificate validated by itself at ``moment`` (or now)."""
    context = trust.validation_context(retroactive_revinfo=True, **({"moment": moment} if moment else {}))
    validator = CertificateValidator(signature.signer_cert, validation_context=context)
    try:
        run_coroutine(validator.async_validate_path)
    except PathBuildingError:
        return False, False
    except (PathValidationError, ValidationError):
        return True, False
    return True, True


def _describe(check: SignatureCheck, certificate: x509.Certificate, revocations: dict[str, dt.datetime]) -> None:
    def first(oid) -> str:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    check.signer_name = first(x509.NameOID.COMMON_NAME)
    check.organisation = first(x509.NameOID.ORGANIZATION_NAME)
    check.title = first(x509.NameOID.TITLE)
    check.serial = f"{certificate.serial_number:X}"
    check.revoked_at = revocations.get(check.serial)


def _explain(check: SignatureCheck, status) -> None:
    if not check.intact:
        check.problems.append(_("The document was changed after it was signed: the signature does not match "
                                "its content."))
    if not check.timestamped:
        check.problems.append(_("The signature carries no trusted timestamp, so the certificate is checked as "
                                "of now."))
    if status.revoked and check.intact:
        check.problems.append(_("The certificate had been revoked when the document was signed."))
    elif not check.chains_to_root:
        check.problems.append(_("The certificate was not issued by the province's certificate authority."))
    elif not check.valid_at_signing:
        check.problems.append(_("The certificate was not valid when the document was signed (expired, not yet "
                                "valid, or its revocation status is unknown)."))
    if check.intact and not check.unchanged_since:
        check.problems.append(_("The document was modified after this signature in a way signatures do not "
                                "allow."))
