"""The e-form in the catalogue workbook: the sheet “Tờ khai điện tử” in the template, the import (every
problem on its row and column, nothing saved) and the export, which imports back unchanged."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from procedures.data import ComponentData, FormFieldData, version_data
from procedures.excel.format import COMPONENTS, FORM
from procedures.excel.writer import catalogue_file, export_versions, template_file
from procedures.imports import catalogue_import
from procedures.models import FormField, ProcedureVersion
from tests.procedures.factories import publish_new
from tests.procedures.fixtures.workbooks import (
    component_row,
    form_row,
    procedure_row,
    steps_for,
    workbook_bytes,
)
from tests.procedures.test_excel_import import refused

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def refs():
    from tests.procedures.fixtures.catalogue import make_refs

    return make_refs()


def row(code="1.000001", **values):
    return procedure_row(code, **{"agency": "H22.10", "field": "ho-tich", **values})


def birth_file(*questions, components=None):
    return workbook_bytes(
        [row()],
        components=components or [component_row("1.000001", 1, "Tờ khai đăng ký khai sinh", filled_by_form="Có"),
                                  component_row("1.000001", 2, "Giấy chứng sinh")],
        steps=steps_for("1.000001", 3, 7),
        form_fields=questions,
    )


def test_the_template_has_the_form_sheet_with_its_lists_and_instructions():
    book = load_workbook(io.BytesIO(template_file()))
    sheet = book[FORM.title]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:8] == ["Mã thủ tục *\nProcedure code", "Thứ tự *\nOrder", "Phần\nSection",
                           "Phần (tiếng Anh)\nSection (English)", "Mã trường\nKey", "Nhãn *\nLabel",
                           "Nhãn (tiếng Anh)\nLabel (English)", "Kiểu dữ liệu\nType"]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists["H2:H5000"] == ('"Văn bản,Văn bản dài,Ngày tháng,Số,Lựa chọn,Có/Không,Số CCCD,Số điện thoại,'
                                 'Thư điện tử"')
    assert "Điền bằng tờ khai điện tử *" not in [c.value for c in book[COMPONENTS.title][1]]
    assert "Điền bằng tờ khai điện tử\nFilled in with the e-form" in [c.value for c in book[COMPONENTS.title][1]]
    instructions = " ".join(str(c.value) for c in book["Hướng dẫn"]["A"] if c.value)
    assert "separated by semicolons, e.g. Nam; Nữ" in instructions


def test_the_questions_are_imported_with_keys_made_from_labels_when_empty(refs):
    summary = catalogue_import(source=io.BytesIO(birth_file(
        form_row("1.000001", 2, "Giới tính", type="Lựa chọn", options="Nam; Nữ", options_en="Male; Female",
                 section="Người được khai sinh", key="gioi_tinh"),
        form_row("1.000001", 1, "Họ, chữ đệm, tên", section="Người được khai sinh", label_en="Full name",
                 max_length=100),
        form_row("1.000001", 3, "Ngày sinh", type="date", not_future="Có", required="Không"),
        form_row("1.000001", 4, "Số bản sao", type="Số", min_value=0, max_value="10", help_text="Trích lục"),
    )), actor=refs.admin)

    assert summary.procedures == 1
    version = ProcedureVersion.objects.get(procedure__code="1.000001")
    fields = list(version.form_fields.all())
    assert [(f.position, f.key, f.type, f.required) for f in fields] == [
        (1, "ho_chu_dem_ten", "text", True), (2, "gioi_tinh", "choice", True), (3, "ngay_sinh", "date", False),
        (4, "so_ban_sao", "number", True)]
    assert (fields[1].options, fields[1].options_en) == (["Nam", "Nữ"], ["Male", "Female"])
    assert (fields[0].max_length, fields[0].label_en, fields[2].not_future) == (100, "Full name", True)
    assert (fields[3].min_value, fields[3].max_value, fields[3].help_text) == (Decimal(0), Decimal(10), "Trích lục")
    assert [c.filled_by_form for c in version.components.all()] == [True, False]


def test_every_problem_of_the_form_sheet_is_located_and_nothing_is_saved(refs):
    content = birth_file(
        form_row("1.000001", 1, "Họ tên", key="ho_ten"),
        form_row("1.000001", 2, "Họ tên của mẹ", key="ho_ten"),
        form_row("1.000001", 3, "Giới tính", type="Lựa chọn", options="Nam"),
        form_row("1.000001", 4, "Ngày sinh", type="Ngày giờ"),
        form_row("1.000001", 5, "Ghi chú", key="Ghi chú"),
        form_row("1.000001", 6, "Số con", type="Số", min_value=5, max_value=1),
        form_row("1.000001", 7, "Tên", options="A; B"),
        form_row("1.000009", 1, "Lạc"),
    )
    assert refused(content, refs.admin) == [
        "Tờ khai điện tử, row 3, column E: Form field 2 repeats the key “ho_ten” (already form field 1).",
        "Tờ khai điện tử, row 4, column J: Form field 3: a choice needs at least two options.",
        "Tờ khai điện tử, row 5, column H: “Ngày giờ” is not one of: Văn bản, Văn bản dài, Ngày tháng, Số, Lựa "
        "chọn, Có/Không, Số CCCD, Số điện thoại, Thư điện tử.",
        "Tờ khai điện tử, row 6, column E: Form field 5: the key “Ghi chú” must start with a letter and use only "
        "lower-case letters without diacritics, digits and underscores, at most 40 (e.g. ho_ten_tre).",
        "Tờ khai điện tử, row 7, column P: Form field 6: the minimum is greater than the maximum.",
        "Tờ khai điện tử, row 8, column J: Form field 7: only choice fields have options.",
        "Tờ khai điện tử, row 9, column A: The procedure code 1.000009 is not on the sheet “Thủ tục”.",
    ]


def test_a_component_marked_without_a_form_is_reported_on_its_row(refs):
    assert refused(birth_file(), refs.admin) == [
        "Thành phần hồ sơ, row 2, column C: Component 1 is filled in with the e-form, but the procedure has no "
        "e-form fields."]


def test_a_workbook_without_the_form_sheet_is_refused(refs):
    content = workbook_bytes([row()], steps=steps_for("1.000001", 3, 7), drop_sheets=(FORM.title,))
    assert refused(content, refs.admin) == ["The sheet “Tờ khai điện tử” is missing."]


def test_an_export_with_a_form_imports_back_unchanged(refs):
    questions = (
        FormFieldData(key="ho_ten_tre", label="Họ, chữ đệm, tên", label_en="Full name", section="Người được khai sinh",
                      section_en="The child", max_length=100, help_text="Viết in hoa", help_text_en="Capitals"),
        FormFieldData(key="gioi_tinh", label="Giới tính", type="choice", options=("Nam", "Nữ"),
                      options_en=("Male", "Female"), section="Người được khai sinh"),
        FormFieldData(key="ngay_sinh", label="Ngày sinh", type="date", not_future=True),
        FormFieldData(key="so_ban_sao", label="Số bản sao", type="number", required=False,
                      min_value=Decimal("0.5"), max_value=Decimal("10")),
        FormFieldData(key="buu_chinh", label="Nhận qua bưu chính", type="yes_no", required=False),
    )
    components = (ComponentData(name="Tờ khai", filled_by_form=True), ComponentData(name="Giấy chứng sinh"))
    publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency, centres=(refs.centre,),
                components=components, form_fields=questions)
    before = version_data(ProcedureVersion.objects.get(procedure__code="1.000001"))

    content = catalogue_file(export_versions())
    book = load_workbook(io.BytesIO(content))
    assert [c.value for c in book[FORM.title][3]][:12] == [
        "1.000001", 2, "Người được khai sinh", None, "gioi_tinh", "Giới tính", None, "Lựa chọn", "Có", "Nam; Nữ",
        "Male; Female", None]
    catalogue_import(source=io.BytesIO(content), actor=refs.admin)

    draft = ProcedureVersion.objects.get(procedure__code="1.000001", status="draft")
    assert version_data(draft) == before
    assert FormField.objects.filter(version=draft).count() == 5
