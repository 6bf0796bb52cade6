"""The catalogue back office pages: provincial admins only; what an admin sees and what each action does."""

import datetime as dt
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from portal.jobs import job_create, job_fail, job_progress
from portal.models import Job
from procedures.excel.format import PROCEDURES
from procedures.models import ProcedureVersion, PublicationDecision
from procedures.services import procedure_draft_save
from tests.factories import UserFactory
from tests.procedures.factories import make_data, publish_new
from tests.procedures.fixtures.catalogue import catalogue_counts, make_refs
from tests.procedures.fixtures.workbooks import procedure_row, steps_for, workbook_bytes

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def refs():
    return make_refs()


@pytest.fixture
def admin_client(client, refs):
    client.force_login(refs.admin)
    client.cookies["django_language"] = "en"  # messages are English msgids, whatever catalogue is compiled
    return client


def draft(refs, code, **overrides):
    return procedure_draft_save(
        code=code, data=make_data(field=refs.field, agency=refs.agency, centres=(refs.centre,), **overrides),
        actor=refs.admin,
    )


def upload(content: bytes, name="danh-muc.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


GET_PAGES = [
    ("procedures:manage", {}),
    ("procedures:manage_import", {}),
    ("procedures:manage_template", {}),
    ("procedures:manage_export", {}),
    ("procedures:manage_publish", {}),
    ("procedures:manage_draft", {"code": "1.000001"}),
    ("procedures:manage_import_job", {"pk": "JOB"}),
    ("procedures:manage_job", {"pk": "JOB"}),
]


@pytest.mark.parametrize(("name", "kwargs"), GET_PAGES)
def test_only_provincial_admins_reach_the_back_office(client, refs, name, kwargs):
    draft(refs, "1.000001")
    job = job_create(kind="catalogue_import", created_by=refs.admin)
    url = reverse(name, kwargs={k: (job.pk if v == "JOB" else v) for k, v in kwargs.items()})

    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for role in ("officer", "citizen"):
        client.force_login(UserFactory(officer=True) if role == "officer" else UserFactory())
        assert client.get(url).status_code == 403
    client.force_login(refs.admin)
    assert client.get(url).status_code == 200


def test_officers_cannot_post_to_the_back_office(client, refs):
    publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency)
    draft(refs, "1.000002")
    client.force_login(UserFactory(officer=True))
    before = catalogue_counts()
    assert client.post(reverse("procedures:manage_new_draft", args=["1.000001"])).status_code == 403
    assert client.post(reverse("procedures:manage_import"),
                       {"file": upload(workbook_bytes([]))}).status_code == 403
    assert client.post(reverse("procedures:manage_publish"), {
        "codes": ["1.000002"], "number": "9/QĐ-UBND", "signed_on": "2025-07-01", "signer": "A",
        "effective_from": "2025-07-02"}).status_code == 403
    assert catalogue_counts() == before


def test_the_list_shows_drafts_and_published_versions_with_search_and_filter(admin_client, refs):
    publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency, name="Đăng ký kết hôn")
    draft(refs, "1.000002", name="Đăng ký khai tử")

    page = admin_client.get(reverse("procedures:manage")).content.decode()
    assert "Đăng ký kết hôn" in page and "Đăng ký khai tử" in page
    assert "1 draft waits to be published." in page
    assert reverse("procedures:manage_new_draft", args=["1.000001"]) in page
    assert reverse("procedures:manage_draft", args=["1.000002"]) in page

    found = admin_client.get(reverse("procedures:manage"), {"q": "KHAI TU"}).content.decode()
    assert "Đăng ký khai tử" in found and "Đăng ký kết hôn" not in found
    drafts = admin_client.get(reverse("procedures:manage"), {"status": "published"}).content.decode()
    assert "Đăng ký kết hôn" in drafts and "Đăng ký khai tử" not in drafts


def test_the_list_takes_the_same_queries_for_3_or_30_versions(admin_client, refs, django_assert_max_num_queries):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse("procedures:manage")).status_code == 200
        return len(captured)

    for number in range(1, 4):
        draft(refs, f"1.{number:06d}")
    few = count_queries()
    for number in range(4, 31):
        draft(refs, f"1.{number:06d}")
    with django_assert_max_num_queries(few):
        response = admin_client.get(reverse("procedures:manage"))
    assert len(response.context["page_obj"].object_list) == 25


