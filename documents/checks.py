"""Kiểm tra tính xác thực và toàn vẹn (Decree 30/2020 art. 21.2): the check the clerk sees on every arrival,
made by the verification service of signatures/ with the trust and revocations the public verify page uses.

The result is kept as data (which signature, whether it is intact, chains to the root, was valid when made),
not as sentences, so the page says it in the reader's language whenever it is shown."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from documents.models import Document
from signatures import selectors as signature_selectors
from signatures.errors import SignatureError
from signatures.verification import verify_pdf

Check = Document.Check


@dataclass(frozen=True)
class CheckResult:
    status: str
    report: dict = field(default_factory=dict)


def check_content(content: bytes | None) -> CheckResult:
    """The check of a document's main file. ``ALTERED`` (changed after signing, unreadable, or missing) is the
    one that stops registration: such a document goes back to its sender. ``UNSIGNED`` is what a scanned paper
    document gives; ``UNTRUSTED`` a signature sound in itself whose certificate does not chain to a root we
    trust or was not valid then (a document from outside the province is checked again on the axis)."""
    if not content:
        return CheckResult(Check.ALTERED, {"error": "missing"})
    try:
        signed = bool(list(PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures))
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return CheckResult(Check.ALTERED, {"error": "unreadable"})
    if not signed:
        return CheckResult(Check.UNSIGNED, {"error": "unsigned"})
    try:
        trust, revocations = signature_selectors.verification_trust()
    except SignatureError:
        # No certificate authority set up yet: nothing to check the signatures against; the clerk sees so.
        return CheckResult(Check.UNCHECKED, {"error": "no_authority"})
    report = verify_pdf(content, trust=trust, revocations=revocations)
    if report.error:
        return CheckResult(Check.ALTERED, {"error": "unreadable"})
    signatures = [{
        "signer": check.signer_name, "organisation": check.organisation, "title": check.title,
        "signed_at": check.signed_at.isoformat() if check.signed_at else None,
        "intact": check.intact, "unchanged_since": check.unchanged_since, "chains_to_root": check.chains_to_root,
        "valid_at_signing": check.valid_at_signing, "timestamped": check.timestamped,
    } for check in report.signatures]
    if any(not (item["intact"] and item["unchanged_since"]) for item in signatures):
        status = Check.ALTERED
    elif report.ok:
        status = Check.VALID
    else:
        status = Check.UNTRUSTED
    return CheckResult(status, {"signatures": signatures})

