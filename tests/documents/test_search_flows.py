"""The flows keep the search rows (issue 12 §4): a draft is found by its composed text at once, an issued
document by its number, its copy at the recipient agency by the recipient's clerk (and after registration
by its incoming number); the registers and reports read what the flows wrote."""

import datetime as dt

import pytest
from django.utils import timezone

from documents.models import Document
from documents.selectors.registers import outgoing_rows, tracking_rows
from documents.selectors.search import SearchFilters, search_page
from documents.services import incoming, outgoing
from documents.services.handling import DirectionLine, incoming_direct
from tests.documents.outgoing_helpers import draft, recipients_to, signed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outgoing_env")]


def found(user, query: str) -> list[Document]:
    return search_page(user, SearchFilters(query=query), 1).rows


def test_a_draft_is_found_by_its_text_and_its_new_details(office, other_office, letter_type):
    document = draft(office, letter_type, subject="Về việc mừng xuân Bính Ngọ",
                     to=recipients_to(other_office.agency))
    assert found(office.specialist, "luat to chuc chinh quyen dia phuong") == [document]
    outgoing.outgoing_revise(document=document, actor=office.specialist, subject="Về việc lễ hội đền làng")
    assert found(office.specialist, "le hoi den lang") == [document]
    assert found(office.specialist, "mung xuan binh ngo") == []


def test_an_issued_document_is_found_by_its_number_here_and_by_the_recipients_clerk(certified, other_office,
                                                                                      letter_type):
    office = certified
    document = signed(office, letter_type, to=recipients_to(other_office.agency),
                      subject="Về việc phối hợp tổ chức hội thao")
    document = outgoing.outgoing_number_and_issue(document=document, actor=office.clerk)
    assert found(office.clerk, document.number_display) == [document]
    assert found(office.clerk, "tran van chu tich") == [document]  # the signer, from the signature
    copy = Document.objects.get(agency=other_office.agency, direction="incoming")
    assert found(other_office.clerk, document.number_display) == [copy]
    assert found(other_office.clerk, "phoi hop to chuc hoi thao") == [copy]
    assert found(other_office.clerk, "luat to chuc chinh quyen") == [copy]  # the text of its PDF
    assert found(office.clerk, "hoi thao") == [document]  # never the other agency's copy

    copy = incoming.incoming_register(document=copy, clerk=other_office.clerk)
    copy = incoming_direct(document=copy, actor=other_office.leader, note="Giao Văn phòng chủ trì tham mưu",
                           lines=[DirectionLine(role="lead", unit=other_office.office, days=5)])
    assert found(other_office.clerk, "chu tri tham muu") == [copy]  # the leader's direction
    today = timezone.localdate()
    year = (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    rows = outgoing_rows(user=office.clerk, register=document.register, start=year[0], end=year[1])
    assert [row.number for row in rows] == [document.number_display]
    assert rows[0].recipients == other_office.agency.name
    tracked = tracking_rows(user=other_office.clerk, start=year[0], end=year[1])
    assert [row.arrival_number for row in tracked] == [copy.arrival_number]
    assert tracked[0].handed_to == "Văn phòng" and tracked[0].progress == "Đang giải quyết"
