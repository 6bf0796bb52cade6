"""The axis part's cast and documents (issue 13 §5), in the bench database through the ORM and the services:
a People's Committee with its registers and officials, the certificate authority, the leader's signing
certificate and the agency's organisation certificate (whose key signs every package's XML signature), and
one document drafted, reviewed, signed, numbered and issued to the ministry through the services end to end
— the template.

Issuing every timed document through the services would take seconds each (two PDF signatures), so the
timed documents are made in bulk as ``outgoing_number`` leaves one (signed, numbered, its main file
stored through ``documents.services.files.file_store``: the template's signed ~200 KB PDF), and then
issued by the real ``outgoing_issue``, which writes each outbox message as in production
(``documents.exchange.issue_enqueue``)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from documents.models import (
    Document,
    DocumentFile,
    DocumentType,
    OrgUnit,
    Recipient,
    Register,
    UnitMembership,
)
from documents.services import outgoing
from documents.services.files import file_read, file_store
from signatures import services as signatures
from units.models import AdministrativeUnit, Agency

AGENCY_CODE = "000.00.71.H22"
MINISTRY, MINISTRY_NAME = "000.00.00.G09", "Bộ Nội vụ"  # an external organ of the mock axis
PIN = "246813"
PDF_BYTES = 200_000  # the issued file's size the issue asks for (a few pages and a scanned annex)
OVERHEAD = 110_000  # what the text, its font and the two signatures (chains, CRLs, timestamp) add


@dataclass
class AxisWorld:
    agency: Agency
    clerk: User
    leader: User
    specialist: User
    head: User
    letter: DocumentType
    template: Document
    main: bytes  # the template's issued main file: signed by the leader, then by the agency


def body_pdf(*, target: int = PDF_BYTES) -> bytes:
    """A draft of about ``target`` bytes once signed: two pages of text in Vietnamese and a scanned annex (an
    image of noise, which no compression shrinks, so the size is what the bytes say)."""
    import font_roboto
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_font("Roboto", "", font_roboto.Roboto)
    pdf.set_font("Roboto", size=12)
    for page in (1, 2):
        pdf.add_page()
        pdf.multi_cell(0, 7, f"Về việc báo cáo kết quả vận hành chính quyền địa phương hai cấp — trang {page}\n"
                       + "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025; " * 30)
    side = int(max(target - OVERHEAD, 10_000) ** 0.5)
    noise = random.Random(13).randbytes(side * side)
    pdf.add_page()
    pdf.image(Image.frombytes("L", (side, side), noise), x=20, y=20, w=170)
    return bytes(pdf.output())


def build(*, log=print) -> AxisWorld:
    signatures.ca_init()  # the signing part may have made it already in this run
    province = AdministrativeUnit.objects.create(code="A22", name="Tỉnh Liên Thông", kind="province")
    agency = Agency.objects.create(code=AGENCY_CODE, name="Ủy ban nhân dân tỉnh Liên Thông", unit=province,
                                   is_people_committee=True)
    office = OrgUnit.objects.create(agency=agency, code="VP", name="Văn phòng")
    culture = OrgUnit.objects.create(agency=agency, code="VX", name="Phòng Văn hóa - Xã hội")

    def official(role, username, full_name, unit=None, head=False):
        user = User.objects.create(username=f"bench.lt.{username}", full_name=full_name, role=role, agency=agency)
        if unit is not None:
            UnitMembership.objects.create(unit=unit, user=user, is_head=head)
        return user

    clerk = official(User.Role.CLERK, "vanthu", "Lê Thị Văn Thư", office)
    leader = official(User.Role.LEADER, "chutich", "Trần Văn Chủ Tịch")
    head = official(User.Role.SPECIALIST, "truongphong", "Phạm Văn Trưởng", culture, head=True)
    specialist = official(User.Role.SPECIALIST, "chuyenvien", "Nguyễn Thị Chuyên", culture)
    for direction, name in (("outgoing", "Sổ văn bản đi"), ("incoming", "Sổ văn bản đến")):
        Register.objects.create(agency=agency, direction=direction, name=name)
    admin = User.objects.create(username="bench.lt.quantri", full_name="Quản Trị Liên Thông", role=User.Role.ADMIN,
                                agency=agency)
    request = signatures.certificate_request_create(admin=admin, official=leader)
    request = signatures.certificate_request_approve(request=request, admin=admin)
    signatures.certificate_issue(request=request, official=leader, pin=PIN, pin_confirm=PIN)
    organisation = signatures.certificate_request_create(admin=admin, agency=agency)
    signatures.certificate_request_approve(request=organisation, admin=admin)
    letter = DocumentType.objects.get(code="cong-van")
    world = AxisWorld(agency=agency, clerk=clerk, leader=leader, specialist=specialist, head=head, letter=letter,
                      template=None, main=b"")
    started = time.monotonic()
    world.template = issue_through_services(world, subject="Về việc báo cáo kết quả vận hành chính quyền địa "
                                                           "phương hai cấp")
    main = world.template.files.get(kind=DocumentFile.Kind.MAIN)
    world.main = file_read(main)
    log(f"  the template issued through the services in {time.monotonic() - started:.1f} s: "
        f"{world.template.number_display}, main file {len(world.main):,} bytes")
    return world


def issue_through_services(world: AxisWorld, *, subject: str) -> Document:
    """Draft (an uploaded PDF), submit, approve, sign with the PIN, number and issue: the whole flow."""
    upload = SimpleUploadedFile("bao-cao.pdf", body_pdf(), content_type="application/pdf")
    document = outgoing.outgoing_create(
        actor=world.specialist, document_type=world.letter, subject=subject, signer=world.leader, upload=upload,
        recipients=[outgoing.RecipientSpec(external_name=MINISTRY_NAME, external_organ_id=MINISTRY)])
    document = outgoing.outgoing_submit(document=document, actor=world.specialist)
    document = outgoing.outgoing_approve(document=document, actor=world.head)
    document = outgoing.outgoing_sign_with_pin(document=document, actor=world.leader, pin=PIN)
    return outgoing.outgoing_number_and_issue(document=document, actor=world.clerk)


def numbered(world: AxisWorld, count: int, *, first: int, log=print) -> list[Document]:
    """``count`` documents as ``outgoing_number`` leaves them (signed, numbered ``first``, ``first`` + 1, … in
    the template's register and year, today's date), each to the ministry, each with its main file stored by
    ``file_store`` (the template's bytes). Not issued yet."""
    template, started = world.template, time.monotonic()
    recipient = template.recipients.get()  # the ministry as the draft's form wrote it (its code normalised)
    copied = {name: getattr(template, name) for name in (
        "agency_id", "direction", "document_type_id", "register_id", "year", "code_notation", "issued_date",
        "organ_id", "organ_name", "page_amount", "signer_position", "signer_name", "signer_id", "authority_line",
        "drafting_unit_id", "created_by_id", "source", "urgency")}
    with transaction.atomic():
        documents = Document.objects.bulk_create(
            Document(**copied, state=Document.State.SIGNED, code_number=f"{number:02d}",
                     subject=f"{template.subject} (văn bản số {number})")
            for number in range(first, first + count))
        Recipient.objects.bulk_create(Recipient(document=document, external_name=recipient.external_name,
                                                external_organ_id=recipient.external_organ_id)
                                      for document in documents)
        for document in documents:
            file_store(document=document, kind=DocumentFile.Kind.MAIN, content=world.main, user=world.clerk,
                       name=f"{document.code_number}-{document.code_notation}.pdf".replace("/", "-"))
    log(f"  {count} numbered documents with their files in {time.monotonic() - started:.1f} s")
    return documents


def issue(world: AxisWorld, document: Document) -> Document:
    """The clerk issues it (its own transaction): the outbox message is written, the relay kicked on commit."""
    return outgoing.outgoing_issue(document=document, actor=world.clerk)
