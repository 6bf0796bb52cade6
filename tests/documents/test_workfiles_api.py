"""``/api/v1/documents/work-files/``: the commands, their errors, and what each answer shows."""

import pytest
from django.urls import reverse

from documents.models import WorkFile
from tests.documents.cast import document_make, media  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def post(client, name, args=(), data=None):
    return client.post(reverse(f"documents_api:{name}", args=args), data or {}, content_type="application/json")


def test_open_fill_close_and_freeze_through_the_api(client, office):
    document = document_make(office, subject="Công văn về an toàn giao thông", unit=office.culture, pages=4)
    client.force_login(office.clerk)
    answer = post(client, "workfile-list", data={"notation": "VP.01", "title": "Hồ sơ an toàn giao thông",
                                                 "maintenance": "10 năm", "unit": "VP", "year": 2026,
                                                 "start_date": "2026-01-05"})
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["file_code"] == "000.00.31.H01.2026.VP.01" and body["unit"] == "VP" and body["state"] == "open"
    uuid = body["uuid"]
    answer = post(client, "workfile-add", [uuid], {"document": str(document.uuid)})
    assert answer.status_code == 200
    assert (answer.json()["doc_total"], answer.json()["page_total"]) == (1, 4)
    assert [row["subject"] for row in answer.json()["documents"]] == [document.subject]
    answer = client.patch(reverse("documents_api:workfile-detail", args=[uuid]), {"maintenance": "Vĩnh viễn"},
                          content_type="application/json")
    assert answer.status_code == 200 and answer.json()["maintenance"] == "Vĩnh viễn"
    assert answer.json()["title"] == "Hồ sơ an toàn giao thông"
    answer = post(client, "workfile-close", [uuid], {"end_date": "2026-06-30"})
    assert answer.json()["deposit_due"] == "2027-06-30" and answer.json()["state"] == "closed"
    assert post(client, "workfile-freeze", [uuid]).json()["state"] == "frozen"
    refused = post(client, "workfile-remove", [uuid], {"document": str(document.uuid)})
    assert refused.status_code == 409 and refused.json()["code"] == "document.workfile_frozen"
    assert client.delete(reverse("documents_api:workfile-detail", args=[uuid])).status_code == 409
    listed = client.get(reverse("documents_api:workfile-list"), {"year": "2026", "state": "frozen"}).json()
    assert [row["file_code"] for row in listed["results"]] == ["000.00.31.H01.2026.VP.01"]
    assert post(client, "workfile-deposit", [uuid]).json()["state"] == "deposited"


def test_bad_input_is_named_and_changes_nothing(client, office):
    client.force_login(office.head)
    answer = post(client, "workfile-list", data={"notation": "x/y", "title": "Hồ sơ", "maintenance": "10 năm"})
    assert answer.status_code == 400 and "notation" in answer.json()["extra"]["errors"]
    answer = post(client, "workfile-list", data={"notation": "01", "title": "Hồ sơ", "maintenance": "10 năm",
                                                 "unit": "KHONG"})
    assert answer.status_code == 400 and "unit" in answer.json()["extra"]["errors"]
    answer = post(client, "workfile-list", data={"notation": "01", "title": "Hồ sơ", "maintenance": "10 năm",
                                                 "year": "năm nay", "start_date": "31/02/2026"})
    assert answer.status_code == 400 and {"year", "start_date"} <= set(answer.json()["extra"]["errors"])
    assert not WorkFile.objects.exists()
    answer = post(client, "workfile-list", data={"notation": "01", "title": "Hồ sơ", "maintenance": "10 năm"})
    uuid = answer.json()["uuid"]
    assert post(client, "workfile-add", [uuid], {"document": "not-a-uuid"}).status_code == 400
    missing = post(client, "workfile-add", [uuid], {"document": "00000000-0000-0000-0000-000000000000"})
    assert missing.status_code == 404 and missing.json()["code"] == "document.not_found"
    again = post(client, "workfile-list", data={"notation": "01", "title": "Hồ sơ khác", "maintenance": "05 năm"})
    assert again.status_code == 400 and again.json()["code"] == "document.workfile_code_taken"


def test_a_citizen_and_another_agency_get_nothing(client, office, other_office):
    from tests.factories import UserFactory

    client.force_login(office.clerk)
    uuid = post(client, "workfile-list", data={"notation": "01", "title": "Hồ sơ", "maintenance": "10 năm"}).json()[
        "uuid"]
    client.force_login(UserFactory())
    assert client.get(reverse("documents_api:workfile-list")).status_code == 403
    assert post(client, "workfile-list", data={"notation": "02", "title": "Hồ sơ", "maintenance": "10 năm"}
                ).status_code == 403
    client.force_login(other_office.clerk)
    assert client.get(reverse("documents_api:workfile-list")).json()["count"] == 0
    assert client.get(reverse("documents_api:workfile-detail", args=[uuid])).json()["code"] == (
        "document.workfile_not_found")
