"""The e-form in a dossier's life: answered on the online form and at the counter in the same round as the
rest, stored normalised, printed as the declaration PDF at submission and filing, shown on the dossier's
pages, printed on the generated result, sent and read through the API; and the blank form to download."""

import datetime as dt
import html
import json
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, DossierFile
from dossiers.services import dossier_draft_save, dossier_receive, dossier_submit, step_complete
from procedures.data import FormFieldData
from procedures.services import (
    decision_create,
    procedure_draft_from_published,
    procedure_form_save,
    procedure_publish,
)
from tests.dossiers.api_helpers import BASE, as_user, send
from tests.dossiers.factories import CCCD_A, CCCD_B, pdf_upload

pytestmark = pytest.mark.django_db
START = reverse("dossiers:start", args=["1.001193"])
CHILD = {"section": "Người được khai sinh", "section_en": "The child"}
MOTHER = {"section": "Người mẹ", "section_en": "The mother"}
QUESTIONS = (
    FormFieldData(key="ho_ten_tre", label="Họ, chữ đệm, tên", label_en="Full name", max_length=100, **CHILD),
    FormFieldData(key="gioi_tinh", label="Giới tính", label_en="Sex", type="choice", options=("Nam", "Nữ"),
                  options_en=("Male", "Female"), **CHILD),
    FormFieldData(key="ngay_sinh", label="Ngày, tháng, năm sinh", label_en="Date of birth", type="date",
                  not_future=True, **CHILD),
    FormFieldData(key="ho_ten_me", label="Họ, chữ đệm, tên", label_en="Full name", **MOTHER),
    FormFieldData(key="so_dinh_danh_me", label="Số định danh cá nhân", label_en="Personal identification number",
                  type="cccd", required=False, **MOTHER),
    FormFieldData(key="so_ban_sao", label="Số bản sao đề nghị cấp", label_en="Copies requested", type="number",
                  required=False, min_value=0, max_value=10),
)
ANSWERS = {"form_data.ho_ten_tre": "Nguyễn Minh Khang", "form_data.gioi_tinh": "Nam",
           "form_data.ngay_sinh": "12/10/2025", "form_data.ho_ten_me": "Phạm Thị Hương",
           "form_data.so_dinh_danh_me": "022194001234", "form_data.so_ban_sao": "2"}
STORED = {"ho_ten_tre": "Nguyễn Minh Khang", "gioi_tinh": "Nam", "ngay_sinh": "2025-10-12",
          "ho_ten_me": "Phạm Thị Hương", "so_dinh_danh_me": "022194001234", "so_ban_sao": 2}


@pytest.fixture
def world(world):
    """The test province's birth registration, republished with an e-form standing for its first paper."""
    draft = procedure_draft_from_published(procedure=world.version.procedure, actor=world.admin)
    procedure_form_save(version=draft, fields=QUESTIONS, form_component=1, actor=world.admin)
    decision = decision_create(number="02/QĐ-UBND-TEST", signed_on=dt.date(2025, 6, 30), signer="Trần Văn Ký",
                               signer_position="Chủ tịch", actor=world.admin)
    [world.version] = procedure_publish(versions=[draft], decision=decision, effective_from=dt.date(2025, 7, 1),
                                        actor=world.admin)
    return world


def login(user, lang="en") -> Client:
    client = Client()
    client.cookies["django_language"] = lang
    client.force_login(user)
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return " ".join(text.split())


def applicant(**overrides) -> dict:
    return {"applicant_name": "Nguyễn Văn An", "applicant_cccd": CCCD_A, "applicant_phone": "0912345678",
            "applicant_email": "an@example.vn", "applicant_address": "Tổ 1, khu 2, phường Hạ Long", **overrides}


def declaration(dossier) -> DossierFile:
    return dossier.files.get(kind=DossierFile.Kind.DECLARATION, is_current=True)


def birth_notice(world):
    return world.components[1]


# ---- Online -----------------------------------------------------------------------------------------------

def test_the_online_form_asks_the_questions_instead_of_the_paper_they_stand_for(world):
    text = page(login(world.citizen).get(START))
    for shown in ("Declaration", "The child", "The mother", "Date of birth", 'type="date"', "Male", "Female",
                  'name="form_data.ho_ten_tre"', 'Answer these questions instead of attaching “Birth registration '
                  'form”'):
        assert shown in text, shown
    form_paper, notice, _attorney = world.components
    assert f'name="component_{form_paper.pk}"' not in text and f'name="component_{notice.pk}"' in text


