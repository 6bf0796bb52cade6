"""Tra cứu văn bản (issue 12 §4): every field and the text of the PDFs, without diacritics, with filters,
only what the user may see, and no input that breaks it."""

import datetime as dt
import io

import pytest

from documents.models import Assignment, Document, DocumentSearch, Participant
from documents.selectors.search import (
    MAX_PAGE,
    SearchFilters,
    document_search,
    page_number,
    parse_query,
    search_page,
    tsquery,
)
from documents.services.search import search_refresh
from tests.documents import cast
from tests.documents.search_helpers import document_make, moment

media = cast.media  # the fixture


@pytest.fixture(autouse=True)
def _media(media):
    """Files in a temporary directory; quick password hashing for the cast."""
    return media


def found(user, **filters) -> list[Document]:
    """What the search page shows."""
    return search_page(user, SearchFilters(**filters), 1, per_page=100).rows


@pytest.fixture
def library(office, other_office):
    """A few documents of the office (and one of another agency that says the same)."""
    return {
        "decision": document_make(
            office, direction="outgoing", type_code="quyet-dinh", code_number="15", code_notation="QĐ-UBND",
            subject="Quyết định về việc khen thưởng tập thể, cá nhân", issued_date=dt.date(2026, 3, 2),
            signer_name="Trần Văn Chủ Tịch", organ_name="Ủy ban nhân dân xã Tân Hòa", urgency=1),
        "letter": document_make(
            office, code_number="45", code_notation="UBND-VP", subject="Về việc tổ chức Ngày hội đại đoàn kết",
            organ_name="Ủy ban nhân dân xã Bình An", organ_id="000.00.32.H01", issued_date=dt.date(2026, 5, 10),
            arrival_at=moment(dt.date(2026, 5, 12)), arrival_number=7, signer_name="Lê Thị Ký",
            file_text="Đề nghị các đơn vị đăng ký tham gia hội thao truyền thống trước ngày 20 tháng 5."),
        "plan": document_make(
            office, type_code="ke-hoach", code_number="115", code_notation="QĐ-UBND", subject="Kế hoạch phòng chống thiên tai",
            organ_name="Sở Nông nghiệp và Môi trường", issued_date=dt.date(2025, 11, 1),
            arrival_at=moment(dt.date(2025, 11, 3)), arrival_number=210, state=Document.State.DONE),
        "theirs": document_make(other_office, subject="Quyết định về việc khen thưởng tập thể"),
    }


def test_words_without_diacritics_find_the_subject_with_them(office, library):
    assert found(office.clerk, query="quyet dinh khen thuong") == [library["decision"]]
    assert found(office.clerk, query="QUYẾT ĐỊNH") == [library["decision"]]
    assert found(office.clerk, query="dai doan ket") == [library["letter"]]  # "đ" folds to "d"


def test_the_text_of_the_pdf_is_searched(office, library):
    stored = DocumentSearch.objects.get(document=library["letter"])
    assert "hoi thao truyen thong" in stored.text
    assert found(office.clerk, query="hoi thao truyen thong") == [library["letter"]]
    assert found(office.clerk, query="hội thao") == [library["letter"]]


def test_part_of_one_word_is_found_in_the_metadata_and_words_are_whole_otherwise(office, library):
    assert found(office.clerk, query="thuon") == [library["decision"]]  # in the subject
    assert found(office.clerk, query="phong chon") == []  # two words: each is a whole word
    assert found(office.clerk, query="truyen thon") == []  # only the file says it


def test_a_number_and_symbol_is_found_as_written_and_not_inside_another(office, library):
    assert found(office.clerk, query="15/QĐ-UBND") == [library["decision"]]
    assert found(office.clerk, query="15/qd-ubnd") == [library["decision"]]
    assert set(found(office.clerk, query="QĐ-UBND")) == {library["decision"], library["plan"]}
    assert found(office.clerk, query="45/UBND-VP") == [library["letter"]]
    assert found(office.clerk, query="115/QĐ") == [library["plan"]]


def test_part_of_a_word_in_the_metadata_is_found_through_the_substring(office, library):
    assert found(office.clerk, query="huong tap") == []  # two words: each must be a word's start
    assert found(office.clerk, query="uyet dinh") == []
    assert found(office.clerk, query="ong tap the") == []
    assert found(office.clerk, query="hưởng") == [library["decision"]]  # inside "thưởng"
    assert found(office.clerk, query="qd-ub") == [library["plan"], library["decision"]]
    assert found(office.clerk, query="15/qd-ub") == [library["decision"]]
    assert found(office.clerk, query="5/qd-ub") == []  # numbers are whole


