"""The e-form of a procedure (tờ khai điện tử): its definition's rules, its versioning with the draft, the
Django fields built from it and the checking of answers, with messages in Vietnamese and English."""

import datetime as dt
import unicodedata
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from procedures.data import FormFieldData
from procedures.eforms import AnswersInvalid, answers_clean, answers_display, form_field
from procedures.errors import CatalogueConflict, CatalogueError
from procedures.models import FormField
from procedures.rules import form_field_errors, form_key_from_label, procedure_data_errors
from procedures.services import (
    ComponentData,
    procedure_draft_from_published,
    procedure_draft_save,
    procedure_form_save,
)
from tests.factories import UserFactory
from tests.procedures.factories import make_data, publish_new

CHILD = ("Người được khai sinh", "The child")
BIRTH = (
    FormFieldData(key="ho_ten_tre", label="Họ, chữ đệm, tên", label_en="Full name", section=CHILD[0],
                  section_en=CHILD[1], max_length=20),
    FormFieldData(key="gioi_tinh", label="Giới tính", label_en="Sex", type="choice", section=CHILD[0],
                  section_en=CHILD[1], options=("Nam", "Nữ"), options_en=("Male", "Female")),
    FormFieldData(key="ngay_sinh", label="Ngày, tháng, năm sinh", label_en="Date of birth", type="date",
                  section=CHILD[0], section_en=CHILD[1], not_future=True),
    FormFieldData(key="so_dinh_danh_me", label="Số định danh cá nhân của mẹ", label_en="Mother's ID number",
                  type="cccd", required=False, section="Người mẹ", section_en="The mother"),
    FormFieldData(key="so_ban_sao", label="Số bản sao", label_en="Copies", type="number", required=False,
                  min_value=Decimal("0"), max_value=Decimal("10")),
    FormFieldData(key="qua_buu_chinh", label="Nhận qua bưu chính", label_en="By post", type="yes_no", required=False),
    FormFieldData(key="dien_thoai", label="Điện thoại", label_en="Phone", type="phone", required=False),
    FormFieldData(key="thu_dien_tu", label="Thư điện tử", label_en="Email", type="email", required=False),
    FormFieldData(key="ghi_chu", label="Ghi chú", label_en="Note", type="long_text", required=False),
)


def check(answers, *, partial=False, lang="en"):
    with translation.override(lang):
        return answers_clean(BIRTH, answers, partial=partial)


def problems(answers, *, partial=False, lang="en") -> dict:
    with pytest.raises(AnswersInvalid) as raised:
        check(answers, partial=partial, lang=lang)
    return raised.value.errors


VALID = {"ho_ten_tre": "Nguyễn Minh Khang", "gioi_tinh": "Nam", "ngay_sinh": "12/10/2025"}


# ---- The definition's rules ---------------------------------------------------------------------------------

def english(function, *args, **kwargs):
    with translation.override("en"):
        return function(*args, **kwargs)


def test_a_sound_definition_has_no_problem():
    assert english(form_field_errors, BIRTH) == []


@pytest.mark.parametrize(("fields", "expected"), [
    ((FormFieldData(key="ho_ten", label="A"), FormFieldData(key="ho_ten", label="B")),
     "Form field 2 repeats the key “ho_ten” (already form field 1)."),
    ((FormFieldData(key="Họ tên", label="A"),),
     "Form field 1: the key “Họ tên” must start with a letter and use only lower-case letters without diacritics, "
     "digits and underscores, at most 40 (e.g. ho_ten_tre)."),
    ((FormFieldData(key="ho_ten", label=""),), "Form field 1: enter its label."),
    ((FormFieldData(key="x", label="A", type="colour"),),
     "Form field 1: choose its type (Text, Long text, Date, Number, Choice from a list, Yes or no, CCCD number, "
     "Phone number, Email address)."),
    ((FormFieldData(key="x", label="A", type="choice", options=("Nam",)),),
     "Form field 1: a choice needs at least two options."),
    ((FormFieldData(key="x", label="A", type="choice", options=("Nam", "nam")),),
     "Form field 1: an option is listed twice."),
    ((FormFieldData(key="x", label="A", type="choice", options=("Nam", "Nữ"), options_en=("Male",)),),
     "Form field 1: give an English label for each of the 2 options, or none."),
    ((FormFieldData(key="x", label="A", options=("Nam", "Nữ")),), "Form field 1: only choice fields have options."),
    ((FormFieldData(key="x", label="A", type="date", max_length=10),),
     "Form field 1: only text fields have a maximum length."),
    ((FormFieldData(key="x", label="A", type="number", min_value=Decimal(5), max_value=Decimal(1)),),
     "Form field 1: the minimum is greater than the maximum."),
    ((FormFieldData(key="x", label="A", min_value=Decimal(1)),),
     "Form field 1: only number fields have a minimum or a maximum."),
    ((FormFieldData(key="x", label="A", not_future=True),),
     "Form field 1: only date fields can be limited to dates not after today."),
])
def test_each_problem_of_a_definition_is_named(fields, expected):
    assert english(form_field_errors, fields) == [expected]


