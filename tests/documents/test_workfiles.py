"""Hồ sơ công việc (Decree 30/2020 art. 28–31, Appendix VI Part II §III): opening, filling, closing, freezing."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from documents.errors import DocumentErrorCode
from documents.models import DocumentEvent, WorkFile, WorkFileEntry
from documents.services import workfiles as services
from tests.documents.cast import document_make, media  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "english")]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"


def open_file(office, *, by=None, notation="05", **kwargs):
    values = {"title": "Hồ sơ tổ chức Ngày hội đại đoàn kết toàn dân tộc năm 2026", "maintenance": "10 năm",
              **kwargs}
    return services.workfile_open(user=by or office.clerk, notation=notation, **values)


def test_the_file_code_is_agency_code_year_and_number(office):
    work_file = open_file(office, start_date=dt.date(2026, 3, 2))
    assert work_file.file_code == "000.00.31.H01.2026.05"
    assert (work_file.state, work_file.creator, work_file.rights) == ("open", office.clerk, "Hạn chế")


def test_a_number_is_given_once_per_agency_and_year(office, other_office):
    open_file(office, start_date=dt.date(2026, 3, 2))
    with pytest.raises(services.DocumentError) as refused:
        open_file(office, by=office.head, start_date=dt.date(2026, 5, 2))
    assert refused.value.code == DocumentErrorCode.WORKFILE_CODE_TAKEN
    assert "05" in refused.value.extra["errors"]["notation"][0]
    open_file(office, start_date=dt.date(2025, 3, 2))  # another year
    open_file(other_office, start_date=dt.date(2026, 3, 2))  # another agency
    assert WorkFile.objects.count() == 3


@pytest.mark.parametrize(("field", "value"), [("maintenance", "mười năm"), ("notation", "05/06"), ("title", "  "),
                                              ("rights", "Mật")])
def test_bad_details_are_refused_with_the_field_named(office, field, value):
    with pytest.raises(services.DocumentError) as refused:
        open_file(office, **{field: value})
    assert field in refused.value.extra["errors"]
    assert not WorkFile.objects.exists()


def test_a_document_sits_in_two_files_without_being_copied(office):
    document = document_make(office, subject="Công văn về phòng chống bão số 3", unit=office.culture)
    first, second = open_file(office, notation="01"), open_file(office, notation="02")
    services.workfile_document_add(work_file=first, document=document, user=office.clerk)
    services.workfile_document_add(work_file=second, document=document, user=office.clerk)
    assert WorkFileEntry.objects.filter(document=document).count() == 2
    assert document.files.count() == 1 and type(document).objects.count() == 1
    assert set(document.work_files.values_list("notation", flat=True)) == {"01", "02"}
    assert list(document.events.filter(kind="filed").values_list("note", flat=True)) == [
        first.file_code, second.file_code]
    with pytest.raises(services.DocumentConflict) as twice:
        services.workfile_document_add(work_file=first, document=document, user=office.clerk)
    assert twice.value.code == DocumentErrorCode.WORKFILE_ALREADY_FILED
    services.workfile_document_remove(work_file=first, document=document, user=office.clerk)
    assert list(document.work_files.values_list("notation", flat=True)) == ["02"]
    assert document.events.filter(kind=DocumentEvent.Kind.UNFILED).count() == 1


def test_only_documents_the_official_may_see_go_in(office, other_office):
    theirs = document_make(other_office, subject="Văn bản của xã Bình An")
    secret = document_make(office, subject="Văn bản mật", secrecy=1, unit=office.culture)
    work_file = open_file(office, by=office.head, unit=office.culture)
    for document in (theirs, secret):
        with pytest.raises(services.DocumentNotFound):
            services.workfile_document_add(work_file=work_file, document=document, user=office.head)
    assert not work_file.entries.exists()


def test_others_may_not_change_a_file_and_other_agencies_do_not_find_it(office, other_office):
    work_file = open_file(office, by=office.head, unit=office.culture)
    with pytest.raises(services.DocumentNotFound):
        services.workfile_update(work_file=work_file, user=other_office.clerk, title="Khác")
    open_to_all = open_file(office, by=office.head, notation="06", rights="Công khai")
    with pytest.raises(services.DocumentForbidden):  # sees it (open to the agency) but does not keep it
        services.workfile_update(work_file=open_to_all, user=office.specialist, title="Khác")
    services.workfile_update(work_file=work_file, user=office.clerk, title="Hồ sơ đổi tên")
    assert WorkFile.objects.get(pk=work_file.pk).title == "Hồ sơ đổi tên"


@time_machine.travel(dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC))
def test_closing_sets_the_deposit_due_a_year_later_or_three_months_for_capital_construction(office):
    ordinary = open_file(office, notation="01", start_date=dt.date(2026, 1, 5))
    building = open_file(office, notation="02", start_date=dt.date(2026, 1, 5), capital_construction=True)
    services.workfile_close(work_file=ordinary, user=office.clerk, end_date=dt.date(2026, 5, 31))
    services.workfile_close(work_file=building, user=office.clerk, end_date=dt.date(2026, 5, 31))
    ordinary.refresh_from_db()
    building.refresh_from_db()
    assert (ordinary.state, ordinary.end_date, ordinary.deposit_due) == ("closed", dt.date(2026, 5, 31),
                                                                          dt.date(2027, 5, 31))
    assert building.deposit_due == dt.date(2026, 8, 31)
    assert services.deposit_due_for(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert services.deposit_due_for(dt.date(2026, 11, 30), capital_construction=True) == dt.date(2027, 2, 28)
    with pytest.raises(services.DocumentConflict):  # closed: reopen first
        services.workfile_close(work_file=ordinary, user=office.clerk)
    services.workfile_reopen(work_file=ordinary, user=office.clerk)
    ordinary.refresh_from_db()
    assert (ordinary.state, ordinary.end_date, ordinary.deposit_due) == ("open", None, None)


def test_an_end_before_the_start_or_in_the_future_is_refused(office):
    work_file = open_file(office, start_date=dt.date(2026, 3, 2))
    for end in (dt.date(2026, 3, 1), dt.date(2999, 1, 1)):
        with pytest.raises(services.DocumentError) as refused:
            services.workfile_close(work_file=work_file, user=office.clerk, end_date=end)
        assert "end_date" in refused.value.extra["errors"]
    assert WorkFile.objects.get(pk=work_file.pk).state == "open"


def test_a_frozen_file_refuses_every_change_with_a_clear_message(office):
    document = document_make(office, subject="Báo cáo tổng kết", unit=office.culture)
    other = document_make(office, subject="Kế hoạch năm sau", unit=office.culture)
    work_file = open_file(office, unit=office.culture)
    services.workfile_document_add(work_file=work_file, document=document, user=office.clerk)
    services.workfile_close(work_file=work_file, user=office.clerk)
    with pytest.raises(services.DocumentForbidden):  # only the clerk or a leader freezes
        services.workfile_freeze(work_file=work_file, user=office.head)
    services.workfile_freeze(work_file=work_file, user=office.leader)
    changes = {
        "add": lambda: services.workfile_document_add(work_file=work_file, document=other, user=office.clerk),
        "remove": lambda: services.workfile_document_remove(work_file=work_file, document=document,
                                                            user=office.clerk),
        "edit": lambda: services.workfile_update(work_file=work_file, user=office.clerk, title="Sửa"),
        "reopen": lambda: services.workfile_reopen(work_file=work_file, user=office.clerk),
        "delete": lambda: services.workfile_delete(work_file=work_file, user=office.leader),
        "freeze again": lambda: services.workfile_freeze(work_file=work_file, user=office.leader),
    }
    for name, change in changes.items():
        with pytest.raises(services.DocumentConflict) as refused:
            change()
        assert refused.value.code == DocumentErrorCode.WORKFILE_FROZEN, name
        assert refused.value.message == (f"Hồ sơ {work_file.file_code} đã đóng băng: không thể thêm, bớt, di "
                                          "chuyển văn bản, sửa hoặc xóa hồ sơ."), name
    work_file.refresh_from_db()
    assert (work_file.state, work_file.title, work_file.frozen_by) == (
        "frozen", "Hồ sơ tổ chức Ngày hội đại đoàn kết toàn dân tộc năm 2026", office.leader)
    assert list(work_file.documents.all()) == [document]
    services.workfile_deposit(work_file=work_file, user=office.clerk)
    assert WorkFile.objects.get(pk=work_file.pk).state == "deposited"


def test_deleting_a_file_keeps_its_documents_and_their_other_files(office):
    document = document_make(office, subject="Quyết định khen thưởng", unit=office.culture)
    first, second = open_file(office, notation="01"), open_file(office, notation="02")
    for work_file in (first, second):
        services.workfile_document_add(work_file=work_file, document=document, user=office.clerk)
    services.workfile_delete(work_file=first, user=office.clerk)
    assert not WorkFile.objects.filter(pk=first.pk).exists()
    assert list(document.work_files.all()) == [second]
    assert document.events.filter(kind="unfiled", data__deleted=True).count() == 1


def test_the_pages_open_fill_and_freeze_a_file(client, office):
    document = document_make(office, subject="Công văn đôn đốc nộp báo cáo", unit=office.culture, pages=3)
    client.force_login(office.clerk)
    answer = client.post(reverse("documents:workfile-new") + f"?document={document.uuid}", {
        "notation": "VX.07", "year": "2026", "title": "Hồ sơ báo cáo định kỳ", "maintenance": "05 năm",
        "rights": "Hạn chế", "language": "Tiếng Việt", "start_date": "2026-01-05", "document": str(document.uuid)})
    work_file = WorkFile.objects.get(notation="VX.07")
    assert answer.status_code == 302 and answer["Location"] == reverse("documents:workfile", args=[work_file.uuid])
    page = client.get(answer["Location"]).content.decode()
    assert "000.00.31.H01.2026.VX.07" in page and "Công văn đôn đốc nộp báo cáo" in page
    assert "05 năm" in page
    client.post(reverse("documents:workfile-act", args=[work_file.uuid, "close"]), {"end_date": ""})
    client.post(reverse("documents:workfile-act", args=[work_file.uuid, "freeze"]))
    page = client.get(reverse("documents:workfile", args=[work_file.uuid])).content.decode()
    assert "This file is frozen" in page and "Take out" not in page and "Change the details" not in page
    refused = client.post(reverse("documents:workfile-documents", args=[work_file.uuid, "remove"]),
                          {"document": str(document.uuid)})
    assert refused.status_code == 409 and "is frozen" in refused.content.decode()
    assert work_file.entries.count() == 1


def test_a_bad_form_shows_the_services_message_by_the_field(client, office):
    client.force_login(office.head)
    answer = client.post(reverse("documents:workfile-new"), {
        "notation": "01", "year": "2026", "title": "Hồ sơ", "maintenance": "lâu dài", "rights": "Hạn chế",
        "language": "Tiếng Việt"})
    assert answer.status_code == 400
    assert "The retention period is “Vĩnh viễn” or a number of years" in answer.content.decode()
    assert not WorkFile.objects.exists()


def test_file_it_from_the_documents_page(client, office):
    document = document_make(office, subject="Giấy mời họp giao ban", unit=office.culture)
    work_file = open_file(office, by=office.head, unit=office.culture)
    client.force_login(office.head)
    page = client.get(reverse("documents:detail", args=[document.uuid])).content.decode()
    assert "Put in a work file" in page and work_file.file_code in page
    answer = client.post(reverse("documents:file-it"), {"document": str(document.uuid),
                                                        "work_file": str(work_file.uuid)})
    assert answer.status_code == 302 and answer["Location"] == reverse("documents:detail", args=[document.uuid])
    assert list(work_file.documents.all()) == [document]
    page = client.get(answer["Location"]).content.decode()
    assert f"The document is in work file {work_file.file_code}." in page


def test_the_list_of_files_counts_only_what_the_reader_sees(client, office, django_assert_max_num_queries):
    work_file = open_file(office, by=office.leader, rights="Công khai")
    plain = document_make(office, subject="Văn bản thường", unit=office.culture, pages=2)
    secret = document_make(office, subject="Văn bản mật", secrecy=1, pages=5, participants=[office.leader])
    for document in (plain, secret):
        WorkFileEntry.objects.create(work_file=work_file, document=document, added_by=office.leader)
    for number in range(1, 6):
        open_file(office, by=office.leader, notation=f"1{number}", rights="Công khai")
    client.force_login(office.head)
    with django_assert_max_num_queries(8):
        answer = client.get(reverse("documents:workfiles"), {"year": work_file.year})
    row = next(row for row in answer.context["page_obj"].object_list if row.pk == work_file.pk)
    assert (row.doc_total, row.page_total) == (1, 2)
    client.force_login(office.leader)
    row = next(row for row in client.get(reverse("documents:workfiles")).context["page_obj"].object_list
               if row.pk == work_file.pk)
    assert (row.doc_total, row.page_total) == (2, 7)