def test_parts_of_words_only_when_no_document_has_the_words(office, library):
    page = search_page(office.clerk, SearchFilters(query="thuon"), 1)
    assert page.rows == [library["decision"]] and page.partial
    page = search_page(office.clerk, SearchFilters(query="thuong"), 1)
    assert page.rows == [library["decision"]] and not page.partial
    assert list(document_search(office.clerk, SearchFilters(query="thuong"))) == [library["decision"]]
    assert list(document_search(office.clerk, SearchFilters(query="thuon"))) == []


def test_a_phrase_in_quotes_must_be_in_that_order(office, library):
    assert found(office.clerk, query='"tap the ca nhan"') == [library["decision"]]
    assert found(office.clerk, query='"ca nhan tap the"') == []


def test_ki_and_ky_are_one_spelling(office, library):
    assert found(office.clerk, query="le thi ki") == [library["letter"]]
    assert found(office.clerk, query="le thi ky") == [library["letter"]]


def test_filters(office, library):
    decision, letter, plan = library["decision"], library["letter"], library["plan"]
    assert found(office.clerk, direction="outgoing") == [decision]
    assert found(office.clerk, document_type="ke-hoach") == [plan]
    assert found(office.clerk, state="done") == [plan]
    assert found(office.clerk, urgency=1) == [decision]
    assert found(office.clerk, secrecy=0, direction="incoming") == [plan, letter]
    assert found(office.clerk, date_from=dt.date(2026, 1, 1)) == [letter, decision]
    assert found(office.clerk, date_from=dt.date(2026, 5, 11), date_to=dt.date(2026, 5, 12),
                 date_field="arrival") == [letter]
    assert found(office.clerk, date_from=dt.date(2026, 5, 11), date_to=dt.date(2026, 5, 12)) == []
    assert found(office.clerk, sender="000.00.32.H01") == [letter]
    assert found(office.clerk, sender="Bình An") == [letter]
    assert found(office.clerk, signer="Trần Văn") == [decision]
    assert found(office.clerk, query="khen thuong", direction="incoming") == []


@pytest.mark.postgres_only
def test_the_sender_and_signer_filters_ignore_diacritics(office, library):
    assert found(office.clerk, sender="binh an") == [library["letter"]]
    assert found(office.clerk, sender="NÔNG nghiep") == [library["plan"]]
    assert found(office.clerk, signer="tran van") == [library["decision"]]


def test_newest_first(office, library):
    assert found(office.clerk) == [library["plan"], library["letter"], library["decision"]]


def test_only_what_the_user_may_see_and_never_anothers_secret_document(office, other_office, library):
    secret = document_make(office, subject="Về việc bảo vệ bí mật nhà nước", secrecy=Document.Secrecy.SECRET,
                           file_text="Tài liệu mật về phương án bảo vệ")
    for user in (office.clerk, office.leader, office.specialist, other_office.clerk):
        assert secret not in found(user, query="bi mat")
        assert secret not in found(user, query="phuong an bao ve")
        assert secret not in found(user)
    assert found(other_office.clerk, query="khen thuong") == [library["theirs"]]
    assert found(office.specialist, query="khen thuong") == []
    Participant.objects.create(document=secret, user=office.leader, role="reader")
    assert found(office.leader, query="bi mat") == [secret]
    assert found(office.clerk, query="bi mat") == []
    Assignment.objects.create(document=library["letter"], user=office.specialist, role="lead",
                              assigned_by=office.leader)
    assert found(office.specialist, query="hoi thao") == [library["letter"]]


HOSTILE = ["a & | !", "!(a | b) & c:*", "'; DROP TABLE documents_document; --", "%", "_", "%%%_%%", "50%",
           "\\", "\\%", '"', '""', '"unclosed', "<->", "a <-> b", "x" * 5000, "quyết " * 300, "\u0301\u0300",
           "🙂🙂🙂", "ｑｕｙｅｔ", "(", ")", "*:*", ":*", "\u200b", "\t\n"]


NOTHING_TO_LOOK_FOR = {"%", "_", "%%%_%%", "\\", "\\%", '"', '""', "<->", "\u0301\u0300", "🙂🙂🙂", "(", ")", "*:*",
                       ":*", "\u200b"}


def test_hostile_queries_never_break_the_search(office, library):
    for query in HOSTILE:
        results = found(office.clerk, query=query)
        assert library["theirs"] not in results, query
        if query in NOTHING_TO_LOOK_FOR:
            assert results == [], query  # nothing to look for is not "everything"
    assert len(found(office.clerk, query="\t\n ")) == 3  # blank: no query, every document


