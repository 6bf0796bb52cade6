"""The template and the export: same format as the import, and an export imports back unchanged."""

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from procedures.data import ComponentData, FeeData, StepData, version_data
from procedures.excel.format import INSTRUCTIONS_TITLE, PROCEDURES, SHEETS
from procedures.excel.template import REFERENCE_TITLE
from procedures.excel.writer import catalogue_file, export_versions, template_file
from procedures.imports import catalogue_import
from procedures.models import Procedure, ProcedureVersion
from procedures.services import procedure_draft_save
from tests.factories import ServiceCentreFactory
from tests.procedures.factories import make_data, publish_new
from tests.procedures.fixtures.catalogue import make_refs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are English msgids; assert them in English whatever catalogue is compiled."""
    with translation.override("en"):
        yield


def test_the_template_has_the_data_sheets_with_bilingual_headers_lists_and_instructions():
    refs = make_refs()
    book = load_workbook(io.BytesIO(template_file()))

    assert book.sheetnames == [INSTRUCTIONS_TITLE, *(spec.title for spec in SHEETS), REFERENCE_TITLE]
    procedures = book[PROCEDURES.title]
    assert procedures["A1"].value == "Mã thủ tục *\nProcedure code"
    assert procedures["G1"].value == "Mã cơ quan thực hiện *\nImplementing agency code"
    assert procedures.max_row == 1
    lists = {str(v.sqref): v.formula1 for v in procedures.data_validations.dataValidation if v.type == "list"}
    assert lists["F2:F5000"] == '"Cấp tỉnh,Cấp xã"'
    assert lists["M2:M5000"] == '"ngày làm việc,giờ làm việc,ngày,tháng"'
    assert "Only for times in working days" in " ".join(
        str(c.value) for c in book[INSTRUCTIONS_TITLE]["A"] if c.value)
    references = [c.value for c in book[REFERENCE_TITLE]["A"]] + [c.value for c in book[REFERENCE_TITLE]["D"]]
    assert refs.field.code in references and refs.agency.code in references


def test_the_blank_template_imports_as_an_empty_file_without_problems():
    refs = make_refs()
    summary = catalogue_import(source=io.BytesIO(template_file()), actor=refs.admin)
    assert summary.procedures == 0


def _rich_catalogue(refs):
    """Two published procedures using every column, one with a later draft."""
    second_centre = ServiceCentreFactory(slug="tt-xa-b")
    publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency, centres=(refs.centre, second_centre))
    publish_new(
        "2.000002", refs.admin, field=refs.field, agency=refs.other_agency, centres=(),
        name="Cấp giấy phép xây dựng", name_en="Building permit", level="province", processing_time=Decimal("12.5"),
        processing_time_unit="working_hours", cutoff_hour=dt.time(15, 30), online_level="full",
        channel_counter=False, channel_post=True, regardless_of_residence=False, result_type="Giấy phép",
        result_type_en="Permit", legal_basis="Luật Xây dựng 2014;\nNghị định 15/2021/NĐ-CP", conditions="Có đất",
        components=(ComponentData(name="Đơn đề nghị", name_en="Application", originals=2, copies=3,
                                  is_mandatory=False),),
        fees=(FeeData(description="Lệ phí cấp phép", description_en="Permit fee", amount=150000),
              FeeData(description="Phí thẩm định", amount=0)),
        steps=(StepData(name="Tiếp nhận", responsible_role="officer", duration=Decimal("0.25")),
               StepData(name="Thẩm định", responsible_role="specialist", duration=Decimal("12.25"),
                        name_en="Appraisal", responsible_agency=refs.agency)),
    )


def _content(version: ProcedureVersion):
    """Everything a version says, with centres as a set (their order has no meaning)."""
    data = version_data(version)
    return replace(data, centres=frozenset(c.pk for c in data.centres))


def test_export_then_import_into_an_empty_catalogue_gives_the_same_procedures():
    refs = make_refs()
    _rich_catalogue(refs)
    before = {v.procedure.code: _content(v) for v in export_versions()}
    content = catalogue_file(export_versions())

    Procedure.objects.all().delete()
    summary = catalogue_import(source=io.BytesIO(content), actor=refs.admin)

    assert (summary.procedures, summary.new_procedures) == (2, 2)
    after = {v.procedure.code: _content(v) for v in ProcedureVersion.objects.filter(status="draft")}
    assert after == before
    assert after["2.000002"].processing_time == Decimal("12.5")


def test_export_then_import_over_the_published_catalogue_drafts_identical_versions():
    refs = make_refs()
    _rich_catalogue(refs)
    published = {v.procedure.code: _content(v) for v in ProcedureVersion.objects.current()}

    catalogue_import(source=io.BytesIO(catalogue_file(export_versions())), actor=refs.admin)

    drafts = ProcedureVersion.objects.filter(status="draft").select_related("procedure")
    assert {d.procedure.code: (d.number, _content(d)) for d in drafts} == {
        code: (2, content) for code, content in published.items()
    }


def test_export_with_drafts_puts_each_draft_in_place_of_its_published_version():
    refs = make_refs()
    _rich_catalogue(refs)
    procedure_draft_save(code="1.000001", data=make_data(field=refs.field, agency=refs.agency, name="Bản sửa đổi"),
                         actor=refs.admin)
    procedure_draft_save(code="1.000003", data=make_data(field=refs.field, agency=refs.agency, name="Thủ tục mới"),
                         actor=refs.admin)

    def names(include_drafts):
        sheet = load_workbook(io.BytesIO(catalogue_file(export_versions(include_drafts=include_drafts))))[
            PROCEDURES.title]
        return [(row[0], row[1]) for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert names(False) == [("1.000001", "Đăng ký khai sinh"), ("2.000002", "Cấp giấy phép xây dựng")]
    assert names(True) == [("1.000001", "Bản sửa đổi"), ("1.000003", "Thủ tục mới"),
                           ("2.000002", "Cấp giấy phép xây dựng")]


def test_export_reads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    refs = make_refs()
    for number in range(1, 6):
        publish_new(f"1.00000{number}", refs.admin, field=refs.field, agency=refs.agency)
    with django_assert_max_num_queries(9):
        content = catalogue_file(export_versions(include_drafts=True))
    assert load_workbook(io.BytesIO(content))[PROCEDURES.title].max_row == 6
