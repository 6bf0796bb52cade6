"""Demo dossiers at the Hạ Long ward centre, one in each stage, walked there through the real services so
a newcomer finds work on every desk: the online queue, a supplement answered back on the desk, a walk-in
received at the counter, each step's worklist, a draft result (the birth extract) awaiting the leader's
approval, a supplement request, a result to return and one returned and rated — both numbered in the ward's
outgoing register ("01/TLKS-UBND") and signed with the ward's organisation certificate. Loaded once: if the
demo citizen already has dossiers, nothing is added."""

from __future__ import annotations

import font_roboto
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from fpdf import FPDF

from accounts.models import User
from demo.data import accounts as account_data
from demo.data import forms as form_data
from demo.data.accounts import SIGNING_PIN
from dossiers.models import Dossier
from dossiers.services import (
    ApplicantData,
    dossier_create_at_counter,
    dossier_draft_save,
    dossier_rate,
    dossier_receive,
    dossier_request_supplement,
    dossier_return,
    dossier_submit,
    dossier_supplement,
    result_draft_attach,
    step_complete,
    step_complete_with_pin,
)
from procedures.models import ProcedureVersion
from signatures.selectors import signing_certificate_for
from units.models import ServiceCentre

PROCEDURE = "1.001193"  # Đăng ký khai sinh, received at every communal centre
CENTRE = "ha-long"
SIGNER = "phochutich.halong"
WALK_IN = ApplicantData(name="Trần Thị Mai", cccd="022185004321", phone="0987654321",
                        address="Tổ 3, khu 5, phường Hạ Long")


def _paper(title: str) -> SimpleUploadedFile:
    """A one-page PDF standing in for a scanned paper."""
    pdf = FPDF()
    pdf.add_font("demo", fname=font_roboto.Roboto)
    pdf.add_page()
    pdf.set_font("demo", size=14)
    pdf.multi_cell(0, 8, f"{title}\n(bản quét mẫu của dữ liệu trình diễn)")
    return SimpleUploadedFile(f"{title}.pdf", bytes(pdf.output()), content_type="application/pdf")


@transaction.atomic
def dossier_through(dossier: Dossier, last_step: int, *, users: dict[int, User], pin: str) -> Dossier:
    """Complete the steps still to do up to ``last_step`` (receiving did the officer's first one): the
    specialist drafts the extract from the template, the vice-chair signs it with the demo PIN, the ward's
    clerk numbers it in the outgoing register and the ward's certificate signs it."""
    done = set(dossier.steps.filter(state="done").values_list("position", flat=True))
    for position in range(1, last_step + 1):
        if position in done:
            continue
        if position == 2:
            result_draft_attach(dossier=dossier, position=position, user=users[2], generate=True,
                                note="Hồ sơ đủ điều kiện; kính trình lãnh đạo ký.")
        if position == 3 and pin:
            step_complete_with_pin(dossier=dossier, position=position, user=users[3], pin=pin)
        else:
            step_complete(dossier=dossier, position=position, user=users[position])
    return dossier


def demo_dossiers_load() -> int:
    """Create the demo dossiers; returns how many (0 when they exist already or the demo is incomplete)."""
    citizen = User.objects.filter(username=account_data.CITIZEN["cccd"]).first()
    if citizen is None or Dossier.objects.filter(applicant=citizen).exists():
        return 0
    version = ProcedureVersion.objects.current().filter(procedure__code=PROCEDURE).first()
    centre = ServiceCentre.objects.filter(slug=CENTRE).first()
    staff = {u.username: u for u in User.objects.filter(
        username__in=["motcua.halong", "chuyenvien.halong", "lanhdao.halong", "vanthu.halong", SIGNER])}
    if version is None or centre is None or len(staff) < 4:
        return 0
    officer, specialist = staff["motcua.halong"], staff["chuyenvien.halong"]
    # The vice-chair holds a certificate from the start (demo.signatures) and signs the results; the chair
    # gets one once the admin approves his request.
    leader, clerk = staff.get(SIGNER) or staff["lanhdao.halong"], staff["vanthu.halong"]
    pin = SIGNING_PIN if signing_certificate_for(leader) is not None else ""
    components = [c for c in version.components.all() if c.must_attach]
    applicant = ApplicantData(name=citizen.full_name, cccd=citizen.cccd, phone=citizen.phone,
                              email=citizen.email, address="Tổ 1, khu 2, phường Hạ Long")

    today = timezone.localdate()
    submitted = iter(range(100))

    def online(request: str) -> Dossier:
        # The paper the e-form stands for is printed from the answers at submission, not scanned.
        uploads = {c.pk: _paper(c.name) for c in components if not c.filled_by_form}
        draft = dossier_draft_save(citizen=citizen, version=version, centre=centre, applicant=applicant,
                                   description=request, uploads=uploads,
                                   form_data=form_data.birth_answers(next(submitted), today))
        return dossier_submit(dossier=draft, citizen=citizen)

    def through(dossier: Dossier, last_step: int) -> Dossier:
        return dossier_through(dossier, last_step, users={1: officer, 2: specialist, 3: leader, 4: clerk}, pin=pin)

    online("Đăng ký khai sinh cho con thứ hai")  # waits in the centre's online queue
    # Asked for a supplement at the check and answered by the citizen: back on the desk to check again.
    again = online("Đăng ký khai sinh, nộp lại sau khi bổ sung")
    dossier_request_supplement(dossier=again, user=officer, reason="Tờ khai chưa ghi ngày sinh của trẻ.",
                               items=["Tờ khai đăng ký khai sinh (ghi đủ ngày sinh)"])
    dossier_supplement(dossier=again, user=citizen, note="Tôi đã ghi bổ sung ngày sinh vào tờ khai.",
                       uploads={components[0].pk: _paper(components[0].name)} if components else {})
    # A walk-in: filed and received at the counter in one go (the receipt slip is ready to print).
    dossier_create_at_counter(officer=officer, version=version, applicant=WALK_IN,
                              description="Đăng ký khai sinh cho con", form_data=form_data.walk_in_answers(today),
                              uploads={c.pk: _paper(c.name) for c in components if not c.filled_by_form})
    dossier_receive(dossier=online("Đăng ký khai sinh (nộp lần đầu)"), officer=officer)  # with the specialist
    # The leader's approval: the specialist's draft result awaits review and signature.
    approval = dossier_receive(dossier=online("Đăng ký khai sinh cho cháu"), officer=officer)
    result_draft_attach(dossier=approval, position=2, user=specialist, generate=True,
                        note="Hồ sơ đủ điều kiện; kính trình lãnh đạo xem xét, ký duyệt.")
    step_complete(dossier=approval, position=2, user=specialist)
    waiting = dossier_receive(dossier=online("Đăng ký khai sinh, bổ sung giấy chứng sinh"), officer=officer)
    dossier_request_supplement(dossier=waiting, user=specialist, reason="Giấy chứng sinh bị mờ, không đọc được.",
                               items=["Giấy chứng sinh (bản chụp rõ nét)"])
    through(dossier_receive(dossier=online("Đăng ký khai sinh, chờ nhận kết quả"), officer=officer), 4)
    done = through(dossier_receive(dossier=online("Đăng ký khai sinh đã hoàn thành"), officer=officer), 4)
    dossier_return(dossier=done, user=officer)
    dossier_rate(dossier=done, citizen=citizen, score="very_satisfied", comment="Cán bộ hướng dẫn tận tình.")
    return Dossier.objects.filter(centre=centre).count()
