"""Signing results: PAdES with a Vietnamese stamp, the chain and CRL embedded, our own timestamp, and the
agency's second signature — checked by our verifier and by poppler's pdfsig."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from signatures import services
from signatures.errors import CertificateUnusable
from signatures.models import CertificateAuthority, SignatureRecord
from signatures.selectors import verification_trust
from signatures.verification import verify_pdf
from tests.signatures.helpers import LEADER_NAME, pdf_bytes, two_page_pdf

pytestmark = pytest.mark.django_db
needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="needs poppler-utils (make test installs it)")


def _verify(content: bytes):
    trust, revoked = verification_trust()
    return verify_pdf(content, trust=trust, revocations=revoked)


def _stamp_texts(content: bytes) -> list[str]:
    """The text of each signature's visible stamp, as the PDF's ActualText carries it."""
    texts = []
    for page in PdfReader(pdf_bytes(content)).pages:
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/FT") != "/Sig":
                continue
            stream = widget["/AP"]["/N"].get_object()
            data = stream.get_data().decode("latin-1")
            texts.append(data)
            for xobject in (stream.get("/Resources", {}).get("/XObject") or {}).values():
                texts.append(xobject.get_object().get_data().decode("latin-1"))
    return texts


def _actual_text(raw: str) -> list[str]:
    import re

    found = []
    for literal in re.findall(r"/ActualText \((.*?)\)\n", raw, flags=re.S):
        data = literal.encode("latin-1").decode("unicode_escape").encode("latin-1")
        found.append(data.decode("utf-16-be").lstrip("\ufeff"))
    return found


@pytest.fixture
def signed(signing):
    signing.issue()
    signing.organisation()
    return signing.sign(two_page_pdf())


def test_a_signed_result_verifies_with_both_signatures(signing, signed):
    report = _verify(signed)
    assert report.ok, [c.problems for c in report.signatures]
    person, organisation = report.signatures
    assert person.signer_name == LEADER_NAME and person.title == "Chủ tịch Ủy ban nhân dân"
    assert person.organisation == "Ủy ban nhân dân phường Hạ Long"
    assert organisation.signer_name == "Ủy ban nhân dân phường Hạ Long"
    assert person.timestamped and organisation.timestamped
    assert organisation.covers_whole_document and person.unchanged_since
    assert SignatureRecord.objects.filter(signer=signing.leader).count() == 2


def test_the_stamp_shows_vietnamese_name_position_agency_and_time(signed):
    lines = [line for raw in _stamp_texts(signed) for line in _actual_text(raw)]
    assert f"Ký bởi: {LEADER_NAME}" in lines
    assert "Chức vụ: Chủ tịch Ủy ban nhân dân" in lines
    assert "Cơ quan: Ủy ban nhân dân phường Hạ Long" in lines
    assert any(line.startswith("Thời gian ký: ") and line.endswith("(GMT+7)") for line in lines)


def test_the_crls_are_embedded_for_offline_validation(signed):
    reader = PdfReader(pdf_bytes(signed))
    dss = reader.trailer["/Root"]["/DSS"]
    embedded = {bytes(crl.get_object().get_data()) for crl in dss["/CRLs"]}
    assert bytes(CertificateAuthority.objects.get(kind="issuing").crl_der) in embedded


@needs_pdfsig
def test_pdfsig_reports_valid_signatures_and_the_last_covers_the_whole_document(signed, tmp_path):
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60).stdout
    blocks = out.split("Signature #")[1:]
    assert len(blocks) == 2
    assert all("Signature Validation: Signature is Valid." in block for block in blocks)
    assert f"Signer Certificate Common Name: {LEADER_NAME}" in blocks[0]
    assert "Total document signed" in blocks[1]


@needs_pdfsig
def test_pdfsig_a_single_signature_covers_the_whole_document(signing, tmp_path):
    """The chain and CRLs are written inside the signed revision, so nothing is appended after it."""
    signing.issue()
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(signing.sign(two_page_pdf()))
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60).stdout
    assert "Signature is Valid." in out and "Total document signed" in out
    assert "Not total document signed" not in out


def test_a_single_changed_byte_makes_verification_fail(signed):
    report = _verify(signed)
    assert report.ok
    # A byte inside the first signature's signed range: the page content the leader approved.
    index = signed.index(b"stream", 200) + 20
    tampered = signed[:index] + bytes([signed[index] ^ 0x01]) + signed[index + 1:]
    report = _verify(tampered)
    assert not report.ok
    assert report.error or any(not check.intact for check in report.signatures)


def test_a_revoked_certificate_cannot_sign(signing):
    certificate = signing.issue()
    services.certificate_revoke(certificate=certificate, admin=signing.admin, reason="key_compromise")
    with pytest.raises(CertificateUnusable) as refused:
        signing.sign(two_page_pdf())
    assert refused.value.message == "You hold no valid signing certificate. Ask the provincial admin for one."


def test_a_key_opened_before_the_revocation_cannot_sign_after_it(signing):
    certificate = signing.issue()
    opened = services.signer_open(user=signing.leader, pin="246813")
    services.certificate_revoke(certificate=certificate, admin=signing.admin, reason="affiliation_changed")
    with pytest.raises(CertificateUnusable) as refused:
        services.document_sign(content=two_page_pdf(), signer=opened, user=signing.leader, purpose="t", reason="r")
    assert refused.value.code == "signatures.revoked"
    assert "it can no longer sign" in refused.value.message


def test_a_signature_made_before_revocation_stays_valid_at_signing_time(signing, time_machine):
    certificate = signing.issue()
    signed = signing.sign(two_page_pdf())
    time_machine.move_to(timezone.now() + dt.timedelta(hours=1))
    services.certificate_revoke(certificate=certificate, admin=signing.admin, reason="key_compromise")
    report = _verify(signed)
    assert report.ok, report.signatures[0].problems
    assert report.signatures[0].revoked_later


def test_an_expired_certificate_cannot_sign(signing, time_machine):
    certificate = signing.issue(validity_days=1)
    holder = services.signer_open(user=signing.leader, pin="246813")
    time_machine.move_to(certificate.not_after, tick=False)
    with pytest.raises(CertificateUnusable) as refused:
        services.document_sign(content=two_page_pdf(), signer=holder, user=signing.leader, purpose="t", reason="r")
    assert refused.value.code == "signatures.expired"


def test_a_document_without_signatures_or_not_a_pdf(signing):
    assert _verify(two_page_pdf()).error == "This PDF document carries no digital signature."
    assert _verify(b"%PDF-1.7 this is not really a PDF").error


def test_a_signature_stays_valid_after_its_certificate_expires(signing, time_machine):
    certificate = signing.issue(validity_days=30)
    signed = signing.sign(two_page_pdf())
    time_machine.move_to(certificate.not_after + dt.timedelta(days=400), tick=False)
    services.crls_refresh()
    report = _verify(signed)
    assert report.ok, report.signatures[0].problems


def test_a_certificate_from_another_authority_does_not_chain_to_our_root(signing):
    from signatures import pdfsign, profile, tokens

    now = timezone.now()
    foreign_key = tokens.new_key(2048)
    foreign_root = profile.root_certificate(key=foreign_key, subject=profile.Subject(common_name="Other CA"),
                                            now=now, days=30)
    key = tokens.new_key(2048)
    leaf = profile.signing_certificate(
        public_key=key.public_key(), subject=profile.Subject(common_name=LEADER_NAME),
        issuer=profile.Issuer(foreign_root, foreign_key), now=now, days=30, crl_url="http://127.0.0.1/x.crl",
        issuer_url="http://127.0.0.1/x.crt")
    forged = pdfsign.bare_sign(two_page_pdf(), signer=pdfsign.KeyHolder(leaf, key),
                               trust=pdfsign.Trust(root=foreign_root, intermediates=(), crls=()))
    report = _verify(forged)
    [check] = report.signatures
    assert not report.ok and check.intact and not check.chains_to_root
    assert "The certificate was not issued by the province's certificate authority." in check.problems


def test_the_stamps_sit_in_the_bottom_corners_of_a_landscape_page(signing):
    from fpdf import FPDF

    signing.issue()
    signing.organisation()
    pdf = FPDF(orientation="landscape")
    pdf.add_page()
    signed = signing.sign(bytes(pdf.output()))
    page = PdfReader(pdf_bytes(signed)).pages[-1]
    width = float(page.mediabox.width)
    boxes = sorted([float(v) for v in a.get_object()["/Rect"]] for a in page["/Annots"])
    assert [round(b[0]) for b in boxes] == [28, int(width) - 28 - 250]
    assert all(b[2] <= width for b in boxes)
    assert _verify(signed).ok


def test_a_tampered_document_is_called_altered_and_its_valid_certificate_is_not_blamed(signed):
    index = signed.index(b"stream", 200) + 20
    tampered = signed[:index] + bytes([signed[index] ^ 0x01]) + signed[index + 1:]
    with translation.override("en"):
        report = _verify(tampered)
    assert not report.ok and not report.error
    check = report.signatures[0]
    assert not check.intact
    assert "The document was changed after it was signed: the signature does not match its content." in check.problems
    assert not any("certificate" in problem for problem in check.problems), check.problems
    assert check.chains_to_root and check.valid_at_signing  # the certificate itself is in order
