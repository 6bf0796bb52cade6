"""PAdES signing with pyHanko: bytes in, signed bytes out. Knows nothing of the database.

Each signature is PAdES (ETSI.CAdES.detached) over SHA-256, carries the signer's chain, a visible stamp in
Vietnamese on the last page, and an RFC 3161 timestamp from the portal's own timestamping certificate.
The chain and the CRLs go into the document security store (DSS) so the file validates offline, years
later. They are written in the same revision as the signature, so the signature covers them and the last
signature still covers the whole file (pyHanko's own embedding appends them after the signature)."""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signatures.tokens import PrivateKey

# Where the stamps go on the last page (PDF points from the bottom left of an A4 page): the official's
# on the right, under the signature block; the agency's on the left.
PERSON_BOX = (315, 28, 565, 98)
ORGANISATION_BOX = (30, 28, 280, 98)


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def asn1_key(key: PrivateKey) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))


@dataclass(frozen=True)
class KeyHolder:
    """A certificate with its (unlocked, in memory only) private key."""

    certificate: x509.Certificate
    key: PrivateKey


@dataclass(frozen=True)
class Trust:
    """What a signature carries and is checked against: the chain up to the root, and the current CRLs."""

    root: x509.Certificate
    intermediates: tuple[x509.Certificate, ...]
    crls: tuple[bytes, ...]

    def store(self) -> SimpleCertificateStore:
        return SimpleCertificateStore.from_certs([asn1_certificate(c) for c in (*self.intermediates, self.root)])

    def validation_context(self, **kwargs) -> ValidationContext:
        return ValidationContext(trust_roots=[asn1_certificate(self.root)],
                                 other_certs=[asn1_certificate(c) for c in self.intermediates],
                                 crls=[asn1_crl.CertificateList.load(c) for c in self.crls],
                                 allow_fetching=False, revocation_mode="hard-fail", **kwargs)


@dataclass(frozen=True)
class Stamp:
    """The visible part of a signature. Its lines are the document's language: Vietnamese."""

    lines: tuple[str, ...]
    box: tuple[int, int, int, int]


def timestamper(tsa: KeyHolder, trust: Trust) -> DummyTimeStamper:
    """The portal's own timestamping authority, in process: pyHanko's RFC 3161 token builder (which pyHanko
    names a "dummy" because it answers every request without a network round trip) signing with our TSA
    certificate, which chains to our root."""
    return DummyTimeStamper(tsa_cert=asn1_certificate(tsa.certificate), tsa_key=asn1_key(tsa.key),
                            certs_to_embed=trust.store())


def sign(content: bytes, *, signer: KeyHolder, trust: Trust, tsa: KeyHolder, field_name: str, stamp: Stamp,
         reason: str, location: str, embed_revocation: bool = True) -> bytes:
    """One more signature over everything the document holds now (an incremental update)."""
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location,
    )
    style = TextStampStyle(
        stamp_text="\n".join(stamp.lines), border_width=1, border_color=(0.75, 0.1, 0.1),
        text_box_style=TextBoxStyle(font=_font_factory(), font_size=8, leading=10),
        inner_content_layout=SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MIN,
                                                 y_align=AxisAlignment.ALIGN_MID, margins=Margins.uniform(6)),
    )
    pages = int(PdfFileReader(io.BytesIO(content)).root["/Pages"]["/Count"])
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signers.SimpleSigner(signing_cert=asn1_certificate(signer.certificate),
                                    signing_key=asn1_key(signer.key), cert_registry=trust.store()),
        timestamper=timestamper(tsa, trust), stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=pages - 1, box=stamp.box),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    if embed_revocation:
        DocumentSecurityStore.supply_dss_in_writer(
            writer, None, certs=[asn1_certificate(c) for c in (signer.certificate, tsa.certificate,
                                                                *trust.intermediates, trust.root)],
            crls=[asn1_crl.CertificateList.load(c) for c in trust.crls])
    return pdf_signer.sign_pdf(writer, output=io.BytesIO()).getvalue()


def bare_sign(content: bytes, *, signer: KeyHolder, trust: Trust) -> bytes:
    """The least pyHanko does: an invisible PAdES signature with the chain and nothing else. The bench's
    baseline for what our signatures add (stamp, timestamp, embedded CRLs, second signature)."""
    metadata = signers.PdfSignatureMetadata(field_name="Signature", md_algorithm="sha256",
                                            subfilter=fields.SigSeedSubFilter.PADES)
    simple = signers.SimpleSigner(signing_cert=asn1_certificate(signer.certificate),
                                  signing_key=asn1_key(signer.key), cert_registry=trust.store())
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    return signers.sign_pdf(writer, metadata, signer=simple, output=io.BytesIO()).getvalue()


def _font_factory() -> GlyphAccumulatorFactory:
    return GlyphAccumulatorFactory(str(_stamp_font()))


@lru_cache(maxsize=1)
def _stamp_font() -> Path:
    """The slips' font, rescaled to 1,000 units per em. pyHanko writes glyph widths in font units, which
    PDF reads as thousandths of an em: Roboto's 2,048 units would space the letters twice as wide."""
    import font_roboto
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = Path(settings.PDF_FONT_REGULAR or font_roboto.Roboto)
    font = TTFont(str(source))
    if font["head"].unitsPerEm == 1000:
        return source
    cache = Path(tempfile.gettempdir()) / "congmotcua-fonts"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{source.stem}-{source.stat().st_size}-1000upem.ttf"
    if not target.exists():
        scale_upem(font, 1000)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(target)
    return target
