"""Admin-only catalogue commands: POST /api/v1/decisions/ and POST /api/v1/procedures/{code}/publish/."""

import pytest

from procedures.models import ProcedureEvent, ProcedureVersion, PublicationDecision
from procedures.services import procedure_draft_save
from tests.factories import UserFactory
from tests.procedures.factories import make_data, publish_new

pytestmark = pytest.mark.django_db

DECISION = {"number": "12/QĐ-UBND", "signed_on": "2025-06-20", "signer": "Trần Văn Ký", "signer_position": "Chủ tịch"}


@pytest.fixture
def admin(client):
    user = UserFactory(admin=True)
    client.force_login(user)
    return user


def post(client, url, data):
    return client.post(url, data, content_type="application/json", headers={"accept-language": "en"})


def test_record_decision_then_publish_a_draft(client, admin):
    procedure_draft_save(code="1.000101", data=make_data(), actor=admin)

    created = post(client, "/api/v1/decisions/", DECISION)
    assert created.status_code == 201
    assert created.json() == DECISION

    response = post(client, "/api/v1/procedures/1.000101/publish/",
                    {"decision": "12/QĐ-UBND", "effective_from": "2025-07-01"})
    assert response.status_code == 200
    assert response.json() == {"code": "1.000101", "version": 1, "status": "published", "effective_from": "2025-07-01",
                               "decision": DECISION}
    assert client.get("/api/v1/procedures/1.000101/").json()["decision"]["number"] == "12/QĐ-UBND"


def test_publishing_when_the_draft_is_gone_is_a_404(client, admin):
    publish_new("1.000101", admin)
    post(client, "/api/v1/decisions/", DECISION)
    response = post(client, "/api/v1/procedures/1.000101/publish/",
                    {"decision": "12/QĐ-UBND", "effective_from": "2025-07-01"})
    assert response.status_code == 404  # no draft left to publish
    assert response.json()["code"] == "catalogue.no_draft"


def test_rule_errors_come_back_in_the_error_shape(client, admin):
    procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    post(client, "/api/v1/decisions/", DECISION)
    response = post(client, "/api/v1/procedures/1.000101/publish/",
                    {"decision": "12/QĐ-UBND", "effective_from": "2025-06-01"})
    assert response.status_code == 400
    assert response.json() == {
        "code": "catalogue.invalid",
        "message": "The effective date 1 Jun 2025 is before the decision was signed (20 Jun 2025).",
        "extra": {"errors": {"effective_from": ["Must be on or after the signing date."]}},
    }
    unknown = post(client, "/api/v1/procedures/1.000101/publish/", {"decision": "99/QĐ", "effective_from": "2025-07-01"})
    assert unknown.status_code == 400 and unknown.json()["message"] == "There is no recorded decision 99/QĐ."
    missing = post(client, "/api/v1/procedures/1.000101/publish/", {})
    assert missing.status_code == 400 and set(missing.json()["extra"]) == {"decision", "effective_from"}
    duplicate = post(client, "/api/v1/decisions/", DECISION)
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "catalogue.decision_exists"
    assert ProcedureVersion.objects.get().status == "draft"


def test_only_provincial_admins(client):
    anonymous = post(client, "/api/v1/decisions/", DECISION)
    assert anonymous.status_code == 403
    client.force_login(UserFactory(officer=True))
    officer = post(client, "/api/v1/decisions/", DECISION)
    assert officer.status_code == 403
    assert officer.json() == {"code": "catalogue.forbidden",
                              "message": "Only a provincial admin can change the procedure catalogue.", "extra": {}}
    admin = UserFactory(admin=True)
    procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    PublicationDecision.objects.create(number="1/QĐ", signed_on="2025-06-01", signer="A", created_by=admin)
    response = post(client, "/api/v1/procedures/1.000101/publish/", {"decision": "1/QĐ", "effective_from": "2025-07-01"})
    assert response.status_code == 403
    assert PublicationDecision.objects.count() == 1
    assert not ProcedureEvent.objects.filter(kind="published").exists()