def test_submitting_lists_every_problem_of_the_form_and_the_answers_at_once(world):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = login(world.citizen).post(START, {
        "centre": world.centre.pk, **applicant(applicant_cccd="12345"), "action": "submit",
        **ANSWERS, "form_data.ho_ten_tre": "", "form_data.ngay_sinh": tomorrow, "form_data.gioi_tinh": "Khác",
        "form_data.so_ban_sao": "11",
    })

    text = page(response)
    assert response.status_code == 400
    summary = text[text.index('id="problems"'):text.index("</ul>", text.index('id="problems"'))]
    for problem in ("The personal identification number has 12 digits; you entered 5.",
                    "The child: Full name</a>: This information is required.",
                    "The child: Sex</a>: Choose one of the options offered.",
                    "The child: Date of birth</a>: The date cannot be after today.",
                    "Copies requested</a>: Enter a number of at most 10.",
                    "Medical birth notice</a>: Attach this paper: the dossier cannot be submitted without it."):
        assert problem in summary, problem
    assert 'href="#id_form_data.gioi_tinh"' in summary and 'id="id_form_data.gioi_tinh"' in text
    assert 'value="Phạm Thị Hương"' in text  # what was typed comes back
    assert not Dossier.objects.exists()


def test_the_problems_are_in_vietnamese_for_a_vietnamese_reader(world):
    response = login(world.citizen, "vi").post(START, {
        "centre": world.centre.pk, **applicant(), "action": "submit", **ANSWERS, "form_data.ho_ten_me": "",
        "form_data.ngay_sinh": "32/13/2025",
    })
    text = page(response)
    assert "Người mẹ: Họ, chữ đệm, tên</a>: Thông tin này là bắt buộc." in text
    assert "Người được khai sinh: Ngày, tháng, năm sinh</a>: Nhập ngày theo dạng ngày/tháng/năm, ví dụ: 25/12/2024." in text


def test_a_draft_keeps_partial_answers_and_submission_prints_them_as_the_declaration(world):
    client = login(world.citizen)
    response = client.post(START, {"centre": world.centre.pk, **applicant(), "action": "save",
                                   "form_data.ho_ten_tre": "  Nguyễn   Minh Khang ", "form_data.ngay_sinh": "12/10/2025",
                                   f"component_{birth_notice(world).pk}": pdf_upload()})
    assert response.status_code == 302
    draft = Dossier.objects.get()
    assert draft.form_data == {"ho_ten_tre": "Nguyễn Minh Khang", "ngay_sinh": "2025-10-12"}
    assert not draft.files.filter(kind=DossierFile.Kind.DECLARATION).exists()
    edit = page(client.get(reverse("dossiers:edit", args=[draft.uuid])))
    assert 'value="Nguyễn Minh Khang"' in edit and 'value="2025-10-12"' in edit

    response = client.post(reverse("dossiers:edit", args=[draft.uuid]), {
        "centre": world.centre.pk, **applicant(), "action": "submit", **ANSWERS,
        "form_data.ho_ten_tre": "Nguyễn Minh Khôi"})  # changed since the draft

    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED
    assert dossier.form_data == {**STORED, "ho_ten_tre": "Nguyễn Minh Khôi"}
    printed = declaration(dossier)
    assert printed.component == world.components[0] and printed.original_name.endswith(".pdf")
    text = pdf_text(printed.file.read())
    for shown in ("TỜ KHAI ĐĂNG KÝ KHAI SINH", "Kính gửi: Ủy ban nhân dân phường Hạ Long",
                  "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An", "1. Người được khai sinh",
                  "Họ, chữ đệm, tên: Nguyễn Minh Khôi", "Giới tính: Nam", "Ngày, tháng, năm sinh: 12/10/2025",
                  "2. Người mẹ", "Họ, chữ đệm, tên: Phạm Thị Hương", "Số định danh cá nhân: 022194001234",
                  "Số bản sao đề nghị cấp: 2", "Tôi cam đoan", "NGƯỜI YÊU CẦU",
                  "(Đã nộp trực tuyến trên Cổng dịch vụ công)", f"Hạ Long, ngày {timezone.localdate():%d}"):
        assert shown in text, shown
    assert "Nguyễn Minh Khang" not in text


