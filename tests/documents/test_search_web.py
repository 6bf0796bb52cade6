"""The search page and ``GET /api/v1/documents/search/``: results the user may see, newest first, a page at
a time; bad or hostile input answered with a message, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from documents.models import Document
from tests.documents import cast
from tests.documents.search_helpers import document_make
from tests.factories import UserFactory

API = "/api/v1/documents/search/"


media = cast.media  # the fixture


@pytest.fixture(autouse=True)
def _media(media):
    """Files in a temporary directory; quick password hashing for the cast."""
    return media


@pytest.fixture
def shelf(office, other_office):
    return {
        "decision": document_make(office, direction="outgoing", type_code="quyet-dinh", code_number="15",
                                  code_notation="QĐ-UBND", subject="Quyết định về việc khen thưởng",
                                  issued_date=dt.date(2026, 3, 2)),
        "letter": document_make(office, subject="Về việc tổ chức hội thao", organ_name="Sở Văn hóa",
                                file_text="Đề nghị các đơn vị đăng ký tham gia hội thao truyền thống."),
        "secret": document_make(office, subject="Về việc khen thưởng bí mật", secrecy=Document.Secrecy.SECRET),
        "theirs": document_make(other_office, subject="Quyết định về việc khen thưởng"),
    }


def test_the_search_page_finds_words_without_diacritics(client, office, shelf):
    client.force_login(office.clerk)
    answer = client.get(reverse("documents:search"), {"q": "khen thuong"})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "15/QĐ-UBND" in page and "Quyết định về việc khen thưởng" in page
    assert "bí mật" not in page and str(shelf["theirs"].uuid) not in page
    answer = client.get(reverse("documents:search"), {"q": "truyen thong"})
    assert "Về việc tổ chức hội thao" in answer.content.decode()


def test_the_page_keeps_its_filters_in_its_links(client, office):
    for i in range(30):
        document_make(office, subject=f"Giấy mời họp số {i}", type_code="giay-moi")
    client.force_login(office.clerk)
    answer = client.get(reverse("documents:search"), {"q": "giay moi", "type": "giay-moi", "urgency": "x"})
    page = answer.content.decode()
    assert answer.status_code == 200 and "Giấy mời họp số 29" in page and "Giấy mời họp số 4<" not in page
    assert "q=giay+moi&amp;type=giay-moi&amp;page=2" in page  # the bad urgency is dropped
    answer = client.get(reverse("documents:search"), {"q": "giay moi", "type": "giay-moi", "page": "2"})
    assert "Giấy mời họp số 0<" in answer.content.decode()


@pytest.mark.parametrize("query", ["x" * 201, "a" * 100_000])
def test_a_query_too_long_is_refused_with_a_message(client, office, shelf, query):
    client.force_login(office.clerk)
    answer = client.get(reverse("documents:search"), {"q": query})
    assert answer.status_code == 400 and "200" in answer.content.decode()


@pytest.mark.parametrize("query", ["a & | !", "%", "_", "'; --", "!(a|b):*", '"', "🙂", "\\", "%%%_"])
def test_hostile_queries_answer_a_page(client, office, shelf, query):
    client.force_login(office.clerk)
    assert client.get(reverse("documents:search"), {"q": query}).status_code == 200
    assert client.get(API, {"q": query}).status_code == 200


def test_a_nul_byte_is_refused_before_any_query(client, office, shelf):
    client.force_login(office.clerk)
    assert client.get(reverse("documents:search"), {"q": "khen\x00thuong"}).status_code == 400
    assert client.get(API, {"q": "khen\x00"}).status_code == 400


def test_citizens_and_visitors_get_no_search(client, office, shelf):
    assert client.get(reverse("documents:search")).status_code == 302
    assert client.get(API).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("documents:search")).status_code == 403
    assert client.get(API, {"q": "khen"}).status_code == 403


def test_the_api_searches_what_the_user_may_see(client, office, shelf):
    client.force_login(office.clerk)
    answer = client.get(API, {"q": "khen thuong"})
    assert answer.status_code == 200
    body = answer.json()
    assert [r["number"] for r in body["results"]] == ["15/QĐ-UBND"]
    assert body["page"] == 1 and body["next"] is None and body["previous"] is None and body["partial"] is False
    answer = client.get(API, {"q": "15/QĐ-UBND", "direction": "outgoing", "type": "quyet-dinh"})
    assert [r["subject"] for r in answer.json()["results"]] == ["Quyết định về việc khen thưởng"]
    answer = client.get(API, {"q": "thuon"})
    assert answer.json()["partial"] is True and len(answer.json()["results"]) == 1


def test_the_api_pages_without_a_total(client, office):
    for i in range(3):
        document_make(office, subject=f"Báo cáo tháng {i}")
    client.force_login(office.clerk)
    body = client.get(API, {"q": "bao cao", "page_size": 2}).json()
    assert len(body["results"]) == 2 and "page=2" in body["next"] and "page_size=2" in body["next"]
    body = client.get(body["next"]).json()
    assert [r["subject"] for r in body["results"]] == ["Báo cáo tháng 0"] and body["next"] is None
    assert "page=1" in body["previous"]


@pytest.mark.parametrize("params", [
    {"q": "x" * 201}, {"page": "0"}, {"page": "abc"}, {"page_size": "1000"}, {"type": "nonsense"},
    {"urgency": "9"}, {"date_from": "2026-02-30"}, {"date_from": "2026-03-01", "date_to": "2026-02-01"},
    {"direction": "sideways"}, {"sender": "s" * 300},
])
def test_bad_api_parameters_are_a_400_with_the_field(client, office, params):
    client.force_login(office.clerk)
    answer = client.get(API, params)
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "document.invalid" and set(params) & set(body["extra"]["errors"])