def test_percent_and_underscore_are_literal(office):
    rate = document_make(office, subject="Tỷ lệ giải ngân đạt 50% kế hoạch", code_notation="KH_01")
    document_make(office, subject="Tỷ lệ giải ngân đạt 500 triệu")
    assert found(office.clerk, query="50%") == [rate]
    assert found(office.clerk, query="kh_01") == [rate]
    assert found(office.clerk, query="%") == []


def test_the_query_is_bounded():
    parsed = parse_query(" ".join(f"tu{i}" for i in range(50)))
    assert len(parsed.terms) == 8
    assert len(parse_query("a" * 5000).terms[0][0].forms[0]) == 40
    assert tsquery(parse_query("a & | !")) == "'a'"
    assert tsquery(parse_query("15/QĐ-UBND kí")) == "'15qdubnd' & ('ky' | 'ki')"
    assert tsquery(parse_query('"theo 15/QĐ-UBND ngày"')) == "'theo' <-> '15' <-> 'qd' <-> 'ubnd' <-> 'ngay'"


def test_a_page_reads_one_row_more_instead_of_counting(office, django_assert_max_num_queries):
    for i in range(30):
        document_make(office, subject=f"Giấy mời họp số {i}")
    filters = SearchFilters(query="giay moi")
    with django_assert_max_num_queries(2):
        first = search_page(office.clerk, filters, 1)
    assert len(first.rows) == 25 and first.has_next and not first.has_previous
    second = search_page(office.clerk, filters, 2)
    assert len(second.rows) == 5 and not second.has_next and second.start_index == 26
    assert [d.subject for d in first.rows + second.rows] == [f"Giấy mời họp số {i}" for i in range(29, -1, -1)]
    assert page_number("abc") == 1 and page_number("-4") == 1 and page_number("10**9") == 1
    assert page_number(str(10**9)) == MAX_PAGE


def test_a_page_finds_the_older_matches_beyond_the_newest_documents(office, monkeypatch):
    """The first look is among the newest documents only; what it misses comes from the indexes."""
    from documents.selectors import search

    monkeypatch.setattr(search, "WINDOW", 3)
    monkeypatch.setattr(search, "WINDOW_PER_ROW", 0)
    old = [document_make(office, subject=f"Báo cáo quý {i}") for i in range(3)]
    for i in range(5):
        document_make(office, subject=f"Giấy mời {i}")
    assert search_page(office.clerk, SearchFilters(query="bao cao"), 1).rows == old[::-1]
    assert search_page(office.clerk, SearchFilters(query="bao cao quy 1"), 1).rows == [old[1]]
    assert search_page(office.clerk, SearchFilters(query="giay moi"), 1).rows[0].subject == "Giấy mời 4"


def test_the_search_row_follows_the_document(office):
    document = document_make(office, subject="Về việc cũ")
    document.subject = "Về việc mới hoàn toàn"
    document.save()
    assert found(office.clerk, query="moi hoan toan") == []  # until the service refreshes it
    search_refresh(document)
    search_refresh(document)  # twice is fine (an upsert)
    assert found(office.clerk, query="moi hoan toan") == [document]
    assert found(office.clerk, query="viec cu") == []


def test_punctuated_words_are_also_indexed_whole():
    from documents import searchtext

    assert searchtext.words(["Căn cứ Quyết định số 15/QĐ-UBND, mã 000.00.31.H01"]) == (
        "can cu quyet dinh so 15 qd ubnd ma 000 00 31 h01 15qd 15qdubnd qdubnd 00000 0000031 0000031h01 0031 "
        "0031h01 31h01")
    assert searchtext.key(["15/QĐ-UBND", "Về việc Kí kết"]) == " 15/qd-ubnd ve viec ky ket"


def test_a_number_cited_in_the_text_of_a_file_is_found(office):
    citing = document_make(office, subject="Về việc triển khai",
                           file_text="Căn cứ Quyết định số 15/QĐ-UBND ngày 02/3/2026 của UBND xã.")
    assert found(office.clerk, query="15/QĐ-UBND") == [citing]
    assert found(office.clerk, query='"quyet dinh so 15/qd-ubnd"') == [citing]


def test_documents_made_without_the_services_get_their_rows_from_the_command(office):
    from django.core.management import call_command

    document = document_make(office, subject="Về việc nhập từ hệ thống cũ")
    DocumentSearch.objects.filter(document=document).delete()
    assert found(office.clerk, query="he thong cu") == []
    call_command("documents_search_rebuild", "--missing", stdout=io.StringIO())
    assert found(office.clerk, query="he thong cu") == [document]
