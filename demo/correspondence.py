"""The demo's official correspondence (demo/data/correspondence.py), walked through the real services of
documents/ so every row is what the portal itself would have written: paper documents the ward's clerk
received over the last weeks, registered, directed, handled, answered or returned; what the provincial
Office issued to the ward; the ward's drafts in review, sent back, awaiting the chair's signature, signed
awaiting a number, issued to the Office (whose clerk registered or directed some) and one recalled; two work
files, one closed.

Numbers are never typed: registers number in the order the services are called, which is the order of the
dates. The incoming flow's services take the moment they act (``now``): a paper document arrived, was
registered and directed on past working days, so its deadlines run from then; those steps' trail entries
are dated the same moment afterwards (the trail's service writes the present time). Whatever is signed —
by the ward's vice-chair and the Office's chief, with the demo PIN — is signed, numbered and issued today.

Loaded once, all or nothing: the ward's closed work file is written last, so once it exists a run costs one
query."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from fpdf import FPDF

from accounts.models import User
from demo.data import correspondence as data
from demo.data.accounts import DEMO_COMMUNE, SIGNING_PIN
from demo.documents import _agency
from documents.models import Document, DocumentEvent, DocumentType, OrgUnit, WorkFile
from documents.services import incoming, outgoing, workfiles
from documents.services.handling import (
    DirectionLine,
    incoming_assign,
    incoming_comment,
    incoming_complete,
    incoming_direct,
)
from documents.uploads import check_pdf_content
from portal.fonts import pdf_faces
from signatures import services as signature_services
from signatures.models import Certificate
from units.calendar import is_working_day
from units.models import Agency

STAFF = ("vanthu.halong", "lanhdao.halong", "phochutich.halong", "truongphong.halong", "chuyenvien.halong",
         "vanthu.tinh", "lanhdao.vpubnd")
LAST_FILE = data.WORK_FILES[-1][2]  # the closed work file: written last


@dataclass
class Cast:
    ward: Agency
    office: Agency
    users: dict[str, User]
    units: dict[str, OrgUnit]  # the ward's, by code
    office_unit: OrgUnit  # the Office's general affairs unit (its clerk's)
    types: dict[str, DocumentType]
    year: int
    now: dt.datetime

    def user(self, name: str) -> User:
        return self.users[name]

    def text(self, value: str) -> str:
        return value.format(year=self.year, next=self.year + 1)


def demo_correspondence_load() -> int:
    """Load the demo's documents; returns how many (0 when they are there already, or the demo lacks an
    official, a register or a certificate they need)."""
    if WorkFile.objects.filter(agency__unit__code=DEMO_COMMUNE, notation=LAST_FILE).exists():
        return 0
    cast = _cast()
    if cast is None:
        return 0
    with transaction.atomic():
        return _load(cast)


def _cast() -> Cast | None:
    ward, office = _agency(DEMO_COMMUNE), _agency("vp-ubnd")
    users = {user.username: user for user in User.objects.filter(username__in=STAFF, is_active=True)}
    if ward is None or office is None or len(users) < len(STAFF):
        return None
    signers = Certificate.objects.filter(kind=Certificate.Kind.PERSONAL, revoked_at__isnull=True,
                                         holder__username__in=("phochutich.halong", "lanhdao.vpubnd"))
    agencies = Certificate.objects.filter(kind=Certificate.Kind.ORGANISATION, revoked_at__isnull=True,
                                          agency__in=(ward, office))
    if signers.count() < 2 or agencies.values("agency").distinct().count() < 2:
        return None
    units = {unit.code: unit for unit in OrgUnit.objects.filter(agency=ward)}
    office_unit = OrgUnit.objects.filter(agency=office, memberships__user=users["vanthu.tinh"]).first()
    if not {"VP", "VHXH", "KT"} <= set(units) or office_unit is None:
        return None
    types = {t.code: t for t in DocumentType.objects.filter(is_active=True)}
    if not {item["type"] for item in (*data.PAPER, *data.OUTGOING, *data.OFFICE)} <= set(types):
        return None  # an admin retired a kind the demo uses
    now = timezone.now()
    return Cast(ward=ward, office=office, users=users, units=units, office_unit=office_unit, types=types,
                year=timezone.localdate(now).year, now=now)


def _load(cast: Cast) -> int:
    keys = {"signers": {name: signature_services.signer_open(user=cast.user(name), pin=SIGNING_PIN)
                        for name in ("phochutich.halong", "lanhdao.vpubnd")}}
    paper, earlier = {}, []
    for item in sorted(data.PAPER, key=lambda item: -item["ago"]):  # as they arrived
        paper[item["key"]] = _paper(cast, item, slot=sum(other["ago"] == item["ago"] for other in earlier))
        earlier.append(item)
    sent = {item["key"]: _from_office(cast, item, keys) for item in data.OFFICE}
    drafted = {}
    for item in data.OUTGOING:
        drafted[item["key"]] = _outgoing(cast, item, keys, paper=paper, office=sent)
    for clerk, unit, notation, title, maintenance, ago, closed, entries in data.WORK_FILES:
        documents = [paper[key[6:]] if key.startswith("paper:") else drafted[key[4:]] for key in entries]
        _work_file(cast, clerk=clerk, unit=unit, notation=notation, title=cast.text(title), maintenance=maintenance,
                   ago=ago, closed=closed, documents=documents)
    return Document.objects.filter(agency__in=(cast.ward, cast.office)).count()


# -- when things happened ----------------------------------------------------------------------------------

def _moment(cast: Cast, ago: int, hour: int, minute: int = 0) -> dt.datetime:
    """``ago`` working days before today, ``minute`` minutes after ``hour`` o'clock; early this morning if that
    is still to come (in the same order)."""
    day, left = timezone.localdate(cast.now), ago
    while left > 0:
        day -= dt.timedelta(days=1)
        left -= is_working_day(day)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour))) + dt.timedelta(minutes=minute)
    return min(moment, cast.now - dt.timedelta(minutes=max(1, 120 - minute)))


@contextmanager
def _dated(moment: dt.datetime):
    """The trail entries written inside the block dated ``moment``, the step they record happened then."""
    last = DocumentEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    DocumentEvent.objects.filter(id__gt=last).update(at=moment)


# -- paper documents ---------------------------------------------------------------------------------------

def _scan(cast: Cast, item: dict, issued: dt.date) -> bytes:
    """A page standing in for the scanned paper: the sender, its number and date, the kind and subject (two
    faces of the documents' serif: a demo load makes a dozen of these)."""
    pdf = FPDF(format="A4")
    faces = pdf_faces().by_style()
    for style in ("", "B"):
        pdf.add_font("serif", style, faces[style])
    pdf.set_margins(30, 20, 15)
    pdf.add_page()
    pdf.set_font("serif", "B", 12)
    pdf.multi_cell(90, 6, item["sender"].upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", "", 12)
    pdf.cell(90, 7, f"Số: {item['number']}/{item['notation']}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, f"Quảng Ninh, ngày {issued:%d} tháng {issued:%m} năm {issued.year}", align="R",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    kind = cast.types[item["type"]]
    if kind.abbreviation:
        pdf.set_font("serif", "B", 14)
        pdf.cell(0, 8, kind.name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 7, cast.text(item["subject"]), align="C", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(90, 6, "V/v " + cast.text(item["subject"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("serif", "", 13)
    pdf.multi_cell(0, 7, "Kính gửi: Ủy ban nhân dân phường Hạ Long.\n\n(Bản quét văn bản giấy của dữ liệu trình "
                         "diễn.)", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    position, name = item["signer"]
    pdf.set_font("serif", "B", 13)
    pdf.cell(0, 7, position.upper(), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(18)
    pdf.cell(0, 7, name, align="R")
    return bytes(pdf.output())


def _paper(cast: Cast, item: dict, *, slot: int) -> Document:
    """``slot``: how many arrived earlier the same day."""
    clerk, chair = cast.user("vanthu.halong"), cast.user("lanhdao.halong")
    specialist, head = cast.user("chuyenvien.halong"), cast.user("truongphong.halong")
    ago, fate = item["ago"], item["fate"]
    arrived = _moment(cast, ago, 8, 5 + 35 * slot)
    issued = _moment(cast, ago + 2, 9).date()
    organ = _agency(item["organ"]) if item.get("organ") else None
    subject = cast.text(item["subject"])
    checked = check_pdf_content(_scan(cast, item, issued), name=f"{item['key']}.pdf", label="Văn bản")
    with _dated(arrived):
        document = incoming.incoming_receive_paper(
            clerk=clerk, file=checked, document_type=cast.types[item["type"]], subject=subject,
            organ_name=organ.name if organ else item["sender"], organ_id=organ.code if organ else "",
            code_number=item["number"], code_notation=item["notation"], issued_date=issued,
            signer_position=item["signer"][0], signer_name=item["signer"][1], urgency=item.get("urgency", 0),
            secrecy=item.get("secrecy", 0), page_amount=item["pages"], arrival_at=arrived, now=arrived)
    if fate == "arrived":
        return document
    if fate == "refused":
        with _dated(arrived + dt.timedelta(minutes=40)):
            return incoming.incoming_refuse(document=document, clerk=clerk, reason=item["reason"])
    registered = arrived + dt.timedelta(minutes=20)
    with _dated(registered):
        document = incoming.incoming_register(document=document, clerk=clerk, now=registered,
                                              present_to=chair if fate == "secret" else None)
    if fate in ("registered", "secret"):
        return document
    directed = _moment(cast, ago - 1, 9, 30)
    unit = fate in ("unit", "done") and item["key"] != "du-lich-cuoi-nam"
    line = (DirectionLine(role="lead", unit=cast.units["VHXH"], days=item["days"]) if unit else
            DirectionLine(role="lead", user=specialist, days=item["days"]))
    with _dated(directed):
        document = incoming_direct(document=document, actor=chair, now=directed, lines=[line],
                                   note="Giao Phòng Văn hóa - Xã hội chủ trì, tham mưu giải quyết." if unit else
                                   "Đồng chí Dung nghiên cứu, tham mưu giải quyết đúng thời hạn.")
    if unit and fate == "done":
        assigned = directed + dt.timedelta(hours=2)
        with _dated(assigned):
            incoming_assign(document=document, head=head, assignment=document.assignments.get(), user=specialist,
                            now=assigned, instruction="Đồng chí Dung phối hợp với Ủy ban Mặt trận Tổ quốc phường "
                                                      "triển khai.")
    if fate == "started":
        with _dated(_moment(cast, ago - 3, 15)):
            document = incoming_comment(document=document, actor=specialist, text=item["comment"])
    if fate == "done":
        finished = _moment(cast, ago - item["days"] + 1, 16)
        with _dated(finished):
            document = incoming_complete(document=document, actor=specialist, result=item["result"], now=finished)
    return document


# -- documents issued by the provincial Office to the ward ------------------------------------------------

def _from_office(cast: Cast, item: dict, keys: dict) -> Document:
    clerk, chief = cast.user("vanthu.tinh"), cast.user("lanhdao.vpubnd")
    document = outgoing.outgoing_create(
        actor=clerk, document_type=cast.types[item["type"]], subject=cast.text(item["subject"]), signer=chief,
        recipients=[outgoing.RecipientSpec(agency=cast.ward)], drafting_unit=cast.office_unit,
        urgency=item.get("urgency", 0), authority_line=data.OFFICE_AUTHORITY,
        body="\n".join(cast.text(line) for line in item["body"]))
    document = outgoing.outgoing_submit(document=document, actor=clerk)  # its unit has no head: to the chief
    document = outgoing.outgoing_sign(document=document, actor=chief, signer=keys["signers"]["lanhdao.vpubnd"])
    document = outgoing.outgoing_number_and_issue(document=document, actor=clerk)
    copy = Document.objects.get(delivery__document=document)
    return _received(cast, copy, item.get("ward", "arrived"), days=item.get("days"), agency="ward")


def _received(cast: Cast, copy: Document, fate: str, *, days: int | None = None, agency: str) -> Document:
    """What the recipient agency did today with its copy of a document issued in the portal."""
    copy = incoming.incoming_check(document=copy)  # as the worker does once the issue commits
    if fate == "arrived":
        return copy
    clerk = cast.user("vanthu.halong" if agency == "ward" else "vanthu.tinh")
    leader = cast.user("lanhdao.halong" if agency == "ward" else "lanhdao.vpubnd")
    copy = incoming.incoming_register(document=copy, clerk=clerk)
    if fate == "registered":
        return copy
    if agency == "ward":
        line = DirectionLine(role="lead", user=cast.user("chuyenvien.halong"), days=days or 5)
        note = "Đồng chí Dung rà soát, dự thảo báo cáo trình lãnh đạo ký."
    else:
        line = DirectionLine(role="lead", unit=cast.office_unit, days=days or 5)
        note = "Giao Phòng Tổng hợp nghiên cứu, tổng hợp, báo cáo."
    copy = incoming_direct(document=copy, actor=leader, note=note, lines=[line])
    if fate == "started":
        copy = incoming_comment(document=copy, actor=cast.user("chuyenvien.halong"),
                                text="Đang tổng hợp số liệu từ 12 khu phố; dự thảo báo cáo trình trong tuần.")
    return copy


# -- the ward's outgoing documents ---------------------------------------------------------------------------

def _recipients(cast: Cast, keys: list[str]) -> list[outgoing.RecipientSpec]:
    return [outgoing.RecipientSpec(unit=cast.units[key[5:]]) if key.startswith("unit:") else
            outgoing.RecipientSpec(agency=_agency(key)) for key in keys]


def _outgoing(cast: Cast, item: dict, keys: dict, *, paper: dict, office: dict) -> Document:
    drafter, head, clerk = cast.user("chuyenvien.halong"), cast.user("truongphong.halong"), cast.user("vanthu.halong")
    signer = cast.user("lanhdao.halong" if item["signer"] == "chair" else "phochutich.halong")
    reply_to = item.get("reply_to", "")
    answered = (paper if reply_to.startswith("paper:") else office).get(reply_to.split(":", 1)[-1])
    document = outgoing.outgoing_create(
        actor=drafter, document_type=cast.types[item["type"]], subject=cast.text(item["subject"]), signer=signer,
        recipients=_recipients(cast, item["to"]), drafting_unit=cast.units["VHXH"], urgency=item.get("urgency", 0),
        body="\n".join(cast.text(line) for line in item["body"]), reply_to=answered)
    state = item["state"]
    if state == "draft":
        return document
    document = outgoing.outgoing_submit(document=document, actor=drafter, note="Kính trình lãnh đạo phòng xem xét.")
    if state == "in_review":
        return document
    if state == "sent_back":
        return outgoing.outgoing_send_back(document=document, actor=head, note=item["note"])
    document = outgoing.outgoing_approve(document=document, actor=head, note="Đồng ý, kính trình lãnh đạo ký.")
    if state == "to_sign":
        return document
    document = outgoing.outgoing_sign(document=document, actor=signer, signer=keys["signers"][signer.username])
    if state == "signed":
        return document
    document = outgoing.outgoing_number_and_issue(document=document, actor=clerk)
    for recipient in document.recipients.filter(agency=cast.office):
        _received(cast, Document.objects.get(delivery=recipient), item.get("office", "arrived"), agency="office")
    if state == "recalled":
        document = outgoing.outgoing_recall(document=document, actor=clerk, reason=item["reason"])
    return document


# -- work files -------------------------------------------------------------------------------------------

def _work_file(cast: Cast, *, clerk: str, unit: str, notation: str, title: str, maintenance: str, ago: int,
               closed: bool, documents: list[Document]) -> WorkFile:
    keeper = cast.user(clerk)
    work_file = workfiles.workfile_open(user=keeper, notation=notation, title=title, maintenance=maintenance,
                                        unit=cast.units[unit], start_date=_moment(cast, ago, 8).date())
    for document in documents:
        workfiles.workfile_document_add(work_file=work_file, document=document, user=keeper)
    if closed:
        work_file = workfiles.workfile_close(work_file=work_file, user=keeper)
    return work_file
