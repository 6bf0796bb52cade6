"""A few months of past dossiers at the Hạ Long ward centre, so the Decision 766 indicators and the daily
report have something to show: most resolved in time, some late, some still open past their due date, two
stopped. Each is filed at the counter and worked through the real services now, then its dates are moved back
together (the demo has no other way to have a past); the reports' facts are then computed from them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from demo.data import forms as form_data
from demo.data.accounts import SIGNING_PIN
from demo.dossiers import CENTRE, PROCEDURE, SIGNER, _paper, dossier_through
from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.services import ApplicantData, dossier_create_at_counter, dossier_stop
from procedures.models import ProcedureVersion
from reports.indicators.refresh import facts_refresh_all
from signatures.selectors import signing_certificate_for
from units.models import ServiceCentre

MARK = "Hồ sơ những tháng trước"  # the history's dossiers say so in their request
# (days ago, what happens): "resolved" in time, "late" resolved after its due date, "open" still open and
# past due, "stopped" stopped at once, "stopped_late" stopped long after receipt.
PLAN = (
    (150, "resolved"), (140, "resolved"), (120, "resolved"), (110, "late"), (95, "resolved"), (80, "stopped"),
    (70, "resolved"), (60, "resolved"), (45, "open"), (40, "resolved"), (33, "stopped_late"), (25, "late"),
    (18, "open"), (12, "resolved"), (9, "open"),
)
NAMES = ("Phạm Văn Hùng", "Lê Thị Hoa", "Nguyễn Đức Anh", "Trần Minh Tuấn", "Vũ Thị Lan")


def _back(dossier: Dossier, delta: dt.timedelta) -> None:
    """Move every date of the dossier back by ``delta`` (a null date stays null)."""
    Dossier.objects.filter(pk=dossier.pk).update(**{
        name: F(name) - delta for name in ("submitted_at", "received_at", "due_at", "paused_at", "result_ready_at",
                                           "closed_at")})
    DossierStep.objects.filter(dossier=dossier).update(
        due_at=F("due_at") - delta, started_at=F("started_at") - delta, completed_at=F("completed_at") - delta)
    DossierEvent.objects.filter(dossier=dossier).update(at=F("at") - delta)


@transaction.atomic
def demo_history_load() -> int:
    """File the history once (nothing when it is there, or when the demo lacks its centre or staff)."""
    if Dossier.objects.filter(description__startswith=MARK).exists():
        return 0
    version = ProcedureVersion.objects.current().filter(procedure__code=PROCEDURE).first()
    centre = ServiceCentre.objects.filter(slug=CENTRE).first()
    staff = {u.username: u for u in User.objects.filter(
        username__in=["motcua.halong", "chuyenvien.halong", "lanhdao.halong", "vanthu.halong", SIGNER])}
    if version is None or centre is None or len(staff) < 5:
        return 0
    leader = staff[SIGNER]
    users = {1: staff["motcua.halong"], 2: staff["chuyenvien.halong"], 3: leader, 4: staff["vanthu.halong"]}
    pin = SIGNING_PIN if signing_certificate_for(leader) is not None else ""
    components = [c for c in version.components.all() if c.must_attach and not c.filled_by_form]
    today = timezone.localdate()
    for index, (days_ago, outcome) in enumerate(PLAN):
        applicant = ApplicantData(name=NAMES[index % len(NAMES)], cccd=f"0221950{index:05d}", phone="",
                                  email="", address="Phường Hạ Long, tỉnh Quảng Ninh")
        dossier = dossier_create_at_counter(
            officer=users[1], version=version, applicant=applicant, description=f"{MARK}: đăng ký khai sinh",
            form_data=form_data.walk_in_answers(today), uploads={c.pk: _paper(c.name) for c in components})
        if outcome == "resolved":
            dossier_through(dossier, 4, users=users, pin=pin)
        elif outcome == "stopped":
            dossier_stop(dossier=dossier, user=users[1], reason="Người nộp hồ sơ đề nghị dừng giải quyết.")
        _back(dossier, dt.timedelta(days=days_ago))
        dossier.refresh_from_db()
        if outcome == "late":
            dossier_through(dossier, 4, users=users, pin=pin)  # today: long after its due date
        elif outcome == "stopped_late":
            dossier_stop(dossier=dossier, user=users[1], reason="Cơ quan có thẩm quyền đề nghị tạm dừng.")
    facts_refresh_all()
    return len(PLAN)
