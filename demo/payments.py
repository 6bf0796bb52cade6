"""The demo's online payment: a copy of a civil-status extract (2.000635, fees paid online before submission)
applied for by the demo citizen, paid, and sent — so the citizen's dossier page, the officer's desk and the
electronic receipt show a paid dossier from the start. The platform is not asked: the payment is settled as
its callback would settle it (the mock platform need not be running while the demo loads). Loaded once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo.data import accounts as account_data
from demo.dossiers import _paper
from dossiers.services import ApplicantData, dossier_draft_save, dossier_submit
from payments.models import Payment
from payments.services import payment_settled_without_platform
from procedures.models import ProcedureVersion
from units.models import ServiceCentre

PROCEDURE = "2.000635"  # Cấp bản sao Trích lục hộ tịch: 8.000 đồng a copy, paid online before submission
CENTRE = "ha-long"
# The demo citizen asks for a copy of his own birth extract (demo.data.forms.COPY_OF_EXTRACT).
ANSWERS = {"loai_viec": "Khai sinh", "ho_ten": "Nguyễn Văn An", "ngay_sinh": "1990-05-14",
           "noi_dang_ky": "UBND phường Hồng Gai (cũ), tỉnh Quảng Ninh", "quan_he": "Bản thân", "so_ban_sao": 1}


def demo_payments_load() -> int:
    """Create the paid demo dossier; returns how many payments (0 when there are some already)."""
    if Payment.objects.exists():  # before the transaction: a second seed_demo costs one query here
        return 0
    return _load()


@transaction.atomic
def _load() -> int:
    citizen = User.objects.filter(username=account_data.CITIZEN["cccd"]).first()
    version = ProcedureVersion.objects.current().filter(procedure__code=PROCEDURE).first()
    centre = ServiceCentre.objects.filter(slug=CENTRE).first()
    if citizen is None or version is None or centre is None or not version.centres.filter(pk=centre.pk).exists():
        return 0
    applicant = ApplicantData(name=citizen.full_name, cccd=citizen.cccd, phone=citizen.phone, email=citizen.email,
                              address="Tổ 1, khu 2, phường Hạ Long")
    uploads = {c.pk: _paper(c.name) for c in version.components.all() if c.must_attach and not c.filled_by_form}
    dossier = dossier_draft_save(citizen=citizen, version=version, centre=centre, applicant=applicant,
                                 description="Xin cấp 01 bản sao trích lục khai sinh", uploads=uploads,
                                 form_data=ANSWERS)
    now = timezone.now()
    payment_settled_without_platform(dossier=dossier, user=citizen, transaction_id=f"NTTDEMO{now:%y%m%d%H%M%S}")
    dossier_submit(dossier=dossier, citizen=citizen)
    return 1
