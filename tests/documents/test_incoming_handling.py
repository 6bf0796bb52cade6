"""Directing and handling incoming documents (Decree 30/2020 art. 23–24; phiếu giải quyết, Appendix IV): the
leader's direction with deadlines on the working-day calendar (Tết 2026 skipped), the unit head's assignment,
the handlers' comments and completion, the answer by an outgoing document, and what the sender sees."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from documents import permissions
from documents.errors import DocumentConflict, DocumentError, DocumentForbidden, DocumentNotFound
from documents.models import Assignment, Document, DocumentType
from documents.services.handling import (
    DirectionLine,
    incoming_assign,
    incoming_comment,
    incoming_complete,
    incoming_direct,
)
from documents.services.incoming import incoming_register
from documents.services.replies import reply_issued
from tests.documents.incoming_helpers import recipient_of, send
from units.calendar import calendar_cache_invalidate
from units.services import calendar_seed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Friday 13 February 2026, the last working day before Tết (Mon 16 – Fri 20 February are off).
BEFORE_TET = dt.datetime(2026, 2, 13, 10, 0, tzinfo=HCM)


@pytest.fixture(autouse=True)
def _calendar_and_language(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    calendar_seed(years=[2026])  # Tết 2026: Monday 16 – Friday 20 February
    calendar_cache_invalidate()
    with translation.override("en"):
        yield
    calendar_cache_invalidate()


@pytest.fixture
def registered(office, other_office, time_machine):
    time_machine.move_to(BEFORE_TET, tick=False)
    return incoming_register(document=send(other_office, office), clerk=office.clerk)


def direct(office, document, *lines, actor=None, **kwargs):
    return incoming_direct(document=document, actor=actor or office.leader, note="Phòng VX chủ trì, báo cáo UBND.",
                           lines=list(lines), **kwargs)


def test_deadlines_in_working_days_skip_tet_and_the_leaders_direction_creates_the_assignments(office, registered):
    document = direct(office, registered,
                      DirectionLine(role="lead", unit=office.culture, days=2),
                      DirectionLine(role="cooperate", unit=office.office, days=1),
                      DirectionLine(role="inform", user=office.other))
    assert document.state == "directed" and document.due_date == dt.date(2026, 2, 24)  # Tue after Tết
    deadlines = {(a.role, a.unit_id or a.user_id): a.deadline for a in document.assignments.all()}
    assert deadlines == {("lead", office.culture.pk): dt.date(2026, 2, 24),
                         ("cooperate", office.office.pk): dt.date(2026, 2, 23),  # Monday after Tết
                         ("inform", office.other.pk): None}
    assert recipient_of(document).status == "assigned"
    assert document.events.get(kind="directed").data["leader_name"] == office.leader.full_name


def test_a_cooperating_line_without_a_deadline_gets_the_leads(office, registered):
    document = direct(office, registered, DirectionLine(role="lead", user=office.specialist,
                                                        deadline=dt.date(2026, 3, 6)),
                      DirectionLine(role="cooperate", unit=office.office))
    assert set(document.assignments.values_list("deadline", flat=True)) == {dt.date(2026, 3, 6)}


@pytest.mark.parametrize("lines", [
    [],
    [DirectionLine(role="cooperate", days=2)],
    [DirectionLine(role="lead", days=2), DirectionLine(role="lead", days=3)],
    [DirectionLine(role="lead", deadline=dt.date(2026, 2, 12))],  # yesterday
    [DirectionLine(role="lead", deadline=dt.date(2026, 3, 2), days=2)],
    [DirectionLine(role="lead")],
    [DirectionLine(role="lead", days=0)],
])
def test_a_direction_that_does_not_add_up_is_refused_and_changes_nothing(office, registered, lines):
    lines = [DirectionLine(**{**line.__dict__, "unit": office.culture if i == 0 else office.office})
             for i, line in enumerate(lines)]
    with pytest.raises(DocumentError) as refused:
        direct(office, registered, *lines)
    assert refused.value.status_code == 400 and refused.value.extra["errors"]
    registered.refresh_from_db()
    assert registered.state == "registered" and not registered.assignments.exists()


def test_another_agencys_unit_or_official_cannot_be_given_the_document(office, other_office, registered):
    for line in (DirectionLine(role="lead", unit=other_office.culture, days=2),
                 DirectionLine(role="lead", user=other_office.specialist, days=2)):
        with pytest.raises(DocumentError):
            direct(office, registered, line)


def test_a_specialist_cannot_direct_and_a_clerk_records_a_leaders_direction_naming_them(office, registered):
    with pytest.raises(DocumentNotFound):  # not given it: not even seen
        direct(office, registered, DirectionLine(role="lead", unit=office.culture, days=2), actor=office.specialist)
    with pytest.raises(DocumentError) as unnamed:
        direct(office, registered, DirectionLine(role="lead", unit=office.culture, days=2), actor=office.clerk)
    assert "on_behalf_of" in unnamed.value.extra["errors"]
    document = direct(office, registered, DirectionLine(role="lead", unit=office.culture, days=2),
                      actor=office.clerk, on_behalf_of=office.leader)
    event = document.events.get(kind="directed")
    assert event.actor == office.clerk and event.data["on_behalf"] and event.data["leader"] == office.leader.pk
    with pytest.raises(DocumentForbidden):  # the unit's head sees it now, and may not direct it
        direct(office, document, DirectionLine(role="lead", unit=office.office, days=2), actor=office.head)


def test_the_unit_head_assigns_the_handler_works_it_and_the_sender_follows_to_done(office, registered,
                                                                                 time_machine):
    document = direct(office, registered, DirectionLine(role="lead", unit=office.culture, days=3),
                      DirectionLine(role="cooperate", unit=office.office, days=2))
    unit_part = document.assignments.get(unit=office.culture)
    assert unit_part.deadline == dt.date(2026, 2, 25)
    with pytest.raises(DocumentError) as too_late:
        incoming_assign(document=document, head=office.head, assignment=unit_part, user=office.specialist,
                        deadline=dt.date(2026, 2, 26))
    assert "deadline" in too_late.value.extra["errors"]
    with pytest.raises(DocumentError):  # not of the unit
        incoming_assign(document=document, head=office.head, assignment=unit_part, user=office.other)
    child = incoming_assign(document=document, head=office.head, assignment=unit_part, user=office.specialist,
                            instruction="Đồng chí Chuyên tham mưu văn bản trả lời.")
    assert (child.parent, child.deadline, child.role) == (unit_part, dt.date(2026, 2, 25), "lead")
    assert permissions.can_view(office.specialist, document)

    time_machine.move_to(dt.datetime(2026, 2, 23, 9, 0, tzinfo=HCM), tick=False)
    document = incoming_comment(document=document, actor=office.specialist, text="Đang phối hợp với công an xã.")
    assert document.state == "in_progress" and recipient_of(document).status == "in_progress"
    document = incoming_complete(document=document, actor=office.specialist, result="Đã tổ chức, báo cáo kết quả.")
    document.refresh_from_db()
    assert document.state == "done" and document.completed_at is not None
    assert recipient_of(document).status == "done"
    assert set(document.assignments.values_list("state", flat=True)) == {"done"}  # the co-operating part too
    unit_part.refresh_from_db()
    assert unit_part.result_note == "Đã tổ chức, báo cáo kết quả."
    sender_trail = list(recipient_of(document).document.events.filter(kind="recipient_status")
                        .values_list("data__to", flat=True))
    assert sender_trail == ["received", "registered", "assigned", "in_progress", "done"]


def test_a_cooperating_units_completion_does_not_close_the_document(office, registered):
    document = direct(office, registered, DirectionLine(role="lead", user=office.specialist, days=3),
                      DirectionLine(role="cooperate", user=office.other, days=2))
    document = incoming_complete(document=document, actor=office.other, result="Đã gửi số liệu.")
    assert document.state == "in_progress"
    assert document.assignments.get(user=office.other).state == "done"
    with pytest.raises(DocumentNotFound):  # given nothing of it
        incoming_complete(document=document, actor=office.head, result="x")
    with pytest.raises(DocumentConflict):  # their part is done: nothing open any more
        incoming_complete(document=document, actor=office.other, result="again")


def test_a_handler_needs_to_say_what_was_done_and_strangers_cannot_comment(office, other_office, registered):
    document = direct(office, registered, DirectionLine(role="lead", user=office.specialist, days=3))
    with pytest.raises(DocumentError):
        incoming_complete(document=document, actor=office.specialist, result="  ")
    for stranger in (office.other, other_office.leader):
        with pytest.raises(DocumentNotFound):
            incoming_comment(document=document, actor=stranger, text="Tôi không được giao.")
    with pytest.raises(DocumentForbidden):  # the clerk sees it, and is not a handler
        incoming_comment(document=document, actor=office.clerk, text="Văn thư.")


def test_a_secret_document_is_seen_by_those_given_it_and_nobody_else(office, other_office, time_machine):
    time_machine.move_to(BEFORE_TET, tick=False)
    secret = incoming_register(document=send(other_office, office, secrecy=Document.Secrecy.SECRET),
                               clerk=office.clerk)
    secret = direct(office, secret, DirectionLine(role="lead", unit=office.culture, days=2))
    assert permissions.can_view(office.head, secret) and not permissions.can_view(office.specialist, secret)
    incoming_assign(document=secret, head=office.head, assignment=secret.assignments.get(), user=office.specialist)
    assert permissions.can_view(office.specialist, secret) and not permissions.can_view(office.other, secret)


def test_an_outgoing_reply_closes_the_document_as_answered(office, registered):
    document = direct(office, registered, DirectionLine(role="lead", user=office.specialist, days=3),
                      DirectionLine(role="cooperate", unit=office.office, days=3))
    reply = Document.objects.create(
        agency=office.agency, direction="outgoing", state="issued", document_type=DocumentType.objects.get(
            code="cong-van"), code_number="07", code_notation="UBND-VX", subject="Trả lời công văn số 12",
        created_by=office.specialist, reply_to=document)
    reply_issued(reply, actor=office.clerk)
    document.refresh_from_db()
    assert document.state == "done" and recipient_of(document).status == "done"
    lead = document.assignments.get(role="lead")
    assert lead.state == "done" and "07/UBND-VX" in lead.result_note
    event = document.events.get(kind="replied")
    assert event.data == {"reply": str(reply.uuid), "number": "07/UBND-VX"}


def test_a_reply_to_a_document_already_done_is_recorded_only(office, registered):
    document = direct(office, registered, DirectionLine(role="lead", user=office.specialist, days=3))
    incoming_complete(document=document, actor=office.specialist, result="Đã xong.")
    reply = Document.objects.create(
        agency=office.agency, direction="outgoing", state="issued", document_type=DocumentType.objects.get(
            code="cong-van"), code_number="08", code_notation="UBND-VX", subject="Trả lời",
        created_by=office.specialist, reply_to=document)
    reply_issued(reply, actor=office.clerk)
    document.refresh_from_db()
    assert document.state == "done" and document.events.filter(kind="replied").count() == 1
    assert Assignment.objects.filter(document=document, state="open").count() == 0