def test_the_rules_speak_vietnamese_too():
    with translation.override("vi"):
        messages = form_field_errors((FormFieldData(key="x", label="A", type="choice", options=("Nam",)),))
    assert messages == ["Trường 1: trường lựa chọn cần ít nhất hai lựa chọn."]


def test_at_most_one_component_is_filled_by_the_form_and_only_with_a_form(db):
    data = make_data(components=(ComponentData(name="Tờ khai", filled_by_form=True),
                                 ComponentData(name="Giấy chứng sinh", filled_by_form=True)))
    assert english(procedure_data_errors, code="1.000101", data=data)["components"] == [
        "Component 1 is filled in with the e-form, but the procedure has no e-form fields.",
        "Component 2 is filled in with the e-form, but the procedure has no e-form fields.",
    ]
    errors = english(procedure_data_errors, code="1.000101", data=replace(data, form_fields=BIRTH))
    assert errors["components"] == [
        "Component 2: only one component can be filled in with the e-form (already component 1)."]


def test_a_key_is_made_from_a_label_without_diacritics():
    assert form_key_from_label("Họ, chữ đệm, tên của mẹ") == "ho_chu_dem_ten_cua_me"
    assert form_key_from_label("Đã chết vào ngày") == "da_chet_vao_ngay"
    assert form_key_from_label("2. Nơi sinh") == "f_2_noi_sinh"


# ---- Versioned with the procedure ------------------------------------------------------------------------------

def test_a_new_draft_copies_the_form_and_the_published_version_keeps_it(db):
    admin = UserFactory(admin=True)
    components = (ComponentData(name="Tờ khai đăng ký khai sinh", filled_by_form=True), ComponentData(name="Giấy chứng sinh"))
    published = publish_new("1.000101", admin, components=components, form_fields=BIRTH)
    draft = procedure_draft_from_published(procedure=published.procedure, actor=admin)

    assert [f.key for f in draft.form_fields.all()] == [f.key for f in BIRTH]
    assert draft.form_fields.get(key="gioi_tinh").options == ["Nam", "Nữ"]
    assert [c.filled_by_form for c in draft.components.all()] == [True, False]

    procedure_form_save(version=draft, fields=BIRTH[:2], form_component=None, actor=admin)
    assert [f.key for f in draft.form_fields.all()] == ["ho_ten_tre", "gioi_tinh"]
    assert [c.filled_by_form for c in draft.components.all()] == [False, False]
    assert published.form_fields.count() == len(BIRTH)  # the version in force is untouched
    with pytest.raises(CatalogueConflict):
        procedure_form_save(version=published, fields=(), form_component=None, actor=admin)


def test_saving_a_broken_form_saves_nothing_and_says_why(db):
    admin = UserFactory(admin=True)
    draft = procedure_draft_save(code="1.000101", data=make_data(form_fields=BIRTH), actor=admin)
    broken = (*BIRTH, FormFieldData(key="ho_ten_tre", label="Lặp lại"))
    with translation.override("en"), pytest.raises(CatalogueError) as raised:
        procedure_form_save(version=draft, fields=broken, form_component=1, actor=admin)
    assert raised.value.extra["errors"] == {
        "form_fields": [f"Form field {len(broken)} repeats the key “ho_ten_tre” (already form field 1)."]}
    assert draft.form_fields.count() == len(BIRTH)
    assert not draft.components.filter(filled_by_form=True).exists()


# ---- Fields and answers -------------------------------------------------------------------------------------------

def test_each_type_gets_the_input_people_expect():
    widgets = {spec.key: form_field(spec).widget for spec in BIRTH}
    assert widgets["ngay_sinh"].input_type == "date"
    assert type(widgets["gioi_tinh"]).__name__ == "RadioSelect"
    assert widgets["so_dinh_danh_me"].attrs["inputmode"] == "numeric"
    assert widgets["dien_thoai"].attrs["type"] == "tel"
    assert widgets["ghi_chu"].__class__.__name__ == "Textarea"
    assert widgets["ho_ten_tre"].attrs["maxlength"] == "20"
    many = FormFieldData(key="quan_he", label="Quan hệ", type="choice", options=("Cha", "Mẹ", "Ông", "Bà", "Khác"))
    assert type(form_field(many).widget).__name__ == "Select"
    with translation.override("en"):
        assert form_field(BIRTH[1]).choices == [("Nam", "Male"), ("Nữ", "Female")]
        assert form_field(BIRTH[0]).label == "Full name"
    with translation.override("vi"):
        assert form_field(BIRTH[0]).label == "Họ, chữ đệm, tên"


