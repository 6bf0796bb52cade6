"""The e-form in real Chromium: a citizen on a phone answers the declaration, is told every problem at
once, corrects it and submits; the officer, on a desktop, reads the answers and the printed declaration."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dossiers.models import Dossier
from procedures.data import FormFieldData
from procedures.services import (
    decision_create,
    procedure_draft_from_published,
    procedure_form_save,
    procedure_publish,
)
from tests.browser.conftest import PHONE
from tests.browser.test_dossier_browser import log_in
from tests.dossiers.factories import make_world, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHILD = {"section": "Người được khai sinh", "section_en": "The child"}


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = make_world()
    draft = procedure_draft_from_published(procedure=world.version.procedure, actor=world.admin)
    procedure_form_save(version=draft, form_component=1, actor=world.admin, fields=(
        FormFieldData(key="ho_ten_tre", label="Họ, chữ đệm, tên", **CHILD),
        FormFieldData(key="gioi_tinh", label="Giới tính", type="choice", options=("Nam", "Nữ"), **CHILD),
        FormFieldData(key="ngay_sinh", label="Ngày, tháng, năm sinh", type="date", not_future=True, **CHILD),
        FormFieldData(key="quan_he", label="Quan hệ với người được khai sinh", type="choice",
                      options=("Cha", "Mẹ", "Ông", "Bà", "Người thân thích khác"), section="Người đi đăng ký"),
    ))
    decision = decision_create(number="02/QĐ-UBND-TEST", signed_on=dt.date(2025, 6, 30), signer="Trần Văn Ký",
                               signer_position="Chủ tịch", actor=world.admin)
    [world.version] = procedure_publish(versions=[draft], decision=decision, effective_from=dt.date(2025, 7, 1),
                                        actor=world.admin)
    return world


def test_a_citizen_answers_the_declaration_and_the_officer_reads_it(new_page, world, tmp_path, screenshot):
    paper = tmp_path / "giay-chung-sinh.pdf"
    paper.write_bytes(pdf_bytes())
    citizen = log_in(new_page, world.citizen.username, viewport=PHONE)
    citizen.goto("/dossiers/new/1.001193/")
    citizen.locator("select[name=centre]").select_option(label="Phường Hạ Long — Trung tâm PVHCC")
    citizen.locator(f"input[type=file][name='component_{world.components[1].pk}']").set_input_files(str(paper))
    citizen.get_by_label("Họ, chữ đệm, tên").fill("Nguyễn Minh Khang")
    citizen.get_by_label("Ngày, tháng, năm sinh").fill((dt.date.today() + dt.timedelta(days=2)).isoformat())
    screenshot(citizen, "citizen-form")
    citizen.get_by_role("button", name="Nộp hồ sơ", exact=True).click()

    summary = citizen.locator("#problems")
    expect(summary).to_contain_text("Người được khai sinh: Giới tính: Vui lòng chọn một lựa chọn.")
    expect(summary).to_contain_text("Người được khai sinh: Ngày, tháng, năm sinh: Ngày không được sau ngày hôm nay.")
    expect(summary).to_contain_text("Người đi đăng ký: Quan hệ với người được khai sinh: Vui lòng chọn một lựa chọn.")
    screenshot(citizen, "citizen-problems")
    assert not Dossier.objects.exists()

    citizen.locator(f"input[type=file][name='component_{world.components[1].pk}']").set_input_files(str(paper))
    citizen.get_by_label("Nam", exact=True).check()
    citizen.get_by_label("Ngày, tháng, năm sinh").fill("2025-10-12")
    citizen.get_by_label("Quan hệ với người được khai sinh").select_option("Cha")
    citizen.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    expect(citizen.locator("body")).to_contain_text("Đã nộp, chờ kiểm tra")
    expect(citizen.locator(".eform-answers")).to_contain_text("12/10/2025")
    screenshot(citizen, "citizen-dossier")

    dossier = Dossier.objects.get()
    officer = log_in(new_page, world.officer.username)
    officer.goto(f"/dossiers/{dossier.uuid}/")
    answers = officer.locator(".eform-answers")
    expect(answers).to_contain_text("Nguyễn Minh Khang")
    expect(answers).to_contain_text("12/10/2025")
    expect(officer.locator(".paper-list")).to_contain_text("Tờ_khai_đăng_ký_khai_sinh.pdf")
    screenshot(officer, "officer-dossier")
