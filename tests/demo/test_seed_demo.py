"""manage.py seed_demo: the demo province, its catalogue and accounts, loaded idempotently."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from accounts.models import User
from demo.data.accounts import CITIZEN, OFFICIALS, PASSWORD, SIGNING_PIN
from feedback.models import Petition
from hotlines.models import Hotline
from portal.phones import normalize_phone
from procedures.models import (
    Fee,
    Field,
    InternalProcessStep,
    Procedure,
    ProcedureEvent,
    ProcedureVersion,
    PublicationDecision,
    RequiredComponent,
)
from tests.demo.conftest import run_seed
from units.models import AdministrativeUnit, Agency, ServiceCentre
from units.selectors import province as selected_province
from units.validators import normalize_agency_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_for_module) -> str:
    """Every test here reads the demo as loaded: it is loaded once for the module (tests/demo/conftest.py)."""
    return seeded_for_module

USERNAMES = [CITIZEN["cccd"], *(official["username"] for official in OFFICIALS)]


def test_the_province_has_its_full_list_of_commune_level_units(seeded):
    province = AdministrativeUnit.objects.get(code="22", parent=None)
    assert (province.name, province.kind) == ("Tỉnh Quảng Ninh", "province")
    assert selected_province() == province
    assert Counter(province.children.values_list("kind", flat=True)) == {"ward": 30, "commune": 22, "special_zone": 2}
    van_don = AdministrativeUnit.objects.get(code="06994")
    assert (van_don.name, van_don.name_en) == ("Đặc khu Vân Đồn", "Van Don Special Zone")
    assert AdministrativeUnit.objects.get(code="06712").name == "Phường Móng Cái 1"


def test_every_commune_has_a_people_committee_and_a_published_centre(seeded):
    communes = set(AdministrativeUnit.objects.filter(parent__code="22").values_list("code", flat=True))
    centres = ServiceCentre.objects.filter(level="commune", is_published=True)
    assert set(centres.values_list("unit__code", flat=True)) == communes and centres.count() == 54
    committees = Agency.objects.filter(unit__code__in=communes, is_people_committee=True)
    assert set(committees.values_list("unit__code", flat=True)) == communes
    assert set(centres.values_list("agency_id", flat=True)) == set(committees.values_list("pk", flat=True))
    ha_long = centres.get(slug="ha-long")
    assert ha_long.name == "Trung tâm Phục vụ hành chính công phường Hạ Long"
    assert ha_long.agency.name == "Ủy ban nhân dân phường Hạ Long"

    provincial = ServiceCentre.objects.get(level="province", is_published=True)
    assert provincial.agency.parent.code == "H49" and "Thứ Bảy" in provincial.opening_hours
    assert Agency.objects.get(code="H49").is_people_committee
    assert all(normalize_agency_code(code) == code for code in Agency.objects.values_list("code", flat=True))


def test_hotlines_are_valid_numbers_province_wide_and_per_centre(seeded):
    assert all(normalize_phone(n) == n for n in Hotline.objects.values_list("number", flat=True))
    assert set(Hotline.objects.filter(centre__isnull=True).values_list("number", flat=True)) >= {"18001096"}
    assert Hotline.objects.filter(centre__isnull=True).count() == 2
    assert set(Hotline.objects.filter(is_active=True).values_list("centre_id", flat=True)) - {None} == set(
        ServiceCentre.objects.values_list("pk", flat=True)
    )


def test_at_least_fifty_procedures_are_published_and_in_force(seeded):
    current = ProcedureVersion.objects.current()
    assert current.count() >= 50 and current.count() == Procedure.objects.count()
    assert not ProcedureVersion.objects.filter(status="draft").exists()
    assert set(current.values_list("decision__number", flat=True)) == {"01/QĐ-UBND-DEMO"}
    assert set(current.values_list("level", flat=True)) == {"province", "commune"}

    birth = current.select_related("agency").get(procedure__code="1.001193")
    assert (birth.name, birth.name_en, birth.level) == ("Đăng ký khai sinh", "Birth registration", "commune")
    assert (birth.processing_time, birth.processing_time_unit) == (8, "working_hours")
    assert birth.centres.count() == 54 and birth.regardless_of_residence
    enterprise = current.select_related("agency").get(procedure__code="2.002041")
    assert enterprise.agency.name == "Sở Tài chính"
    assert list(enterprise.centres.values_list("level", flat=True)) == ["province"]

    for version in current.prefetch_related("components", "steps"):
        components, steps = list(version.components.all()), list(version.steps.all())
        assert 2 <= len(components) <= 6, version.procedure.code
        assert 2 <= len(steps) <= 5, version.procedure.code
        assert sum(step.duration for step in steps) <= version.processing_time, version.procedure.code


def test_the_public_pages_show_the_demo_data(seeded, client):
    detail = client.get(reverse("procedures:detail", args=["1.001193"]))
    assert detail.status_code == 200 and "Đăng ký khai sinh" in detail.content.decode()
    centres = client.get("/centres/")
    assert centres.status_code == 200
    assert "Trung tâm Phục vụ hành chính công phường Hạ Long" in centres.content.decode()


def test_each_role_has_an_account_that_logs_in(seeded, client, settings):
    settings.RATELIMIT_ENABLE = False
    users = list(User.objects.filter(username__in=USERNAMES))
    assert {user.role for user in users} == set(User.Role.values)
    for user in users:
        assert user.membership_errors() == {}, user.username
        response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, user.username
        assert client.session.get("_auth_user_id") == str(user.pk)
        client.post(reverse("accounts:logout"))
    admin = next(user for user in users if user.role == User.Role.ADMIN)
    assert admin.is_staff
    officers = {user.username: user.centre.level for user in users if user.role == User.Role.OFFICER}
    assert sorted(officers.values()) == ["commune", "province"]


def test_the_command_prints_the_urls_and_the_accounts(seeded):
    for path in ("/", "/procedures/", "/centres/", "/api/docs/", "/admin/", "/procedures/manage/"):
        assert f"http://127.0.0.1:8000{path}" in seeded
    assert PASSWORD in seeded
    assert all(username in seeded for username in USERNAMES)
    assert "54 commune-level units" in seeded
    assert "Mock VNeID" in seeded and "022185004321 Trần Thị Mai (level 2)" in seeded


def _snapshot() -> dict:
    snapshot = {}
    for model in (AdministrativeUnit, Field, RequiredComponent, Fee, InternalProcessStep, ProcedureEvent):
        snapshot[model.__name__] = model.objects.count()
    snapshot["petitions"] = list(Petition.objects.order_by("pk").values_list("pk", "state", "updated_at"))
    for model in (Agency, ServiceCentre, Hotline, Procedure, ProcedureVersion, PublicationDecision):
        snapshot[model.__name__] = list(model.objects.order_by("pk").values_list("pk", "updated_at"))
    snapshot["users"] = list(User.objects.order_by("pk").values_list("pk", "password", "is_staff"))
    return snapshot


def test_a_second_run_leaves_the_loaded_province_alone(seeded, django_assert_max_num_queries):
    before = _snapshot()
    # 12, and one each for the demo's payment (demo.payments), its past dossiers (demo.history) and the readiness
    # board's (demo.readiness)
    with django_assert_max_num_queries(15):
        out = run_seed()
    assert _snapshot() == before
    assert "Tỉnh Quảng Ninh is already loaded" in out
    assert all(f"{username} " in out for username in USERNAMES) and "http://127.0.0.1:8000/procedures/" in out


def test_an_update_run_on_unchanged_data_writes_nothing(seeded, django_assert_max_num_queries):
    before = _snapshot()
    with django_assert_max_num_queries(60):
        out = run_seed("--update")
    assert _snapshot() == before
    assert "0 published now" in out
    counted = re.findall(r"(\d+) created, (\d+) updated", out)
    assert len(counted) == 5 and all(pair == ("0", "0") for pair in counted)
    assert out.count("(existing)") == len(USERNAMES)


def test_edits_survive_a_restart_and_update_puts_the_demo_row_back(seeded):
    ha_long = ServiceCentre.objects.get(slug="ha-long")
    co_to = ServiceCentre.objects.get(slug="co-to")
    ServiceCentre.objects.filter(pk=ha_long.pk).update(address="Số 1 Lê Thánh Tông")
    run_seed()
    ha_long.refresh_from_db()
    assert ha_long.address == "Số 1 Lê Thánh Tông"

    out = run_seed("--update")
    ha_long.refresh_from_db()
    assert ha_long.address == "Trụ sở Ủy ban nhân dân phường Hạ Long, tỉnh Quảng Ninh"
    assert "centres    0 created, 1 updated, 54 unchanged" in out
    assert ServiceCentre.objects.get(pk=co_to.pk).updated_at == co_to.updated_at


def test_the_demo_has_a_ca_agency_certificates_signers_and_a_leader_request_awaiting_approval(seeded):
    from signatures.models import Certificate, CertificateAuthority, CertificateRequest
    from signatures.services import signer_open

    assert CertificateAuthority.objects.count() == 2
    leader_request = CertificateRequest.objects.get(official__username="lanhdao.halong")
    assert leader_request.state == CertificateRequest.State.PENDING
    assert leader_request.position == "Chủ tịch Ủy ban nhân dân phường Hạ Long"
    agencies = set(Certificate.objects.filter(kind=Certificate.Kind.ORGANISATION).values_list("agency__code", flat=True))
    # The ward, the provincial Office, and the two wards the readiness board shows ready (demo.readiness).
    ready = set(Agency.objects.filter(unit__code__in=("06673", "06685"), is_people_committee=True)
                .values_list("code", flat=True))
    assert agencies == {leader_request.agency.code, "H49.01", *ready} and len(ready) == 2
    # The leaders who signed the demo's issued documents open their keys with the PIN seed_demo prints.
    for username in ("phochutich.halong", "lanhdao.vpubnd"):
        holder = signer_open(user=User.objects.get(username=username), pin=SIGNING_PIN)
        assert holder.certificate is not None
    assert f"{SIGNING_PIN}" in seeded
    assert User.objects.get(username="phochutich.halong").position == "Phó Chủ tịch Ủy ban nhân dân phường Hạ Long"


def test_the_ward_keeps_its_documents_in_units_and_registers(seeded):
    from documents.models import OrgUnit, Register

    ward = Agency.objects.get(unit__code="06688", is_people_committee=True)
    culture = OrgUnit.objects.get(agency=ward, code="VHXH")
    assert {(m.user.username, m.is_head) for m in culture.memberships.select_related("user")} == {
        ("truongphong.halong", True), ("chuyenvien.halong", False)}
    for agency in (ward, Agency.objects.get(code="H49.01")):
        assert set(Register.objects.filter(agency=agency).values_list("direction", "secret")) == {
            ("outgoing", False), ("incoming", False), ("outgoing", True), ("incoming", True)}
