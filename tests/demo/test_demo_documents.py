"""The demo's official documents (demo/correspondence.py): loaded through the real services, in every state of
both flows, numbered without gaps, and left for the demo's officials to finish."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from demo.data.accounts import SIGNING_PIN
from documents import permissions
from documents.models import Document, DocumentEvent, Recipient, WorkFile
from documents.services import incoming, outgoing
from tests.demo.conftest import run_seed
from units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded_documents(seeded_documents_for_module) -> str:
    """Every test here reads the demo as loaded: it is loaded once for the module (tests/demo/conftest.py)."""
    return seeded_documents_for_module


S = Document.State


def _ward() -> Agency:
    return Agency.objects.get(unit__code="06688", is_people_committee=True)


def _states(agency, direction) -> set[str]:
    return set(Document.objects.filter(agency=agency, direction=direction).values_list("state", flat=True))


def test_the_ward_and_the_office_have_documents_in_every_state(seeded_documents):
    ward, office = _ward(), Agency.objects.get(code="H49.01")
    assert "documents  " in seeded_documents and f"Signing PIN of phochutich.halong and lanhdao.vpubnd: {SIGNING_PIN}" \
        in seeded_documents
    assert _states(ward, "outgoing") == {S.DRAFT, S.IN_REVIEW, S.SENT_BACK, S.TO_SIGN, S.SIGNED, S.ISSUED, S.RECALLED}
    assert _states(ward, "incoming") == {S.ARRIVED, S.REGISTERED, S.DIRECTED, S.IN_PROGRESS, S.DONE, S.REFUSED}
    assert {S.ARRIVED, S.REGISTERED, S.DIRECTED, S.RECALLED} <= _states(office, "incoming")

    # Issued in order, the register's numbers without a gap — the two birth extracts of the demo dossiers
    # first, then the correspondence; the Office's symbol without tone marks.
    issued = Document.objects.filter(agency=ward, direction="outgoing").exclude(code_number="").order_by("code_number")
    assert [d.number_display for d in issued] == ["01/TLKS-UBND", "02/TLKS-UBND", "03/BC-UBND", "04/BC-UBND",
                                                  "05/UBND-VHXH", "06/BC-UBND", "07/TB-UBND"]
    assert Document.objects.filter(agency=office, direction="outgoing", code_notation="VPUBND-TH").exists()
    # The ward's incoming register numbers its documents in the order they arrived; the secret one apart.
    registered = list(Document.objects.filter(agency=ward, direction="incoming", register__secret=False)
                      .exclude(arrival_number=None).order_by("arrival_number"))
    assert [d.arrival_number for d in registered] == list(range(1, len(registered) + 1))
    assert [d.arrival_at for d in registered] == sorted(d.arrival_at for d in registered)
    assert registered[0].arrival_at.date() < timezone.localdate() - dt.timedelta(days=14)
    secret = Document.objects.get(agency=ward, secrecy=1)
    assert (secret.register.secret, secret.arrival_number) == (True, 1)

    # The ward follows its issued documents at the Office: received, registered, assigned, recalled.
    statuses = set(Recipient.objects.filter(document__agency=ward, agency=office).values_list("status", flat=True))
    assert {"received", "registered", "assigned", "recalled"} <= statuses
    # The Sở's paper request was answered by an issued report: done, with the answer's number in its trail.
    asked = Document.objects.get(agency=ward, direction="incoming", code_number="2150")
    assert asked.state == S.DONE and asked.replies.get().number_display == "06/BC-UBND"
    assert asked.events.filter(kind="replied", note="06/BC-UBND").exists()
    # A paper document's trail is dated when it happened; a late handling shows as late.
    late = Document.objects.get(agency=ward, code_number="312")
    assert late.state == S.IN_PROGRESS and late.due_date < timezone.localdate()
    assert late.events.get(kind=DocumentEvent.Kind.ARRIVED).at == late.arrival_at
    # What the Office signed arrives checked: both signatures hold.
    assert Document.objects.get(agency=ward, code_notation="VPUBND-TH", state=S.ARRIVED).check_status == "valid"

    # The secret document: the clerk and the chair it was presented to, nobody else.
    seeing = {u.username for u in User.objects.filter(agency=ward) if permissions.can_view(u, secret)}
    assert seeing == {"vanthu.halong", "lanhdao.halong"}

    files = WorkFile.objects.filter(agency=ward).order_by("notation")
    assert [(f.notation, f.state, f.documents.count()) for f in files] == [("VHXH.03", "open", 2),
                                                                          ("VP.12", "closed", 2)]


def test_the_demo_officials_finish_the_flows_and_a_second_run_adds_nothing(seeded_documents,
                                                                          django_assert_max_num_queries):
    count = Document.objects.count()
    # 13, and one each for the demo's payment (demo.payments), its past dossiers (demo.history) and the readiness
    # board's (demo.readiness)
    with django_assert_max_num_queries(16):
        out = run_seed()
    assert Document.objects.count() == count and "already loaded" in out

    ward = _ward()
    users = {u.username: u for u in User.objects.filter(username__in=[
        "phochutich.halong", "vanthu.halong", "vanthu.tinh", "chuyenvien.halong"])}
    # The vice-chair signs what waits for them with the PIN seed_demo printed; the clerk numbers and issues.
    waiting = Document.objects.get(agency=ward, state=S.TO_SIGN, signer__username="phochutich.halong", result_of="")
    signed = outgoing.outgoing_sign_with_pin(document=waiting, actor=users["phochutich.halong"], pin=SIGNING_PIN)
    issued = outgoing.outgoing_number_and_issue(document=signed, actor=users["vanthu.halong"])
    assert issued.number_display == "08/TB-UBND"
    decision = Document.objects.get(agency=ward, state=S.SIGNED)
    assert outgoing.outgoing_number_and_issue(document=decision, actor=users["vanthu.halong"]).number_display == \
        "09/QĐ-UBND"
    # The Office's clerk registers what arrived from the ward: the ward sees it move.
    arrived = Document.objects.get(agency__code="H49.01", state=S.ARRIVED, code_notation="UBND-VHXH")
    incoming.incoming_register(document=arrived, clerk=users["vanthu.tinh"])
    assert Recipient.objects.get(pk=arrived.delivery_id).status == Recipient.Status.REGISTERED
    # The specialist sends her draft answer to the Office on to her head.
    answer = Document.objects.get(agency=ward, state=S.DRAFT, reply_to__isnull=False)
    assert outgoing.outgoing_submit(document=answer, actor=users["chuyenvien.halong"]).state == S.IN_REVIEW
