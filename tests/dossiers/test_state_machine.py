"""Every transition of DESIGN.md §4, allowed and forbidden, through the services: the new state, the
event that records it, and a clear refusal (409) for a state that does not allow it."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.errors import DossierConflict, DossierError, DossierForbidden
from dossiers.models import Dossier, DossierEvent, DossierStep, Rating
from dossiers.services import (
    dossier_extend,
    dossier_rate,
    dossier_receive,
    dossier_refuse,
    dossier_request_supplement,
    dossier_return,
    dossier_stop,
    dossier_submit,
    dossier_supplement,
    dossier_withdraw,
    step_complete,
    step_return,
    step_take,
    step_transfer,
)
from procedures.models import ProcedureVersion
from tests.dossiers.factories import pdf_upload, received, result_ready, submitted
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Dossier.State


def kinds(dossier):
    return list(dossier.events.order_by("at", "id").values_list("kind", flat=True))


def test_online_submission_goes_from_draft_to_submitted_with_its_code(world):
    dossier = submitted(world)
    today = f"{world.commune_agency.code}-{timezone.localdate():%y%m%d}"
    assert dossier.state == S.SUBMITTED and dossier.code == f"{today}-0001" and dossier.submitted_at
    assert Dossier.objects.get(pk=dossier.pk).code == f"{today}-0001"
    assert kinds(dossier) == ["drafted", "submitted"]
    event = dossier.events.get(kind="submitted")
    assert (event.from_state, event.to_state, event.actor) == ("draft", "submitted", world.citizen)
    assert event.data == {"code": dossier.code}
    # The next submission at the same agency the same day takes the next number; a draft has none.
    assert submitted(world).code == f"{today}-0002"
    assert submitted(world, centre=world.provincial_centre).code.startswith(world.provincial_centre.agency.code)


def test_receipt_keeps_the_code_gives_the_due_date_and_does_the_centres_step(world):
    dossier = submitted(world)
    code = dossier.code
    dossier = dossier_receive(dossier=dossier, officer=world.officer)
    assert dossier.state == S.RECEIVED and dossier.code == code
    steps = list(dossier.steps.order_by("position"))
    # The first step is the receiving centre's (its one-stop officer's): receiving it is doing it.
    assert [s.state for s in steps] == ["done", "active", "waiting", "waiting"]
    assert (steps[0].handler, steps[0].completed_at) == (world.officer, dossier.received_at)
    assert [s.agency for s in steps] == [world.commune_agency] * 4
    assert steps[-1].due_at == dossier.due_at
    assert all(a.due_at <= b.due_at for a, b in zip(steps, steps[1:], strict=False))
    assert kinds(dossier) == ["drafted", "submitted", "received", "step_completed"]
    receipt, done = dossier.events.filter(kind__in=["received", "step_completed"]).order_by("id")
    assert receipt.data == {"code": code, "due_at": dossier.due_at.isoformat(), "step_completed": 1}
    assert (done.actor, done.step, done.to_state, done.data) == (
        world.officer, steps[0], S.RECEIVED, {"late": False, "at_receipt": True})


def test_receipt_leaves_a_first_step_of_another_role_to_do(db):
    from decimal import Decimal

    from procedures.services import StepData
    from tests.dossiers.factories import make_world

    world = make_world(steps=(
        StepData(name="Thẩm định", name_en="Examine", responsible_role="specialist", duration=Decimal("2")),
        StepData(name="Ký duyệt", name_en="Sign", responsible_role="leader", duration=Decimal("1")),
    ))
    dossier = received(world)
    assert [s.state for s in dossier.steps.order_by("position")] == ["active", "waiting"]
    assert kinds(dossier) == ["drafted", "submitted", "received"]
    assert "step_completed" not in dossier.events.get(kind="received").data


def test_an_old_dossier_submitted_without_a_code_gets_one_at_receipt(world):
    dossier = submitted(world)
    Dossier.objects.filter(pk=dossier.pk).update(code=None)  # submitted before codes came with submission
    dossier = dossier_receive(dossier=dossier, officer=world.officer)
    assert dossier.code == f"{world.commune_agency.code}-{timezone.localdate():%y%m%d}-0002"


def test_the_whole_way_to_a_rated_return(world):
    dossier = result_ready(world)
    assert dossier.state == S.RESULT_READY and dossier.result_file and dossier.result_ready_at
    dossier_return(dossier=dossier, user=world.officer)
    rating = dossier_rate(dossier=dossier, citizen=world.citizen, score="very_satisfied", comment="Nhanh gọn")
    dossier.refresh_from_db()
    assert dossier.state == S.RETURNED and rating.comment == "Nhanh gọn"
    assert kinds(dossier) == ["drafted", "submitted", "received", "step_completed", "step_completed",
                              "step_completed", "step_completed", "result_ready", "returned", "rated"]
    assert dossier.events.get(kind="returned").data == {"channel": "counter", "delivery": "paper_counter",
                                                        "recipient": "Nguyễn Văn An"}


def test_the_applicant_receiving_online_closes_only_a_dossier_without_paper_original(world):
    dossier = result_ready(world)
    dossier_return(dossier=dossier, user=world.citizen)  # the birth certificate has a paper original
    assert dossier.events.get(kind="result_delivered").data == {"channel": "online", "delivery": "electronic"}
    assert dossier.state == S.RESULT_READY and not dossier.events.filter(kind="returned").exists()
    ProcedureVersion.objects.filter(pk=world.version.pk).update(issues_paper_original=False)
    electronic_only = result_ready(world)
    dossier_return(dossier=electronic_only, user=world.citizen)
    assert electronic_only.events.get(kind="returned").data == {"channel": "online", "delivery": "electronic"}
    electronic_only.refresh_from_db()
    assert electronic_only.state == S.RETURNED


def test_supplement_before_receipt_returns_to_the_check(world):
    dossier = submitted(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Ảnh chụp mờ",
                               items=["Giấy chứng sinh (bản rõ nét)", "  "])
    dossier.refresh_from_db()
    assert dossier.state == S.SUPPLEMENT_REQUESTED and dossier.paused_at is None
    assert dossier.events.get(kind="supplement_requested").data["items"] == ["Giấy chứng sinh (bản rõ nét)"]
    component = world.components[1]
    dossier_supplement(dossier=dossier, user=world.citizen, uploads={component.pk: pdf_upload("ro-net.pdf")})
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED
    files = dossier.files.filter(component=component)
    assert [(f.original_name, f.is_current) for f in files.order_by("id")] == [
        ("giay-chung-sinh.pdf", False), ("ro-net.pdf", True)]


def test_supplement_during_processing_returns_to_in_progress(world):
    dossier = received(world)
    step_take(dossier=dossier, position=2, user=world.specialist)
    dossier_request_supplement(dossier=dossier, user=world.specialist, reason="Thiếu", items=["Tờ khai"])
    dossier.refresh_from_db()
    assert dossier.paused_at is not None
    dossier_supplement(dossier=dossier, user=world.officer, note="Công dân nộp bổ sung tại quầy")
    dossier.refresh_from_db()
    assert dossier.state == S.IN_PROGRESS and dossier.paused_at is None


def test_refusal_closes_the_dossier(world):
    dossier = submitted(world)
    dossier_refuse(dossier=dossier, officer=world.officer, reason="Không thuộc thẩm quyền")
    dossier.refresh_from_db()
    assert dossier.state == S.REFUSED and dossier.closed_at
    with pytest.raises(DossierConflict):
        dossier_receive(dossier=dossier, officer=world.officer)


def test_take_complete_and_send_back_steps(world):
    dossier = received(world)
    step_take(dossier=dossier, position=2, user=world.specialist)
    dossier.refresh_from_db()
    assert dossier.state == S.IN_PROGRESS
    step_complete(dossier=dossier, position=2, user=world.specialist, note="Đủ điều kiện")
    back = step_return(dossier=dossier, position=3, user=world.leader, note="Sai tên cha")
    assert back.position == 2 and back.state == DossierStep.State.ACTIVE
    assert dossier.steps.get(position=3).state == DossierStep.State.WAITING


def test_a_step_can_be_transferred_to_another_agency(world):
    dossier = received(world)
    other = AgencyFactory(code="000.30.49.H49", name="Sở Tư pháp")
    step_transfer(dossier=dossier, position=2, user=world.specialist, agency=other, note="Liên thông")
    step = dossier.steps.get(position=2)
    assert step.agency == other and step.state == DossierStep.State.ACTIVE
    with pytest.raises(DossierForbidden):
        step_take(dossier=dossier, position=2, user=world.specialist)
    specialist = UserFactory(role="specialist", agency=other)
    step_take(dossier=dossier, position=2, user=specialist)


def test_the_result_step_needs_a_result(world):
    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    with pytest.raises(DossierError) as error:
        step_complete(dossier=dossier, position=3, user=world.leader)
    assert error.value.code == "dossier.result_missing"
    assert dossier.steps.get(position=3).state == DossierStep.State.ACTIVE


def test_extension_once_and_before_the_due_date(world):
    dossier = received(world)
    new_due = dossier.due_at + dt.timedelta(days=7)
    dossier_extend(dossier=dossier, user=world.officer, new_due_at=new_due, reason="Cần xác minh thêm")
    dossier.refresh_from_db()
    assert dossier.extended and dossier.due_at == new_due
    assert dossier.steps.order_by("position").last().due_at == new_due
    with pytest.raises(DossierConflict) as error:
        dossier_extend(dossier=dossier, user=world.officer, new_due_at=new_due + dt.timedelta(days=1),
                       reason="Lần hai")
    assert error.value.code == "dossier.already_extended"


def test_extension_after_the_due_date_is_refused(world):
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(DossierConflict) as error:
        dossier_extend(dossier=dossier, user=world.officer, new_due_at=timezone.now() + dt.timedelta(days=3),
                       reason="Trễ")
    assert error.value.code == "dossier.past_due"


def test_stop_and_withdraw(world):
    stopped = received(world)
    dossier_stop(dossier=stopped, user=world.officer, reason="Công dân đề nghị dừng")
    withdrawn = submitted(world)
    dossier_withdraw(dossier=withdrawn, citizen=world.citizen, reason="Nộp nhầm")
    assert Dossier.objects.get(pk=stopped.pk).state == S.STOPPED
    assert Dossier.objects.get(pk=withdrawn.pk).state == S.WITHDRAWN


@pytest.mark.parametrize("action", ["receive", "refuse", "supplement", "withdraw", "return", "rate", "extend",
                                    "stop", "take", "submit"])
def test_forbidden_transitions_after_the_result_is_returned(world, action):
    dossier = result_ready(world)
    dossier_return(dossier=dossier, user=world.officer)
    dossier_rate(dossier=dossier, citizen=world.citizen, score="satisfied")
    calls = {
        "receive": lambda: dossier_receive(dossier=dossier, officer=world.officer),
        "refuse": lambda: dossier_refuse(dossier=dossier, officer=world.officer, reason="x"),
        "supplement": lambda: dossier_request_supplement(dossier=dossier, user=world.officer, reason="x", items=["y"]),
        "withdraw": lambda: dossier_withdraw(dossier=dossier, citizen=world.citizen),
        "return": lambda: dossier_return(dossier=dossier, user=world.officer),
        "rate": lambda: dossier_rate(dossier=dossier, citizen=world.citizen, score="satisfied"),
        "extend": lambda: dossier_extend(dossier=dossier, user=world.officer, new_due_at=timezone.now(), reason="x"),
        "stop": lambda: dossier_stop(dossier=dossier, user=world.officer, reason="x"),
        "take": lambda: step_take(dossier=dossier, position=1, user=world.officer),
        "submit": lambda: dossier_submit(dossier=dossier, citizen=world.citizen),
    }
    before = DossierEvent.objects.count()
    with pytest.raises(DossierConflict) as error:
        calls[action]()
    assert error.value.status_code == 409
    assert DossierEvent.objects.count() == before
    assert Rating.objects.count() == 1


def test_a_withdrawn_dossier_cannot_be_received(world):
    dossier = submitted(world)
    dossier_withdraw(dossier=dossier, citizen=world.citizen)
    with pytest.raises(DossierConflict) as error:
        dossier_receive(dossier=dossier, officer=world.officer)
    assert error.value.code == "dossier.bad_state"
    assert error.value.extra == {"state": "withdrawn"}


def test_only_the_receiving_centre_receives(world):
    dossier = submitted(world)
    with pytest.raises(DossierForbidden):
        dossier_receive(dossier=dossier, officer=world.provincial_officer)
    with pytest.raises(DossierForbidden):
        dossier_receive(dossier=dossier, officer=world.specialist)
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED


def test_only_the_step_role_works_the_step(world):
    dossier = received(world)
    with pytest.raises(DossierForbidden):
        step_complete(dossier=dossier, position=2, user=world.officer)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    with pytest.raises(DossierConflict):
        step_complete(dossier=dossier, position=2, user=world.specialist)  # no longer current
    with pytest.raises(DossierConflict):
        step_complete(dossier=dossier, position=1, user=world.officer)  # done at receipt


def test_only_the_applicant_withdraws_and_rates(world):
    dossier = submitted(world)
    with pytest.raises(DossierForbidden):
        dossier_withdraw(dossier=dossier, citizen=world.other_citizen)


def test_a_step_taken_by_a_colleague_is_theirs_to_finish(world):
    dossier = received(world)
    colleague = UserFactory(role="specialist", agency=world.commune_agency)
    step_take(dossier=dossier, position=2, user=world.specialist)
    with pytest.raises(DossierConflict) as error:
        step_complete(dossier=dossier, position=2, user=colleague)
    assert error.value.code == "dossier.step_taken"
    assert dossier.steps.get(position=2).state == DossierStep.State.TAKEN
    step_complete(dossier=dossier, position=2, user=world.specialist)
