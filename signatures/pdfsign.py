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
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, InnerScaling, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from portal.asyncrun import run_coroutine
from portal.fonts import pdf_faces
from signatures.tokens import PrivateKey

# The stamps' size and their distance from the last page's edges, in PDF points (A4 is 595 × 842): the
# official's at the bottom right, under the signature block; the agency's at the bottom left.
STAMP_WIDTH, STAMP_HEIGHT, STAMP_MARGIN = 250, 70, 28


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
    corner: str = "right"  # or "left": which bottom corner of the last page
    # The part of the box's width (from its right) the text keeps clear: an agency's stamp overlapping the
    # third of its official's on its right (Decree 30/2020 Appendix I §II.8.a) writes in its two other thirds.
    clear_right: float = 0.0

    def box(self, page_width: float) -> tuple[int, int, int, int]:
        left = STAMP_MARGIN if self.corner == "left" else int(page_width) - STAMP_MARGIN - STAMP_WIDTH
        return left, STAMP_MARGIN, left + STAMP_WIDTH, STAMP_MARGIN + STAMP_HEIGHT


def timestamper(tsa: KeyHolder, trust: Trust) -> DummyTimeStamper:
    """The portal's own timestamping authority, in process: pyHanko's RFC 3161 token builder (which pyHanko
    names a "dummy" because it answers every request without a network round trip) signing with our TSA
    certificate, which chains to our root."""
    return DummyTimeStamper(tsa_cert=asn1_certificate(tsa.certificate), tsa_key=asn1_key(tsa.key),
                            certs_to_embed=trust.store())