def test_a_clean_upload_is_imported_and_the_admin_sees_the_drafts(admin_client, refs):
    content = workbook_bytes([procedure_row("1.000001", agency="H22.10", field="ho-tich")],
                             steps=steps_for("1.000001", 2))
    response = admin_client.post(reverse("procedures:manage_import"), {"file": upload(content)}, follow=True)
    page = response.content.decode()
    assert "Imported 1 procedure as a draft (1 new, 0 drafts replaced)." in page
    assert "Thủ tục thử 1.000001" in page
    assert ProcedureVersion.objects.filter(procedure__code="1.000001", status="draft").exists()


def test_a_bad_upload_lists_every_problem_and_saves_nothing(admin_client, refs):
    content = workbook_bytes([
        procedure_row("1.000001", agency="H99.99", field="ho-tich"),
        procedure_row("1.000001", agency="H22.10", field="ho-tich", processing_time=2),
    ], steps=steps_for("1.000001", 2, 1))
    before = catalogue_counts()
    page = admin_client.post(reverse("procedures:manage_import"), {"file": upload(content)}).content.decode()
    assert "Nothing was imported: the file has 2 problems." in page
    assert "Thủ tục, row 2, column G: The agency code H99.99 does not exist." in page
    assert "Thủ tục, row 3, column A: The procedure code 1.000001 is already on row 2." in page
    assert catalogue_counts() == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("danh-muc.xls", b"\xd0\xcf\x11\xe0 old excel", "Only Excel workbooks (.xlsx) can be imported."),
        ("danh-muc.xlsx", b"<html>not a workbook</html>", "The file is not an Excel workbook (.xlsx)."),
    ],
)
def test_files_that_are_not_xlsx_are_refused_by_name_and_by_content(admin_client, name, content, expected):
    before = catalogue_counts()
    page = admin_client.post(reverse("procedures:manage_import"), {"file": upload(content, name)}).content.decode()
    assert expected in page
    assert catalogue_counts() == before


def test_files_over_the_size_limit_are_refused(admin_client, settings):
    settings.IMPORT_MAX_MB = 0
    page = admin_client.post(reverse("procedures:manage_import"),
                             {"file": upload(workbook_bytes([]))}).content.decode()
    assert "The file is larger than 0 MB." in page


def test_a_large_upload_goes_to_the_progress_page(admin_client, refs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_ASYNC_ROWS = 1
    content = workbook_bytes([procedure_row("1.000001", agency="H22.10", field="ho-tich")],
                             steps=steps_for("1.000001", 2))
    response = admin_client.post(reverse("procedures:manage_import"), {"file": upload(content)})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("procedures:manage_import_job", args=[job.pk])
    page = admin_client.get(response["Location"]).content.decode()
    assert reverse("procedures:manage_job", args=[job.pk]) in page and "js/progress.js" in page


def test_the_progress_endpoint_returns_the_job_state(admin_client, refs):
    job = job_create(kind="catalogue_import", created_by=refs.admin, total=40)
    job_progress(job=job, done=10, message="Checking the procedures…")
    assert admin_client.get(reverse("procedures:manage_job", args=[job.pk])).json() == {
        "status": "running", "done": 10, "total": 40, "percent": 25, "message": "Checking the procedures…",
        "errors": [], "finished": False,
    }
    errors = [{"sheet": "Thủ tục", "row": 3, "column": "G", "message": "m", "text": "Thủ tục, row 3, column G: m"}]
    job_fail(job=job, message="Nothing was imported: the file has 1 problem.", result={"errors": errors})
    state = admin_client.get(reverse("procedures:manage_job", args=[job.pk])).json()
    assert (state["status"], state["finished"], state["errors"]) == ("failed", True, errors)
    page = admin_client.get(reverse("procedures:manage_import_job", args=[job.pk])).content.decode()
    assert "Thủ tục, row 3, column G: m" in page
    missing = admin_client.get(reverse("procedures:manage_job", args=[uuid.uuid4()]))
    assert missing.status_code == 404 and missing.json()["code"] == "job.not_found"


def test_template_and_export_downloads(admin_client, refs):
    publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency)
    template = admin_client.get(reverse("procedures:manage_template"))
    assert template["Content-Type"] == XLSX
    assert 'filename="mau-danh-muc-thu-tuc.xlsx"' in template["Content-Disposition"]
    export = admin_client.get(reverse("procedures:manage_export"))
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    assert [r[0] for r in book[PROCEDURES.title].iter_rows(min_row=2, values_only=True)] == ["1.000001"]


