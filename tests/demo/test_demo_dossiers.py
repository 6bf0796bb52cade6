"""The demo dossiers: one in each stage at the Hạ Long ward centre, walked there by the real services,
loaded once."""

from collections import Counter

import pytest

from dossiers.models import Dossier, Rating
from signatures.models import SignatureRecord
from tests.demo.conftest import run_seed

pytestmark = pytest.mark.django_db


def test_every_desk_has_work_and_a_second_run_adds_nothing(seeded):
    assert "8 demo dossiers" in seeded
    # The birth registrations (the demo's paid extract dossier is demo.payments').
    states = Counter(Dossier.objects.filter(procedure_version__procedure__code="1.001193").values_list("state", flat=True))
    assert states == {"submitted": 2, "received": 2, "in_progress": 1, "supplement_requested": 1,
                      "result_ready": 1, "returned": 1}
    assert not Dossier.objects.filter(code__isnull=True).exists()  # every one has its code from submission
    approval = Dossier.objects.get(steps__position=3, steps__state="active")
    assert approval.result_drafts.get(is_current=True).file.read().startswith(b"%PDF")
    counter = Dossier.objects.get(channel="counter")
    assert (counter.applicant_name, counter.applicant, counter.state) == ("Trần Thị Mai", None, "received")
    back = Dossier.objects.get(state="submitted", events__kind="supplemented")
    assert back.description == "Đăng ký khai sinh, nộp lại sau khi bổ sung"
    assert approval.result_document.state == "to_sign"  # the extract, awaiting the leader's signature
    ready = Dossier.objects.get(state="result_ready")
    assert ready.result_file.read().startswith(b"%PDF")
    # The results that passed the ward's clerk are numbered in its outgoing register and signed by the ward.
    numbered = Dossier.objects.filter(state__in=("result_ready", "returned")).select_related("result_document")
    assert sorted(d.result_document.number_display for d in numbered) == ["01/TLKS-UBND", "02/TLKS-UBND"]
    assert all(d.result_document.register.name == "Sổ đăng ký văn bản đi" for d in numbered)
    assert SignatureRecord.objects.filter(certificate__kind="organisation", purpose__contains="TLKS").count() == 2
    assert Rating.objects.get().score == "very_satisfied"
    waiting = Dossier.objects.get(state="supplement_requested")
    assert waiting.paused_at is not None and waiting.code.endswith("-0006")

    again = run_seed()
    assert "demo dossiers" not in again
    assert Dossier.objects.count() == 9  # the 8 birth registrations and the paid extract (demo.payments)