def test_answers_are_normalised_for_storage():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Minh Khang ")
    answers = check({**VALID, "ho_ten_tre": decomposed, "so_ban_sao": "2", "qua_buu_chinh": "có",
                     "so_dinh_danh_me": "022 194 001 234", "dien_thoai": "+84 912.345.678", "ghi_chu": "a\r\n  b  c",
                     "thu_dien_tu": ""})
    assert answers == {"ho_ten_tre": "Nguyễn Minh Khang", "gioi_tinh": "Nam", "ngay_sinh": "2025-10-12",
                       "so_dinh_danh_me": "022194001234", "so_ban_sao": 2, "qua_buu_chinh": True,
                       "dien_thoai": "0912345678", "ghi_chu": "a\nb c"}
    assert unicodedata.is_normalized("NFC", answers["ho_ten_tre"])
    area = (FormFieldData(key="dien_tich", label="Diện tích", type="number"),)
    assert [answers_clean(area, {"dien_tich": typed})["dien_tich"] for typed in
            ("1.500", "1.500.000", "1.500,25", "12.5", "12,5", 7)] == [1500, 1500000, 1500.25, 12.5, 12.5, 7]
    assert check({**VALID, "so_ban_sao": "2,5", "qua_buu_chinh": False}) == {
        **check(VALID), "so_ban_sao": 2.5, "qua_buu_chinh": False}


def test_every_wrong_answer_is_named_at_once_in_english():
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    errors = problems({"ho_ten_tre": "x" * 21, "gioi_tinh": "Khác", "ngay_sinh": tomorrow,
                       "so_dinh_danh_me": "12345", "so_ban_sao": "11", "qua_buu_chinh": "maybe",
                       "dien_thoai": "12", "thu_dien_tu": "an@", "la": "?"})
    assert errors == {
        "form_data": ["“la” is not a field of this procedure's form."],
        "form_data.ho_ten_tre": ["Use at most 20 characters (you wrote 21)."],
        "form_data.gioi_tinh": ["Choose one of the options offered."],
        "form_data.ngay_sinh": ["The date cannot be after today."],
        "form_data.so_dinh_danh_me": ["The personal identification number has 12 digits; you entered 5."],
        "form_data.so_ban_sao": ["Enter a number of at most 10."],
        "form_data.qua_buu_chinh": ["Answer yes or no."],
        "form_data.dien_thoai": [errors["form_data.dien_thoai"][0]],
        "form_data.thu_dien_tu": ["Enter a valid email address."],
    }
    assert errors["form_data.dien_thoai"][0].startswith("12 is not a Vietnamese phone number.")


def test_required_answers_are_asked_for_unless_saving_a_draft():
    assert problems({}) == {"form_data.ho_ten_tre": ["This information is required."],
                            "form_data.gioi_tinh": ["Choose one of the options."],
                            "form_data.ngay_sinh": ["This information is required."]}
    assert check({}, partial=True) == {}
    assert problems({"ngay_sinh": "31/02/2025"}, partial=True) == {
        "form_data.ngay_sinh": ["Enter a date as dd/mm/yyyy, e.g. 25/12/2024."]}


def test_messages_are_in_vietnamese_by_default():
    errors = problems({"ho_ten_tre": "", "gioi_tinh": "Nam", "ngay_sinh": "ngày mai", "so_ban_sao": "mười"},
                      lang="vi")
    assert errors == {
        "form_data.ho_ten_tre": ["Thông tin này là bắt buộc."],
        "form_data.ngay_sinh": ["Nhập ngày theo dạng ngày/tháng/năm, ví dụ: 25/12/2024."],
        "form_data.so_ban_sao": ["Nhập một số, ví dụ: 12 hoặc 12,5."],
    }


@pytest.mark.parametrize("hostile", [
    ["a list"], {"nested": "object"}, "x\x00y", 10**400, float("nan"),
])
def test_hostile_values_are_refused_not_crashed_on(hostile):
    errors = problems({**VALID, "ho_ten_tre": hostile, "so_ban_sao": hostile if not isinstance(hostile, str) else "1"})
    assert "form_data.ho_ten_tre" in errors or "form_data.so_ban_sao" in errors
    with pytest.raises(AnswersInvalid) as raised:
        answers_clean(BIRTH, ["not", "an", "object"])
    assert list(raised.value.errors) == ["form_data"]


def test_answers_are_displayed_by_section_with_dates_as_each_language_writes_them():
    answers = check({**VALID, "so_ban_sao": "2,5", "qua_buu_chinh": "no"})
    with translation.override("en"):
        sections = answers_display(BIRTH, answers)
    assert [(s.title, [(a.label, a.text) for a in s.items]) for s in sections] == [
        ("The child", [("Full name", "Nguyễn Minh Khang"), ("Sex", "Male"), ("Date of birth", "12 Oct 2025")]),
        ("", [("Copies", "2.5"), ("By post", "No")]),
    ]
    with translation.override("vi"):
        sections = answers_display(BIRTH, answers)
    assert [(a.label, a.text) for a in sections[1].items] == [("Số bản sao", "2,5"), ("Nhận qua bưu chính", "Không")]
    assert sections[0].items[2].text == "12/10/2025"
    assert sections[0].items[1].text == "Nam"


def test_type_labels_are_translated():
    with translation.override("vi"):
        assert str(FormField.Type.CHOICE.label) == "Lựa chọn trong danh sách"