def sign(content: bytes, *, signer: KeyHolder, trust: Trust, tsa: KeyHolder, field_name: str, stamp: Stamp,
         reason: str, location: str, embed_revocation: bool = True, certify: bool = False) -> bytes:
    """One more signature over everything the document holds now (an incremental update), in the empty
    signature field ``field_name`` when the document has one (its box then), else in a new field at the
    stamp's place. ``certify``: a certification signature (the document's first) that permits filling its
    form fields and signing afterwards, and nothing else (DocMDP P=2)."""
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location, certify=certify, docmdp_permissions=MDPPerm.FILL_FORMS,
    )
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    pages = int(reader.root["/Pages"]["/Count"])
    reserved = next((ref for name, _value, ref in fields.enumerate_sig_fields(reader, filled_status=False)
                     if name == field_name), None)
    width = _rect_width(reserved) if reserved is not None else STAMP_WIDTH
    style = TextStampStyle(
        stamp_text="\n".join(stamp.lines), border_width=1, border_color=(0.75, 0.1, 0.1),
        text_box_style=TextBoxStyle(font=font_factory(), font_size=8, leading=10),
        # A box reserved in a document's layout may be narrower than the text: the text shrinks to fit it.
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(left=6, right=6 + width * stamp.clear_right, top=6, bottom=6),
            inner_content_scaling=InnerScaling.SHRINK_TO_FIT),
    )
    pdf_signer = signers.PdfSigner(
        metadata, signer=_signer(signer, trust),
        timestamper=timestamper(tsa, trust), stamp_style=style,
        new_field_spec=None if reserved is not None else fields.SigFieldSpec(
            field_name, on_page=pages - 1, box=stamp.box(page_size(reader, pages - 1)[0])),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    if embed_revocation:
        DocumentSecurityStore.supply_dss_in_writer(
            writer, None, certs=[asn1_certificate(c) for c in (signer.certificate, tsa.certificate,
                                                                *trust.intermediates, trust.root)],
            crls=[asn1_crl.CertificateList.load(c) for c in trust.crls])
    reserved = _reserve(signer, trust, tsa)
    return run_coroutine(lambda: pdf_signer.async_sign_pdf(writer, output=io.BytesIO(), bytes_reserved=reserved)
                         ).getvalue()


def _rect_width(field_ref) -> float:
    """The width of a signature field's widget (its own /Rect, or its single kid's)."""
    field = field_ref.get_object()
    widget = field["/Kids"][0].get_object() if "/Rect" not in field and "/Kids" in field else field
    x1, _y1, x2, _y2 = (float(value) for value in widget["/Rect"])
    return abs(x2 - x1)


def page_size(reader: PdfFileReader, index: int) -> tuple[float, float]:
    """The page's MediaBox (width, height), inherited from the page tree when the page does not say (A4
    otherwise)."""
    node = reader.find_page_for_modification(index)[0].get_object()
    while node is not None and "/MediaBox" not in node:
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    if node is None:
        return 595.0, 842.0
    lower_x, lower_y, upper_x, upper_y = (float(value) for value in node["/MediaBox"])
    return upper_x - lower_x, upper_y - lower_y


def _reserve(signer: KeyHolder, trust: Trust, tsa: KeyHolder) -> int:
    """Room for the CMS signature in hex digits: both certificate chains (the signer's and the timestamp's)
    plus ample room for the signatures and attributes. Said up front, pyHanko skips its dry run (a dummy
    signature and a dummy timestamp, each a private-key operation) that would only measure the same."""
    chain = sum(len(c.public_bytes(serialization.Encoding.DER)) for c in (*trust.intermediates, trust.root))
    ends = sum(len(c.public_bytes(serialization.Encoding.DER)) for c in (signer.certificate, tsa.certificate))
    return 2 * (2 * chain + ends + 8192)


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner parses its DER key again for every signature, and cryptography checks an RSA
    key on every load (~35 ms). This one signs with the key object already in memory."""

    def __init__(self, *, key: PrivateKey, **kwargs):
        super().__init__(**kwargs)
        self._key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        if self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo != "rsassa_pkcs1v15":
            return super().sign_raw(data, digest_algorithm)
        return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


def _signer(holder: KeyHolder, trust: Trust) -> signers.SimpleSigner:
    return _LoadedKeySigner(key=holder.key, signing_cert=asn1_certificate(holder.certificate),
                            signing_key=asn1_key(holder.key), cert_registry=trust.store())


def bare_sign(content: bytes, *, signer: KeyHolder, trust: Trust) -> bytes:
    """The least pyHanko does: an invisible PAdES signature with the chain and nothing else. The bench's
    baseline for what our signatures add (stamp, timestamp, embedded CRLs, second signature)."""
    metadata = signers.PdfSignatureMetadata(field_name="Signature", md_algorithm="sha256",
                                            subfilter=fields.SigSeedSubFilter.PADES)
    simple = signers.SimpleSigner(signing_cert=asn1_certificate(signer.certificate),
                                  signing_key=asn1_key(signer.key), cert_registry=trust.store())
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    return run_coroutine(lambda: signers.async_sign_pdf(writer, metadata, signer=simple, output=io.BytesIO())
                         ).getvalue()


def font_factory(*, italic: bool = False) -> GlyphAccumulatorFactory:
    """The stamp's font (the slips' serif, regular or italic), embedded as a subset of the glyphs used."""
    return GlyphAccumulatorFactory(str(_stamp_font("italic" if italic else "regular")))


# What a stamp may say: Vietnamese (precomposed, NFC) and Latin text, digits and punctuation.
STAMP_UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00),
                  *range(0x2000, 0x2070)]


@lru_cache(maxsize=2)
def _stamp_font(face: str = "regular") -> Path:
    """The slips' font, made ready once per machine (cached under the temporary directory):

    - rescaled to 1,000 units per em: pyHanko writes glyph widths in font units, which PDF reads as
      thousandths of an em, so a font of 2,048 units (Liberation Serif, Roboto) would space the letters
      twice as wide;
    - cut to the characters a stamp may hold, without the layout tables that precomposed Vietnamese does
      not need: pyHanko subsets the font again for every signature, and the full font's tables made that
      the slowest part of signing (about 0.45 s a signature)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = Path(getattr(pdf_faces(), face))
    cache = Path(tempfile.gettempdir()) / "congmotcua-fonts"
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{source.stem}-{source.stat().st_size}-stamp-v1.ttf"
    if not target.exists():
        font = TTFont(str(source))
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        options = subset.Options()
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=STAMP_UNICODES)
        subsetter.subset(font)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(target)
    return target