def test_a_draft_sent_from_its_page_needs_every_required_answer(world):
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant(), uploads={birth_notice(world).pk: pdf_upload()},
                               form_data={"ho_ten_tre": "Nguyễn Minh Khang"})
    client = login(world.citizen)
    response = client.post(reverse("dossiers:submit", args=[draft.uuid]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Dossier.State.DRAFT
    assert ("Please correct the answers of the declaration: The child: Sex; The child: Date of birth; The "
             "mother: Full name."
            in page(client.get(response["Location"])))


# ---- At the counter --------------------------------------------------------------------------------------

def test_the_counter_checks_the_answers_with_the_applicant_and_files_them(world):
    client = login(world.officer)
    url = reverse("dossiers:counter")
    form = page(client.get(url, {"procedure": "1.001193"}))
    assert "Type in the applicant's answers" in form and 'name="form_data.ngay_sinh"' in form
    assert f'name="component_{world.components[0].pk}"' not in form

    response = client.post(url, {"procedure": "1.001193", **applicant(applicant_cccd="12"), **ANSWERS,
                                 "form_data.gioi_tinh": ""})
    text = page(response)
    assert response.status_code == 400
    assert "The personal identification number has 12 digits; you entered 2." in text
    assert "Choose one of the options." in text and 'value="Phạm Thị Hương"' in text
    assert not Dossier.objects.exists()

    response = client.post(url, {"procedure": "1.001193", **applicant(applicant_cccd=CCCD_B,
                                                                       applicant_name="Trần Thị Bích"),
                                 **ANSWERS, f"component_{birth_notice(world).pk}": pdf_upload()})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.form_data == STORED and dossier.channel == Dossier.Channel.COUNTER
    text = pdf_text(declaration(dossier).file.read())
    assert "Họ, chữ đệm, tên người yêu cầu: Trần Thị Bích" in text and "Giới tính: Nam" in text
    assert "(Ký, ghi rõ họ, chữ đệm, tên)" in text


# ---- Reading the answers ---------------------------------------------------------------------------------

def submitted_with_form(world) -> Dossier:
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant(), uploads={birth_notice(world).pk: pdf_upload()},
                               form_data={k.removeprefix("form_data."): v for k, v in ANSWERS.items()})
    return dossier_submit(dossier=draft, citizen=world.citizen)


def test_the_dossier_pages_show_the_answers_with_dates_dd_mm_yyyy_in_vietnamese(world):
    dossier = submitted_with_form(world)
    url = reverse("dossiers:detail", args=[dossier.uuid])

    mine = page(login(world.citizen).get(url))
    assert "Declaration" in mine and "<dt>Date of birth</dt><dd>12 Oct 2025</dd>" in mine
    assert "<dt>Sex</dt><dd>Male</dd>" in mine and "<h3>The mother</h3>" in mine

    officer = page(login(world.officer, "vi").get(url))
    assert "<dt>Ngày, tháng, năm sinh</dt><dd>12/10/2025</dd>" in officer
    assert "<dt>Giới tính</dt><dd>Nam</dd>" in officer
    papers = officer[officer.index('id="files-title"'):]
    assert "Tờ khai đăng ký khai sinh" in papers and declaration(dossier).original_name in papers


def test_the_birth_extract_prints_the_childs_and_the_mothers_answers(world):
    dossier = dossier_receive(dossier=submitted_with_form(world), officer=world.officer)  # does step 1
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader, generate_result=True)
    step_complete(dossier=dossier, position=4, user=world.clerk)
    dossier.refresh_from_db()
    text = pdf_text(dossier.result_file.read())
    assert "TRÍCH LỤC KHAI SINH" in text and "Họ, chữ đệm, tên: NGUYỄN MINH KHANG" in text
    assert "Ngày, tháng, năm sinh: 12/10/2025" in text and "Giới tính: Nam" in text
    assert "ghi bằng chữ: Ngày mười hai, tháng mười, năm hai nghìn không trăm hai mươi lăm" in text
    assert "Họ, chữ đệm, tên người mẹ: PHẠM THỊ HƯƠNG" in text


def test_the_generic_decision_prints_the_main_answers(world):
    world.version.procedure.result_template = "decision"
    world.version.procedure.save(update_fields=["result_template"])
    dossier = dossier_receive(dossier=submitted_with_form(world), officer=world.officer)
    step_complete(dossier=dossier, position=2, user=world.specialist)
    step_complete(dossier=dossier, position=3, user=world.leader, generate_result=True)
    step_complete(dossier=dossier, position=4, user=world.clerk)
    dossier.refresh_from_db()
    text = pdf_text(dossier.result_file.read())
    assert "QUYẾT ĐỊNH" in text and "Họ, chữ đệm, tên: Nguyễn Minh Khang" in text
    assert "Ngày, tháng, năm sinh: 12/10/2025" in text
    assert "Phạm Thị Hương" not in text  # only the first section, the person the result is about


# ---- The API -------------------------------------------------------------------------------------------

