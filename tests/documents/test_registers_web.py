"""The registers and reports pages: for the agency's clerks and leaders; the register as a PDF or a
workbook for a complete request, clear messages for a bad one."""

import pytest
from django.urls import reverse

from tests.documents import cast, register_book

book = register_book.book  # the fixture
URL = "/documents/registers/"


media = cast.media  # the fixture


@pytest.fixture(autouse=True)
def _media(media):
    """Files in a temporary directory; quick password hashing for the cast."""
    return media


def asked(client, user, **params):
    client.force_login(user)
    return client.get(reverse("documents:registers"), params)


def test_the_clerk_downloads_a_register_as_pdf_and_as_excel(client, office, book):
    params = {"kind": "outgoing", "register": office.outgoing.pk, "start": "2026-01-01", "end": "2026-12-31"}
    answer = asked(client, office.clerk, **params, format="pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content).startswith(b"%PDF-")
    answer = asked(client, office.leader, **params, format="xlsx")
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    answer = asked(client, office.clerk, kind="tracking", start="2026-01-01", end="2026-12-31", format="pdf")
    assert answer.status_code == 200


def test_the_form_shows_this_year_and_the_agencys_registers_only(client, office, other_office):
    answer = asked(client, office.clerk)
    page = answer.content.decode()
    assert answer.status_code == 200 and "2026-01-01" in page and "2026-12-31" in page
    assert "Sổ văn bản đi" in page and "Sổ văn bản đến mật" in page
    assert f'value="{other_office.outgoing.pk}"' not in page


@pytest.mark.parametrize(("params", "message"), [
    ({"kind": "outgoing", "start": "2026-01-01", "end": "2026-12-31"}, "Chọn sổ đăng ký"),
    ({"kind": "incoming", "register": "OUT", "start": "2026-01-01", "end": "2026-12-31"}, "không phải"),
    ({"kind": "outgoing", "register": "OTHER", "start": "2026-01-01", "end": "2026-12-31"}, "Chọn một trong"),
    ({"kind": "outgoing", "register": "OUT", "start": "2026-12-31", "end": "2026-01-01"}, "không được trước"),
    ({"kind": "outgoing", "register": "OUT", "start": "2024-01-01", "end": "2026-12-31"}, "không quá một năm"),
    ({"kind": "outgoing", "register": "OUT", "start": "31/31/2026", "end": "2026-12-31"}, "Nhập ngày"),
    ({"kind": "nonsense", "register": "OUT", "start": "2026-01-01", "end": "2026-12-31"}, "lựa chọn hợp lệ"),
    ({"kind": "outgoing", "register": "1; DROP TABLE", "start": "2026-01-01", "end": "x" * 5000}, "Nhập ngày"),
])
def test_a_bad_request_is_explained_and_nothing_is_made(client, office, other_office, params, message):
    ids = {"OUT": office.outgoing.pk, "OTHER": other_office.outgoing.pk}
    params = {**params, "register": ids.get(params.get("register"), params.get("register", ""))}
    answer = asked(client, office.clerk, **{k: v for k, v in params.items() if v != ""}, format="pdf")
    assert answer.status_code == 400 and answer["Content-Type"].startswith("text/html")
    assert message in answer.content.decode()


@pytest.mark.parametrize("who", ["head", "specialist"])
def test_officials_who_keep_no_register_are_refused(client, office, who):
    assert asked(client, getattr(office, who)).status_code == 403
    client.force_login(getattr(office, who))
    assert client.get(reverse("documents:reports")).status_code == 403


def test_the_incoming_report_on_the_page_and_as_downloads(client, office, book):
    client.force_login(office.leader)
    url = reverse("documents:reports")
    answer = client.get(url, {"kind": "incoming", "start": "2026-01-01", "end": "2026-12-31"})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Phòng Văn hóa - Xã hội" in page and "Chưa giao đơn vị chủ trì" in page and "Tổng cộng" in page
    answer = client.get(url, {"kind": "incoming", "start": "2026-01-01", "end": "2026-12-31", "format": "pdf"})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    answer = client.get(url, {"kind": "outgoing", "start": "2026-01-01", "end": "2026-12-31", "format": "xlsx"})
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    answer = client.get(url, {"kind": "outgoing", "start": "2026-01-01", "end": "2026-12-31"})
    assert "Quyết định" in answer.content.decode() and "Phòng Văn hóa - Xã hội" in answer.content.decode()
    answer = client.get(url, {"kind": "outgoing", "start": "2026-12-31", "end": "2026-01-01"})
    assert answer.status_code == 400 and "không được trước" in answer.content.decode()


def test_in_english_too(client, office, book):
    client.force_login(office.clerk)
    client.cookies["django_language"] = "en"
    answer = client.get(reverse("documents:reports"), {"kind": "incoming", "start": "2026-01-01",
                                                       "end": "2026-12-31"})
    page = answer.content.decode()
    assert "Handling of incoming documents" in page and "Done on time" in page
