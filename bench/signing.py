"""The signing figures: milliseconds per document to sign a 2-page result as the product does (the
leader's PAdES signature with its stamp, timestamp and CRLs in the DSS, then the agency's second
signature) and to verify it, against a bare pyHanko sign of the same file with the same key (an invisible
PAdES signature with the chain, nothing else), measured in the same run. Runs in this process on the
bench database; every loop is bounded in count and time."""

from __future__ import annotations

import statistics
import time

from django.conf import settings

PIN = "246813"


def two_page_result() -> bytes:
    import font_roboto
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Roboto", "", font_roboto.Roboto)
    pdf.set_font("Roboto", size=12)
    for page in (1, 2):
        pdf.add_page()
        pdf.multi_cell(0, 7, f"QUYẾT ĐỊNH về việc đăng ký khai sinh — trang {page}\n" + "Căn cứ Luật Hộ tịch; " * 60)
    return bytes(pdf.output())


def _world():
    from accounts.models import User
    from signatures import services
    from units.models import AdministrativeUnit, Agency

    services.ca_init()
    province, _ = AdministrativeUnit.objects.get_or_create(code="22", defaults={"name": "Tỉnh Quảng Ninh",
                                                                              "kind": "province"})
    agency, _ = Agency.objects.get_or_create(code="000.99.99.H49", defaults={
        "name": "Ủy ban nhân dân phường Ký Số", "unit": province, "is_people_committee": True})
    admin, _ = User.objects.get_or_create(username="bench.quantri", defaults={
        "role": User.Role.ADMIN, "agency": agency, "full_name": "Quản Trị Bench"})
    leader, created = User.objects.get_or_create(username="bench.lanhdao", defaults={
        "role": User.Role.LEADER, "agency": agency, "full_name": "Nguyễn Thị Hồng Nhung",
        "position": "Chủ tịch Ủy ban nhân dân phường"})
    if created:
        request = services.certificate_request_create(admin=admin, official=leader)
        request = services.certificate_request_approve(request=request, admin=admin)
        services.certificate_issue(request=request, official=leader, pin=PIN, pin_confirm=PIN)
        organisation = services.certificate_request_create(admin=admin, agency=agency)
        services.certificate_request_approve(request=organisation, admin=admin)
    return leader


def _ms(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def figures(*, documents: int = 20, max_seconds: float = 60) -> dict:
    from signatures import authority, pdfsign, selectors, services
    from signatures.verification import verify_pdf

    leader = _world()
    content = two_page_result()
    holder = services.signer_open(user=leader, pin=PIN)
    trust = authority.trust()
    # Warm both paths once (fonts, first imports), then alternate them so load on the machine hits both.
    pdfsign.bare_sign(content, signer=holder, trust=trust)
    signed = services.document_sign(content=content, signer=holder, user=leader, purpose="bench", reason="bench")
    bare: list[float] = []
    product: list[float] = []
    opened: list[float] = []
    verified: list[float] = []
    began, report = time.monotonic(), None
    for _ in range(documents):
        took, _bare = _ms(lambda: pdfsign.bare_sign(content, signer=holder, trust=trust))
        bare.append(took)
        took, _holder = _ms(lambda: services.signer_open(user=leader, pin=PIN))
        opened.append(took)
        took, signed = _ms(lambda: services.document_sign(content=content, signer=holder, user=leader,
                                                          purpose="bench", reason="bench"))
        product.append(took)
        trust_now, revoked = selectors.verification_trust()
        took, report = _ms(lambda signed=signed, trust_now=trust_now, revoked=revoked: verify_pdf(
            signed, trust=trust_now, revocations=revoked))
        verified.append(took)
        assert report.ok, [c.problems for c in report.signatures]
        if time.monotonic() - began > max_seconds:
            break
    median = statistics.median
    return {
        "documents": len(product), "pages": 2, "input_bytes": len(content), "signed_bytes": len(signed),
        "signatures_per_document": len(report.signatures), "key_bits": settings.SIGNATURES_KEY_BITS,
        "bare_sign_ms": median(bare), "pin_open_ms": median(opened), "sign_ms": median(product),
        "verify_ms": median(verified), "sign_ratio": median(product) / median(bare),
        "verify_ratio": median(verified) / median(bare),
    }


if __name__ == "__main__":  # pragma: no cover - python -m bench.signing, against the configured database
    import django

    django.setup()
    print(figures(documents=5))