def test_the_api_takes_answers_as_json_and_checks_them(world):
    client = as_user(world.citizen)
    body = {"procedure": "1.001193", "centre": world.centre.slug, "applicant_name": "Nguyễn Văn An",
            "applicant_cccd": CCCD_A, "form_data": {"ho_ten_tre": "Nguyễn Minh Khang", "ngay_sinh": "2025-13-01",
                                                    "mau_mat": "đen"}}
    response = client.post(BASE, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["extra"]["errors"] == {
        "form_data": ["“mau_mat” is not a field of this procedure's form."],
        "form_data.ngay_sinh": ["Enter a date as dd/mm/yyyy, e.g. 25/12/2024."]}

    body["form_data"] = {"ho_ten_tre": "Nguyễn Minh Khang", "ngay_sinh": "2025-10-12", "so_ban_sao": 2}
    response = client.post(BASE, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["form_data"] == {"ho_ten_tre": "Nguyễn Minh Khang", "ngay_sinh": "2025-10-12", "so_ban_sao": 2}

    dossier = Dossier.objects.get()
    response = client.post(f"{BASE}{dossier.uuid}/draft/", {
        "form_data": json.dumps({k.removeprefix("form_data."): v for k, v in ANSWERS.items()}),
        f"component_{birth_notice(world).position}": pdf_upload()})
    assert response.status_code == 200, response.json()
    assert response.json()["form_data"] == STORED
    response = send(world.citizen, dossier, "submit")
    assert response.status_code == 200, response.json()
    files = {f["kind"]: f for f in response.json()["files"]}
    assert files["declaration"]["component"] == 1
    assert "Họ, chữ đệm, tên: Nguyễn Minh Khang" in pdf_text(declaration(Dossier.objects.get()).file.read())


def test_the_api_refuses_answers_that_are_not_an_object(world):
    response = as_user(world.citizen).post(BASE, {"procedure": "1.001193", "centre": world.centre.slug,
                                                 "form_data": "[1, 2"})
    assert response.status_code == 400
    assert response.json()["extra"]["errors"]["form_data"] == [
        "The answers must be an object mapping each field's key to its answer."]


def test_the_counter_api_needs_every_required_answer_and_prints_the_declaration(world):
    client = as_user(world.officer)
    body = {"procedure": "1.001193", **applicant(applicant_cccd=CCCD_B), "form_data": {"ho_ten_tre": "Lê Nam"}}
    response = client.post(f"{BASE}counter/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["extra"]["errors"]) == {"form_data.gioi_tinh", "form_data.ngay_sinh",
                                                       "form_data.ho_ten_me"}

    # The birth notice is not scanned: the dossier is filed to await the check, not received at once.
    body["form_data"] = {**STORED, "ngay_sinh": "12/10/2025", "so_ban_sao": "2"}
    body["await_check"] = True
    response = client.post(f"{BASE}counter/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["form_data"] == STORED
    assert [f["kind"] for f in response.json()["files"]] == ["declaration"]


def test_the_catalogue_api_lists_the_questions(world, client):
    body = client.get("/api/v1/procedures/1.001193/", {"lang": "en"}).json()
    assert [f["key"] for f in body["form_fields"]] == [q.key for q in QUESTIONS]
    assert body["form_fields"][1] | {} == {
        "position": 2, "key": "gioi_tinh", "section": "Người được khai sinh", "section_en": "The child",
        "label": "Giới tính", "label_en": "Sex", "display_label": "Sex", "type": "choice", "required": True,
        "options": ["Nam", "Nữ"], "options_en": ["Male", "Female"], "help_text": "", "help_text_en": "",
        "max_length": None, "min_value": None, "max_value": None, "not_future": False}
    assert body["components"][0]["filled_by_form"] is True


# ---- The blank declaration ----------------------------------------------------------------------------------

def test_anyone_downloads_the_blank_declaration(world, client):
    response = client.get(reverse("dossiers:blank_declaration", args=["1.001193"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(b"".join(response.streaming_content))
    for shown in ("TỜ KHAI ĐĂNG KÝ KHAI SINH", "Kính gửi: ....", "Họ, chữ đệm, tên (*): ....",
                  "Giới tính (*): [ ] Nam [ ] Nữ", "Ngày, tháng, năm sinh (*): ....../....../", "1. Người được khai sinh",
                  "Số bản sao đề nghị cấp: ....", "các mục đánh dấu (*) là bắt buộc"):
        assert shown in text, shown


def test_no_blank_declaration_without_a_form_or_a_procedure(world, client):
    assert client.get(reverse("dossiers:blank_declaration", args=["1.009999"])).status_code == 404
    draft = procedure_draft_from_published(procedure=world.version.procedure, actor=world.admin)
    procedure_form_save(version=draft, fields=(), form_component=None, actor=world.admin)
    decision = decision_create(number="03/QĐ-UBND-TEST", signed_on=dt.date(2025, 6, 30), signer="Trần Văn Ký",
                               signer_position="Chủ tịch", actor=world.admin)
    procedure_publish(versions=[draft], decision=decision, effective_from=dt.date(2025, 7, 1), actor=world.admin)
    response = client.get(reverse("dossiers:blank_declaration", args=["1.001193"]))
    assert response.status_code == 404
