"""A small province for signature tests: a CA, an agency with a leader (full Vietnamese name) and an
admin, and helpers to issue certificates through the real services."""

from __future__ import annotations

import io
from dataclasses import dataclass

from fpdf import FPDF

from accounts.models import User
from signatures import services
from signatures.models import Certificate, CertificateRequest
from tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory, UserFactory
from units.models import Agency

PIN = "246813"
LEADER_NAME = "Nguyễn Thị Hồng Nhung"


@dataclass
class SigningWorld:
    agency: Agency
    admin: User
    leader: User
    clerk: User

    def request_for(self, official: User, **kwargs) -> CertificateRequest:
        return services.certificate_request_create(admin=self.admin, official=official, **kwargs)

    def issue(self, official: User | None = None, pin: str = PIN, **kwargs) -> Certificate:
        official = official or self.leader
        request = services.certificate_request_approve(request=self.request_for(official, **kwargs), admin=self.admin)
        return services.certificate_issue(request=request, official=official, pin=pin, pin_confirm=pin)

    def organisation(self) -> Certificate:
        request = services.certificate_request_create(admin=self.admin, agency=self.agency)
        return services.certificate_request_approve(request=request, admin=self.admin).certificate

    def sign(self, content: bytes, *, pin: str = PIN, user: User | None = None) -> bytes:
        user = user or self.leader
        holder = services.signer_open(user=user, pin=pin)
        return services.document_sign(content=content, signer=holder, user=user, purpose="test",
                                       reason="Phê duyệt kết quả", location="Hạ Long")


def make_signing_world() -> SigningWorld:
    services.ca_init()
    province = ProvinceFactory()
    ward = CommuneFactory(name="Phường Hạ Long", kind="ward", parent=province)
    agency = AgencyFactory(code="000.01.49.H49", name="Ủy ban nhân dân phường Hạ Long", unit=ward)
    return SigningWorld(
        agency=agency,
        admin=UserFactory(admin=True, username="quantri", agency=AgencyFactory(unit=province)),
        leader=UserFactory(username="lanhdao", role=User.Role.LEADER, agency=agency, full_name=LEADER_NAME,
                           position="Chủ tịch Ủy ban nhân dân", email="lanhdao@halong.example.vn"),
        clerk=UserFactory(username="vanthu", role=User.Role.CLERK, agency=agency, full_name="Vũ Thị Giang"),
    )


def two_page_pdf(title: str = "Kết quả giải quyết thủ tục hành chính") -> bytes:
    import font_roboto

    pdf = FPDF()
    pdf.add_font("Roboto", "", font_roboto.Roboto)
    pdf.set_font("Roboto", size=13)
    for page in (1, 2):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"{title}\nTrang {page}: Giấy khai sinh của cháu Trần Minh Khôi.")
    return bytes(pdf.output())


def pdf_bytes(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)
