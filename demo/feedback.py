"""Demo petitions (phản ánh, kiến nghị) and hotline calls, walked through the real services so every desk has
work: one waiting to be classified (about a demo dossier), one waiting for the citizen's information, one being
handled, an answer awaiting the leader's approval, one awaiting publication, one published and rated, one not
accepted, one forwarded outside the portal, one forwarded to the Hạ Long ward — and one overdue for weeks,
escalated to the centre's director and then to the provincial admin. Its dates are moved back in time after
the services wrote them (a demo has no past of its own). Loaded once: nothing is added when petitions exist."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F

from accounts.models import User
from demo.data import accounts as account_data
from dossiers.models import Dossier
from feedback import deadlines
from feedback.models import HotlineCall, Petition, PetitionEvent
from feedback.services import (
    CallInput,
    PetitionInput,
    hotline_call_record,
    petition_approve_answer,
    petition_classify,
    petition_forward,
    petition_propose_answer,
    petition_rate,
    petition_refuse,
    petition_request_info,
    petition_submit,
    petitions_escalate,
)
from hotlines.models import Hotline
from units.models import Agency

WARD = "06688"  # Phường Hạ Long


def _input(title: str, content: str, **extra) -> PetitionInput:
    values = {"name": "Nguyễn Văn An", "address": "Tổ 1, khu 2, phường Hạ Long", "phone": "0912345678",
              "email": "nguyenvanan@example.com"}
    values.update(extra)
    return PetitionInput(title=title, content=content, **values)


def _backdate(petition: Petition, *, days: int) -> None:
    """Move the petition and its history ``days`` back, and its deadlines with them (on the calendar)."""
    shift = dt.timedelta(days=days)
    petition.refresh_from_db()
    petition.submitted_at -= shift
    received = petition.received_at - shift
    deadlines.set_receipt(petition, at=received)
    deadlines.set_category(petition)
    petition.deadline_at = deadlines.next_deadline(petition)
    if petition.classified_at:
        petition.classified_at -= shift
    petition.save()
    for event in petition.events.all():
        PetitionEvent.objects.filter(pk=event.pk).update(at=event.at - shift)


def demo_petitions_load() -> int:
    """Create the demo petitions and calls; returns how many petitions (0 when there are some already)."""
    if Petition.objects.exists():  # before the transaction: a second seed_demo costs one query here
        return 0
    return _load()


@transaction.atomic
def _load() -> int:
    users = {u.username: u for u in User.objects.filter(username__in=[
        account_data.CITIZEN["cccd"], "tongdai.tinh", "lanhdao.hcc", "motcua.tinh", "quantri.tinh",
        "motcua.halong"])}
    citizen, hotline = users.get(account_data.CITIZEN["cccd"]), users.get("tongdai.tinh")
    leader, officer = users.get("lanhdao.hcc"), users.get("motcua.tinh")
    ward = Agency.objects.filter(unit__code=WARD, is_people_committee=True).first()
    if None in (citizen, hotline, leader, officer, ward):
        return 0
    dossier = (Dossier.objects.filter(applicant=citizen, state__in=Dossier.PROCESSING_STATES)
               .order_by("submitted_at").first())
    C, made = Petition.Category, []

    def submit(title, content, *, who=citizen, channel=Petition.Channel.ONLINE, **extra):
        petition = petition_submit(data=_input(title, content, **extra), channel=channel, citizen=who)
        made.append(petition)
        return petition

    if dossier is not None:
        submit("Hồ sơ khai sinh chưa được giải quyết", "Tôi đã nộp hồ sơ đăng ký khai sinh cho con nhưng chưa "
               "thấy cán bộ liên hệ. Đề nghị cho biết tiến độ.", dossier_code=dossier.code)
    asked = submit("Thiếu chỗ để xe tại Trung tâm", "Bãi để xe của Trung tâm Phục vụ hành chính công tỉnh "
                   "thường xuyên hết chỗ vào buổi sáng.")
    petition_request_info(petition=asked, actor=officer, request="Đề nghị ông cho biết những ngày cụ thể gặp "
                          "tình trạng này và khung giờ.")
    handled = submit("Thời gian chờ tại quầy quá lâu", "Ngày thứ Hai tôi phải chờ hơn hai giờ tại quầy "
                     "tiếp nhận hồ sơ đất đai, máy lấy số bị hỏng.")
    petition_classify(petition=handled, actor=leader, category=C.CONDUCT, handler=officer)
    proposed = submit("Đề nghị bổ sung hướng dẫn nộp hồ sơ trực tuyến", "Trang hướng dẫn chưa nói rõ cần "
                      "chụp giấy tờ ở định dạng nào.", kind=Petition.Kind.PROPOSAL,
                      proposal="Bổ sung ví dụ ảnh chụp đạt yêu cầu cho từng loại giấy tờ.")
    petition_classify(petition=proposed, actor=leader, category=C.SOLUTION, handler=officer)
    petition_propose_answer(petition=proposed, actor=officer, answer="Trung tâm tiếp thu kiến nghị và đã bổ "
                            "sung ví dụ ảnh chụp cho từng thành phần hồ sơ trên Cổng.")
    unpublished = submit("Phí sao y giấy tờ", "Cán bộ thu phí chứng thực bản sao cao hơn mức niêm yết.")
    petition_classify(petition=unpublished, actor=leader, category=C.CONDUCT, handler=officer)
    petition_propose_answer(petition=unpublished, actor=officer, answer="Trung tâm đã kiểm tra: mức phí thu "
                            "đúng quy định; bảng niêm yết cũ đã được thay.")
    petition_approve_answer(petition=unpublished, actor=leader, publish=False)
    published = submit("Giờ làm việc ngày thứ Bảy", "Đề nghị Trung tâm làm việc sáng thứ Bảy để người lao "
                       "động nộp hồ sơ.", kind=Petition.Kind.PROPOSAL)
    petition_classify(petition=published, actor=leader, category=C.UNFIT, handler=officer)
    petition_propose_answer(petition=published, actor=officer, answer="Từ tháng sau, Trung tâm tiếp nhận hồ sơ "
                            "sáng thứ Bảy từ 7 giờ 30 đến 11 giờ 30.")
    petition_approve_answer(petition=published, actor=leader)
    petition_rate(petition=published, actor=citizen, rating=Petition.Rating.SATISFIED)
    refused = submit("Tranh chấp đất với hàng xóm", "Nhà bên cạnh xây lấn sang đất nhà tôi.")
    petition_refuse(petition=refused, actor=officer, reason="Nội dung là tranh chấp dân sự, không phải phản ánh "
                    "về quy định hành chính; đề nghị ông gửi đơn đến Ủy ban nhân dân phường để được hòa giải.")
    outside = submit("Quy định về lệ phí trước bạ", "Quy định tính lệ phí trước bạ xe máy cũ chưa phù hợp.")
    petition_forward(petition=outside, actor=officer, outside="Bộ Tài chính")
    if dossier is not None:
        ward_bound = submit("Cán bộ phường hẹn nhiều lần", "Cán bộ một cửa phường hẹn tôi ba lần mới nhận hồ "
                            "sơ chứng thực.")
        if ward_bound.agency_id != ward.pk:
            petition_forward(petition=ward_bound, actor=officer, agency=ward)
    late = submit("Chưa nhận được kết quả trả lời", "Tôi đã phản ánh về việc chậm cấp bản sao trích lục từ "
                  "tháng trước nhưng chưa có trả lời.")
    petition_classify(petition=late, actor=leader, category=C.CONDUCT, handler=officer)
    _backdate(late, days=35)
    petitions_escalate()  # to the centre's director
    late.refresh_from_db()
    week = dt.timedelta(days=7)  # its history says so too, or both rises would read as the same moment
    Petition.objects.filter(pk=late.pk).update(escalated_at=late.escalated_at - week)
    PetitionEvent.objects.filter(petition=late, kind=PetitionEvent.Kind.ESCALATED).update(at=F("at") - week)
    petitions_escalate()  # a week later: to the provincial admin

    line = Hotline.objects.filter(centre__isnull=True, is_active=True).order_by("position").first()
    if dossier is not None:
        hotline_call_record(officer=hotline, call=CallInput(
            caller_phone="0912345678", caller_name="Nguyễn Văn An", hotline=line, dossier_code=dossier.code,
            summary="Hỏi tiến độ hồ sơ đăng ký khai sinh.", outcome=HotlineCall.Outcome.ANSWERED,
            response="Đã thông báo hồ sơ đang được giải quyết, hẹn trả đúng hạn."))
    called = hotline_call_record(officer=hotline, call=CallInput(
        caller_phone="0987654321", caller_name="Trần Thị Mai", hotline=line, outcome=HotlineCall.Outcome.PETITION,
        summary="Phản ánh cán bộ tiếp nhận không hướng dẫn đầy đủ thành phần hồ sơ."), petition=PetitionInput(
        title="Cán bộ không hướng dẫn đầy đủ", content="Bà Mai gọi đường dây nóng phản ánh cán bộ tiếp nhận "
        "không hướng dẫn đầy đủ thành phần hồ sơ, phải đi lại hai lần.", address="Tổ 3, khu 5, phường Hạ Long"))
    made.append(called.petition)
    hotline_call_record(officer=hotline, call=CallInput(
        caller_phone="0203 3825 678", summary="Hỏi giờ làm việc của Trung tâm.",
        outcome=HotlineCall.Outcome.ANSWERED, response="Từ thứ Hai đến thứ Sáu, 7 giờ 30 – 17 giờ.", hotline=line))
    return len(made)
