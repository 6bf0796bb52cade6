"""Downloads of a dossier's files, result and slips, and the tracking book page: who gets what."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.services import dossier_refuse, result_receive_online
from tests.dossiers.factories import received, result_ready, submitted
from tests.dossiers.test_slips import pdf_text
from tests.factories import AgencyFactory, ServiceCentreFactory, UserFactory


def client_for(user=None) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def stranger_officer(world):
    centre = ServiceCentreFactory(slug="khac", agency=AgencyFactory(code="000.02.49.H49"))
    return UserFactory(username="motcua.khac", role="officer", agency=centre.agency, centre=centre)


def _matrix(world, stranger_officer):
    return {
        "applicant": (world.citizen, 200), "other citizen": (world.other_citizen, 404),
        "centre officer": (world.officer, 200), "officer of another centre": (stranger_officer, 404),
        "provincial admin": (world.admin, 200),
    }


def test_file_download_authorization(world, stranger_officer):
    dossier = received(world)
    row = dossier.files.filter(is_current=True).first()
    url = reverse("dossiers:file", args=[dossier.uuid, row.pk])
    for who, (user, status) in _matrix(world, stranger_officer).items():
        response = client_for(user).get(url)
        assert response.status_code == status, who
        if status == 200:
            assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == row.sha256
            assert response["Content-Type"] == "application/pdf"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert 'filename="giay-chung-sinh.pdf"' in response["Content-Disposition"]
    anonymous = client_for().get(url)
    assert anonymous.status_code == 302 and reverse("accounts:login") in anonymous["Location"]


def test_viewer_pages_authorization(world, stranger_officer):
    """The viewer pages answer the same matrix as the downloads they frame (the applicant once they have
    received the electronic result)."""
    dossier = result_receive_online(dossier=result_ready(world), citizen=world.citizen)
    row = dossier.files.filter(is_current=True).first()
    pages = {"file": reverse("dossiers:file_view", args=[dossier.uuid, row.pk]),
             "result": reverse("dossiers:result_view", args=[dossier.uuid])}
    for what, url in pages.items():
        for who, (user, status) in _matrix(world, stranger_officer).items():
            response = client_for(user).get(url)
            assert response.status_code == status, (what, who)
            if status == 200:
                assert "viewer__frame" in response.content.decode()
        assert client_for().get(url).status_code == 302


def test_file_of_another_dossier_is_not_served_through_mine(world):
    mine, theirs = received(world), received(world, citizen=world.other_citizen, cccd="001195054321")
    their_file = theirs.files.first()
    response = client_for(world.citizen).get(reverse("dossiers:file", args=[mine.uuid, their_file.pk]))
    assert response.status_code == 404


def test_download_name_is_sanitised(world):
    dossier = received(world)
    row = dossier.files.first()
    row.original_name = '../../etc/giấy "khai" sinh.pdf'
    row.save()
    response = client_for(world.citizen).get(reverse("dossiers:file", args=[dossier.uuid, row.pk]) + "?download=1")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert ".." not in disposition and "/" not in disposition.split("filename")[1].split(";")[0]
    assert "utf-8''gi%E1%BA%A5y_khai_sinh.pdf" in disposition


def test_result_download(world, stranger_officer):
    dossier = result_receive_online(dossier=result_ready(world), citizen=world.citizen)
    url = reverse("dossiers:result", args=[dossier.uuid])
    for who, (user, status) in _matrix(world, stranger_officer).items():
        response = client_for(user).get(url)
        assert response.status_code == status, who
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
            assert "01-TLKS-UBND.pdf" in response["Content-Disposition"]  # named after its number
    assert client_for().get(url).status_code == 302


def test_applicant_waits_for_the_result_officials_do_not(world):
    from dossiers.services import step_complete
    from tests.dossiers.factories import pdf_upload

    dossier = received(world)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader, result=pdf_upload("ket-qua.pdf"))
    url = reverse("dossiers:result", args=[dossier.uuid])
    refused = client_for(world.citizen).get(url)
    assert refused.status_code == 404 and b"not ready yet" in refused.content
    # Signed, not numbered yet: officials read the result document as it is; the applicant never does.
    signed = reverse("dossiers:result_document", args=[dossier.uuid])
    assert client_for(world.officer).get(signed).status_code == 200
    assert client_for(world.citizen).get(signed).status_code == 404
    step_complete(dossier=dossier, position=4, user=world.clerk)
    assert client_for(world.officer).get(url).status_code == 200
    assert client_for(world.citizen).get(url).status_code == 404  # until they receive it online


def test_slip_download(world, stranger_officer):
    dossier = received(world)
    url = reverse("dossiers:slip", args=[dossier.uuid, "01"])
    for who, (user, status) in _matrix(world, stranger_officer).items():
        response = client_for(user).get(url)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert f"mau-01-{dossier.code}.pdf" in response["Content-Disposition"]
            text = pdf_text(b"".join(response.streaming_content))
            assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and dossier.code in text
    assert client_for().get(url).status_code == 302


def test_missing_slip_is_404_with_a_message(world):
    dossier = submitted(world)
    dossier_refuse(dossier=dossier, officer=world.officer, reason="Không thuộc thẩm quyền")
    client = client_for(world.citizen)
    assert client.get(reverse("dossiers:slip", args=[dossier.uuid, "03"])).status_code == 200
    missing = client.get(reverse("dossiers:slip", args=[dossier.uuid, "01"]))
    assert missing.status_code == 404 and b"This dossier has no such slip." in missing.content
    assert client.get(reverse("dossiers:slip", args=[dossier.uuid, "xx"])).status_code == 404


def test_unknown_dossier_is_404(world):
    import uuid

    response = client_for(world.admin).get(reverse("dossiers:slip", args=[uuid.uuid4(), "01"]))
    assert response.status_code == 404


def test_book_page_offers_an_officer_only_their_centre(world):
    response = client_for(world.officer).get(reverse("dossiers:book"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dossier tracking book" in page
    assert "Trung tâm Phục vụ hành chính công phường Hạ Long" in page
    assert "Trung tâm Phục vụ hành chính công tỉnh" not in page


def test_book_page_offers_an_admin_every_centre(world):
    page = client_for(world.admin).get(reverse("dossiers:book")).content.decode()
    assert "Trung tâm Phục vụ hành chính công phường Hạ Long" in page
    assert "Trung tâm Phục vụ hành chính công tỉnh" in page


def test_book_is_for_officers_and_admins(world):
    url = reverse("dossiers:book")
    assert client_for().get(url).status_code == 302
    assert client_for(world.citizen).get(url).status_code == 403
    assert client_for(world.specialist).get(url).status_code == 403


def test_book_downloads_pdf_and_xlsx(world):
    dossier = received(world)
    day = timezone.localdate(dossier.received_at)
    query = {"centre": world.centre.pk, "start": f"{day:%Y-%m-%d}", "end": f"{day:%Y-%m-%d}"}
    client = client_for(world.officer)
    as_pdf = client.get(reverse("dossiers:book"), {**query, "format": "pdf"})
    assert as_pdf.status_code == 200 and as_pdf["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(as_pdf.streaming_content))
    assert "SỔ THEO DÕI HỒ SƠ" in text and dossier.code[:20] in text and "Nguyễn Văn An" in text
    as_xlsx = client.get(reverse("dossiers:book"), {**query, "format": "xlsx"})
    assert as_xlsx.status_code == 200 and as_xlsx["Content-Disposition"].startswith("attachment;")
    assert ".xlsx" in as_xlsx["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content))).active
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == [dossier.code]


def test_book_rejects_another_centre_and_bad_periods(world):
    client = client_for(world.officer)
    url = reverse("dossiers:book")
    other = client.get(url, {"centre": world.provincial_centre.pk, "start": "2026-12-01", "end": "2026-12-31",
                             "format": "pdf"})
    assert other.status_code == 400 and b"Choose one of the centres listed." in other.content
    backwards = client.get(url, {"centre": world.centre.pk, "start": "2026-12-31", "end": "2026-12-01",
                                 "format": "pdf"})
    assert backwards.status_code == 400 and b"must not be before its start" in backwards.content
    too_long = client.get(url, {"centre": world.centre.pk, "start": "2025-01-01", "end": "2026-12-31",
                                "format": "xlsx"})
    assert too_long.status_code == 400 and b"at most one year" in too_long.content
    garbage = client.get(url, {"centre": world.centre.pk, "start": "hôm qua", "end": "", "format": "doc"})
    assert garbage.status_code == 400
    assert b"Enter a date" in garbage.content and b"This field is required" in garbage.content


def test_book_page_speaks_vietnamese_by_default(world):
    client = Client()
    client.force_login(world.officer)
    page = client.get(reverse("dossiers:book")).content.decode()
    assert "Sổ theo dõi hồ sơ" in page and "Tải sổ theo dõi" in page and "Tiếp nhận từ ngày" in page