def test_the_draft_page_shows_its_content_and_rule_problems(admin_client, refs):
    draft(refs, "1.000001", name="Cấp bản sao trích lục")
    refs.centre.is_published = False
    refs.centre.save()
    page = admin_client.get(reverse("procedures:manage_draft", args=["1.000001"])).content.decode()
    assert "Cấp bản sao trích lục" in page and "Tờ khai đăng ký khai sinh" in page and "Thẩm định" in page
    assert "Problems to fix before publishing" in page
    assert f"{refs.centre.name} is not a published service centre." in page
    assert admin_client.get(reverse("procedures:manage_draft", args=["1.999999"])).status_code == 404


def test_new_draft_from_published(admin_client, refs):
    publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency, name="Thủ tục gốc")
    response = admin_client.post(reverse("procedures:manage_new_draft", args=["1.000001"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("procedures:manage_draft", args=["1.000001"])
    new = ProcedureVersion.objects.get(procedure__code="1.000001", status="draft")
    assert (new.number, new.name) == (2, "Thủ tục gốc")
    assert "The draft of 1.000001 is ready." in response.content.decode()


def publish_form(codes, **overrides):
    return {"codes": codes, "number": "15/QĐ-UBND", "signed_on": "2025-07-01", "signer": "Trần Văn Ký",
            "signer_position": "Chủ tịch", "effective_from": "2025-07-15", **overrides}


def test_publishing_chosen_drafts_under_a_decision(admin_client, refs):
    draft(refs, "1.000001")
    draft(refs, "1.000002")
    draft(refs, "1.000003")
    page = admin_client.get(reverse("procedures:manage_publish"), {"codes": "1.000002"}).content.decode()
    assert 'value="1.000002" id="draft-2" checked' in page and 'value="1.000001" id="draft-1">' in page

    response = admin_client.post(reverse("procedures:manage_publish"), publish_form(["1.000001", "1.000002"]),
                                 follow=True)
    assert "Published 2 procedures under decision 15/QĐ-UBND." in response.content.decode()
    published = ProcedureVersion.objects.filter(status="published").order_by("procedure__code")
    assert [(v.procedure.code, v.decision.number, v.effective_from) for v in published] == [
        ("1.000001", "15/QĐ-UBND", dt.date(2025, 7, 15)), ("1.000002", "15/QĐ-UBND", dt.date(2025, 7, 15))]
    assert ProcedureVersion.objects.get(procedure__code="1.000003").status == "draft"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"effective_from": "2025-06-30"},
         "The effective date 30 Jun 2025 is before the decision was signed (1 Jul 2025)."),
        ({"number": "1/QĐ-CŨ"}, "Decision 1/QĐ-CŨ is already recorded."),
    ],
)
def test_a_refused_publication_shows_the_service_message_and_changes_nothing(admin_client, refs, overrides, expected):
    PublicationDecision.objects.create(number="1/QĐ-CŨ", signed_on=dt.date(2025, 1, 1), signer="A",
                                       created_by=refs.admin)
    draft(refs, "1.000001")
    before = catalogue_counts()
    response = admin_client.post(reverse("procedures:manage_publish"), publish_form(["1.000001"], **overrides))
    assert response.status_code == 200 and expected in response.content.decode()
    assert catalogue_counts() == before
    assert ProcedureVersion.objects.get().status == "draft"


def test_publishing_a_draft_with_problems_lists_them_and_changes_nothing(admin_client, refs):
    draft(refs, "1.000001")
    refs.centre.is_published = False
    refs.centre.save()
    before = catalogue_counts()
    page = admin_client.post(reverse("procedures:manage_publish"), publish_form(["1.000001"])).content.decode()
    assert "Nothing was published: 1 of the drafts have errors." in page
    assert f"{refs.centre.name} is not a published service centre." in page
    assert catalogue_counts() == before


def test_publishing_nothing_or_an_unknown_draft_is_a_form_error(admin_client, refs):
    draft(refs, "1.000001")
    page = admin_client.post(reverse("procedures:manage_publish"), publish_form([])).content.decode()
    assert "Choose at least one draft to publish." in page
    page = admin_client.post(reverse("procedures:manage_publish"), publish_form(["1.999999"])).content.decode()
    assert "Select a valid choice. 1.999999 is not one of the available choices." in page
    assert not PublicationDecision.objects.exists()
