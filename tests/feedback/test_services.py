"""The petition's way through the real services on PostgreSQL: receipt with a code and national deadlines
(across Tết), the clock standing still while the citizen is asked for more, classification, forwarding
inside and outside the portal, the answer's approval and masked publication, rating and reopening."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from feedback.errors import FeedbackError, PetitionConflict, PetitionForbidden
from feedback.models import Petition, PetitionEvent
from feedback.services import (
    petition_approve_answer,
    petition_classify,
    petition_forward,
    petition_propose_answer,
    petition_rate,
    petition_refuse,
    petition_reopen,
    petition_request_info,
    petition_supply_info,
)
from outbox.models import OutboxMessage
from tests.feedback.factories import answered, filed, in_progress

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(value):
    return value.astimezone(HCM).replace(tzinfo=None)


def test_a_petition_gets_a_code_the_province_centre_and_the_national_deadlines_across_tet(world):
    with time_machine.travel(dt.datetime(2026, 2, 12, 10, 0, tzinfo=HCM), tick=False):
        petition = filed(world, citizen=world.citizen)
    assert petition.code == "PAKN-260212-0001"
    assert petition.agency == world.provincial_centre.agency
    assert petition.state == Petition.State.RECEIVED
    # Tết: Monday 16 to Friday 20 February 2026 are days off.
    assert local(petition.refuse_due_at) == dt.datetime(2026, 2, 23, 17, 0)
    assert local(petition.intake_due_at) == dt.datetime(2026, 2, 26, 17, 0)
    assert local(petition.due_at) == dt.datetime(2026, 3, 12, 17, 0)
    assert petition.deadline_at == petition.intake_due_at
    event = petition.events.get()
    assert event.kind == PetitionEvent.Kind.SUBMITTED
    message = OutboxMessage.objects.get(topic=OutboxMessage.Topic.PETITION_EVENT)
    assert message.payload["code"] == petition.code
    assert message.payload["national_status"] == "Tiếp nhận ở địa phương"
    assert "Nguyễn Văn An" not in str(message.payload)


def test_codes_count_up_within_a_day(world):
    first, second = filed(world), filed(world)
    assert int(second.code[-4:]) == int(first.code[-4:]) + 1


def test_anonymous_petitions_are_refused_with_each_missing_field_named(world):
    with pytest.raises(FeedbackError) as caught:
        filed(world, name="", address=" ", phone="")
    assert caught.value.code == "feedback.contact_missing"
    assert set(caught.value.extra["errors"]) == {"name", "address", "phone"}
    assert "20/2008/NĐ-CP" in caught.value.message  # in either language
    assert not Petition.objects.exists()


def test_a_dossier_code_that_does_not_exist_is_named(world):
    with pytest.raises(FeedbackError) as caught:
        filed(world, dossier_code="000.01.49.H49-250701-9999")
    assert caught.value.code == "feedback.dossier_not_found"
    assert "000.01.49.H49-250701-9999" in caught.value.extra["errors"]["dossier_code"][0]
    assert not Petition.objects.exists()


def test_a_petition_about_a_dossier_goes_to_the_agency_working_on_it(world):
    from tests.dossiers.factories import received

    dossier = received(world.base)
    petition = filed(world, citizen=world.citizen, dossier_code=dossier.code.lower())
    assert petition.dossier == dossier and petition.about == Petition.About.DOSSIER
    assert petition.agency == world.commune_agency


def test_a_citizen_may_not_name_someone_elses_dossier(world):
    from tests.dossiers.factories import received

    dossier = received(world.base)
    with pytest.raises(FeedbackError):
        filed(world, citizen=world.other_citizen, dossier_code=dossier.code)


def test_asking_for_information_stops_the_clock_and_the_answer_moves_the_due_date(world):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        petition = filed(world, citizen=world.citizen)
        due = petition.due_at
        petition_request_info(petition=petition, actor=world.centre_officer, request="Xin cho biết ngày nộp hồ sơ.")
    petition.refresh_from_db()
    assert petition.state == Petition.State.INFO_REQUESTED and petition.deadline_at is None
    # The citizen answers three working days later (Thursday 5 March, 9:00).
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, 0, tzinfo=HCM), tick=False):
        petition_supply_info(petition=petition, actor=world.citizen, information="Ngày 20/02/2026.")
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECEIVED
    assert petition.paused_hours == 24
    assert local(petition.due_at) - local(due) == dt.timedelta(days=3)
    assert "Ngày 20/02/2026." in petition.content


def test_refusal_within_two_working_days_counts_on_time_and_after_does_not(world):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        early, late = filed(world), filed(world)
        petition_refuse(petition=early, actor=world.centre_officer, reason="Không thuộc phạm vi quy định hành chính.")
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, 0, tzinfo=HCM), tick=False):
        petition_refuse(petition=late, actor=world.centre_officer, reason="Không thuộc phạm vi.")
    assert PetitionEvent.objects.get(petition=early, kind="refused").on_time is True
    assert PetitionEvent.objects.get(petition=late, kind="refused").on_time is False


def test_classification_sets_the_class_and_only_the_holding_agency_may_do_it(world):
    petition = filed(world)
    with pytest.raises(PetitionForbidden):
        petition_classify(petition=petition, actor=world.justice_leader, category="unfit")
    petition_classify(petition=petition, actor=world.centre_officer, category="unfit")
    petition.refresh_from_db()
    assert petition.klass == Petition.Klass.REGULATION and petition.state == Petition.State.IN_PROGRESS
    with pytest.raises(PetitionConflict):
        petition_classify(petition=petition, actor=world.centre_officer, category="conduct")


def test_forwarding_inside_the_portal_lands_in_the_other_agencys_queue_with_fresh_deadlines(world):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HCM), tick=False):
        petition = filed(world)
    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 0, tzinfo=HCM), tick=False):
        petition_forward(petition=petition, actor=world.centre_officer, agency=world.justice)
    petition.refresh_from_db()
    assert petition.agency == world.justice and petition.state == Petition.State.RECEIVED
    assert local(petition.refuse_due_at) == dt.datetime(2026, 3, 6, 17, 0)
    kinds = list(petition.events.values_list("kind", "agency__code"))
    assert kinds[-2:] == [("forwarded", world.provincial_centre.agency.code), ("arrived", world.justice.code)]
    # The centre's officials still read it; the department now classifies it.
    assert Petition.objects.visible_to(world.centre_officer).filter(pk=petition.pk).exists()
    petition_classify(petition=petition, actor=world.justice_leader, category="illegal")


def test_forwarding_outside_the_portal_records_where_it_went_and_ends_here(world):
    petition = filed(world)
    petition_forward(petition=petition, actor=world.centre_officer, outside="Bộ Tư pháp")
    petition.refresh_from_db()
    assert petition.state == Petition.State.FORWARDED and petition.forwarded_to == "Bộ Tư pháp"


def test_answer_approved_is_published_with_personal_data_masked(world):
    petition = answered(world, citizen=world.citizen, official_name="le van cuong")
    assert petition.state == Petition.State.PUBLISHED
    public = " ".join([petition.public_title, petition.public_content, petition.public_answer])
    assert "Nguyễn Văn An" not in public and "N.V.A." in public
    assert "Lê Văn Cường" not in petition.public_content
    assert "0912 345 678" not in public and "*******678" in public
    assert PetitionEvent.objects.get(petition=petition, kind="answered").on_time is True


def test_only_a_leader_approves_and_the_handler_proposes(world):
    petition = in_progress(world)
    with pytest.raises(PetitionForbidden):
        petition_propose_answer(petition=petition, actor=world.justice_specialist, answer="...")
    petition_propose_answer(petition=petition, actor=world.centre_officer, answer="Đã xử lý.")
    with pytest.raises(PetitionForbidden):
        petition_approve_answer(petition=petition, actor=world.centre_officer)


def test_rating_unsatisfied_allows_one_reopening(world):
    petition = answered(world, citizen=world.citizen)
    with pytest.raises(PetitionForbidden):
        petition_rate(petition=petition, actor=world.other_citizen, rating="unsatisfied")
    petition_rate(petition=petition, actor=world.citizen, rating="unsatisfied", comment="Chưa thỏa đáng.")
    petition_reopen(petition=petition, actor=world.citizen, reason="Chưa trả lời đúng câu hỏi.")
    petition.refresh_from_db()
    assert petition.state == Petition.State.IN_PROGRESS and petition.reopen_count == 1
    petition_propose_answer(petition=petition, actor=world.centre_officer, answer="Trả lời lần hai.")
    petition_approve_answer(petition=petition, actor=world.centre_leader)
    petition_rate(petition=petition, actor=world.citizen, rating="unsatisfied")
    with pytest.raises(PetitionConflict) as caught:
        petition_reopen(petition=petition, actor=world.citizen, reason="Vẫn chưa.")
    assert caught.value.code == "feedback.reopen_closed"
