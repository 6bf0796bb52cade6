"""The XML signature of an edXML package or status message: XML-DSig, enveloped over the whole message
(reference URI ""), RSA-SHA256 with SHA-256 digests and exclusive canonicalisation, the signer's certificate
and its chain in KeyInfo. signxml does the signing, canonicalisation and verification; the certificate's
chain to a trusted root is checked by pyhanko-certvalidator (the library the PDF signatures use). Without
Django: the mock axis signs its organs' messages with it too."""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError
from signxml import CanonicalizationMethod, DigestAlgorithm, SignatureMethod, XMLSigner, XMLVerifier
from signxml.exceptions import InvalidDigest, InvalidInput, InvalidSignature
from signxml.verifier import SignatureConfiguration

from axis.edxml import DSIG, PackageError, safe_parser
from portal.asyncrun import run_coroutine

logger = logging.getLogger(__name__)

_CONFIG = SignatureConfiguration(
    require_x509=True, location="./", expect_references=1,
    signature_methods=frozenset({SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA512,
                                 SignatureMethod.ECDSA_SHA256}),
    digest_algorithms=frozenset({DigestAlgorithm.SHA256, DigestAlgorithm.SHA512}),
)


def sign(data: bytes, *, key, chain: list[x509.Certificate]) -> bytes:
    """``data`` (unsigned edXML) with its enveloped signature as the root's last child. ``key``: the signer's
    private key (cryptography); ``chain``: its certificate first, then the intermediates."""
    root = etree.fromstring(data, safe_parser())
    signer = XMLSigner(signature_algorithm=SignatureMethod.RSA_SHA256, digest_algorithm=DigestAlgorithm.SHA256,
                       c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0)
    pem = [certificate.public_bytes(serialization.Encoding.PEM).decode() for certificate in chain]
    signed = signer.sign(root, key=key, cert=pem)
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


@dataclass(frozen=True)
class Signer:
    certificate: x509.Certificate
    subject: str
    chain_checked: bool


def _certificates(root) -> list[x509.Certificate]:
    found = []
    for element in root.iterfind(f"{{{DSIG}}}Signature/{{{DSIG}}}KeyInfo/{{{DSIG}}}X509Data/{{{DSIG}}}X509Certificate"):
        try:
            found.append(x509.load_der_x509_certificate(_b64(element.text)))
        except ValueError:
            raise PackageError("signature", "Chứng thư số trong chữ ký không đọc được.") from None
    if not found:
        raise PackageError("signature", "Chữ ký không kèm chứng thư số (X509Certificate).")
    return found


def _b64(text: str | None) -> bytes:
    import base64

    return base64.b64decode("".join((text or "").split()))


def verify(data: bytes, root, *, trust_roots: list[x509.Certificate] | None, at: dt.datetime | None = None):
    """(the signed root, the signer) when ``data`` (parsed as ``root`` by edxml.parse) carries a valid
    signature by a certificate that chains to one of ``trust_roots`` at ``at`` (None: the signature alone
    is checked — the mock's organs, which hold no trust list). Else PackageError "signature"/"certificate".
    Read the message from the returned root only: it is what the signature covers."""
    certificates = _certificates(root)
    leaf = certificates[0]
    try:
        result = XMLVerifier().verify(data, x509_cert=leaf, expect_config=_CONFIG, parser=safe_parser())
    except (InvalidSignature, InvalidInput) as error:
        # The reason goes to the sender's clerk (status 02) and ours: a sentence, not signxml's English.
        logger.info("XML signature refused: %s", error)
        if isinstance(error, InvalidDigest):
            reason = "nội dung gói tin đã bị thay đổi sau khi ký"
        elif isinstance(error, InvalidSignature):
            reason = "chữ ký không khớp với chứng thư số kèm theo"
        else:
            reason = "chữ ký không đúng định dạng quy định"
        raise PackageError("signature", f"Chữ ký số XML không hợp lệ: {reason}.") from None
    subject = leaf.subject.rfc4514_string()
    if trust_roots is None:
        return result.signed_xml, Signer(leaf, subject, False)
    _chain_check(leaf, certificates[1:], trust_roots, at)
    return result.signed_xml, Signer(leaf, subject, True)


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


# Chains that validated, by the DER of the leaf, the intermediates it came with and the trust roots, with the
# window in which every certificate of the path found is valid. Nothing else enters the check (no revocation
# data is fetched or given), so at any moment inside that window it answers the same: every status message
# an organ signs with the same certificate is then checked for its signature alone, not for its chain again.
_VALIDATED: OrderedDict[tuple[bytes, ...], tuple[dt.datetime, dt.datetime]] = OrderedDict()
_VALIDATED_MAX = 256


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _chain_check(leaf, intermediates, trust_roots, at) -> None:
    if not trust_roots:
        raise PackageError("certificate", "Chưa cấu hình chứng thư gốc tin cậy để kiểm tra chữ ký.")
    key = (_der(leaf), *sorted(_der(c) for c in intermediates), b"", *sorted(_der(c) for c in trust_roots))
    moment = at or dt.datetime.now(dt.UTC)
    window = _VALIDATED.get(key)
    if window is not None and window[0] <= moment <= window[1]:
        _VALIDATED.move_to_end(key)
        return
    context = ValidationContext(trust_roots=[_asn1(c) for c in trust_roots],
                                other_certs=[_asn1(c) for c in intermediates], allow_fetching=False,
                                revocation_mode="soft-fail", **({"moment": at} if at else {}))
    validator = CertificateValidator(_asn1(leaf), validation_context=context)
    try:
        path = run_coroutine(validator.async_validate_path)
    except PathBuildingError:
        raise PackageError("certificate", "Chứng thư số của bên gửi không do tổ chức chứng thực tin cậy cấp.") \
            from None
    except (PathValidationError, ValidationError) as error:
        raise PackageError("certificate", f"Chứng thư số của bên gửi không hợp lệ: {error}") from None
    found = list(path.iter_certs(include_root=True))
    _VALIDATED[key] = (max(c.not_valid_before for c in found), min(c.not_valid_after for c in found))
    while len(_VALIDATED) > _VALIDATED_MAX:
        _VALIDATED.popitem(last=False)
