"""Importing the catalogue from Excel: every problem listed where it is, nothing saved unless all is well."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from procedures.errors import CatalogueForbidden
from procedures.excel.format import COMPONENTS, FEES, FORM, PROCEDURES, STEPS
from procedures.excel.issues import CatalogueImportError
from procedures.imports import catalogue_import
from procedures.models import ProcedureEvent, ProcedureVersion
from tests.factories import ServiceCentreFactory, UserFactory
from tests.procedures.factories import publish_new
from tests.procedures.fixtures.catalogue import catalogue_counts, make_refs
from tests.procedures.fixtures.workbooks import (
    component_row,
    fee_row,
    procedure_row,
    step_row,
    steps_for,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are English msgids; assert them in English whatever catalogue is compiled."""
    with translation.override("en"):
        yield


def refused(content: bytes, actor) -> list[str]:
    """Import that must fail: the problems as a person reads them, after checking nothing changed."""
    before = catalogue_counts()
    with pytest.raises(CatalogueImportError) as raised:
        catalogue_import(source=io.BytesIO(content), actor=actor)
    assert catalogue_counts() == before
    assert raised.value.extra["errors"] == [issue.as_dict() for issue in raised.value.issues]
    return [str(issue) for issue in raised.value.issues]


def row(code="1.000001", **values):
    return procedure_row(code, **{"agency": "H22.10", "field": "ho-tich", **values})


def test_a_clean_file_creates_drafts_with_all_their_content():
    refs = make_refs()
    ServiceCentreFactory(slug="tt-xa-a")
    content = workbook_bytes(
        [
            row("1.000001", name="Đăng ký khai sinh", name_en="Birth registration", centres="tt-tinh, tt-xa-a",
                cutoff_hour=dt.time(16, 0), processing_time="0,5", processing_time_unit="working_days",
                channels="Trực tuyến; Bưu chính", level="commune", online_level="Toàn trình",
                regardless_of_residence="Không", legal_basis="Luật Hộ tịch 2014"),
            row("1.000002", agency="000.00.11.H22", level="Cấp tỉnh"),
        ],
        components=[component_row("1.000001", 2, "Giấy chứng sinh", copies=1, is_mandatory="Không"),
                    component_row("1.000001", 1, "Tờ khai đăng ký khai sinh")],
        fees=[fee_row("1.000001", 1, "50.000", description_en="Fee")],
        steps=[step_row("1.000001", 1, 0.25, role="Cán bộ một cửa"),
               step_row("1.000001", 2, "0,25", role="leader", responsible_agency="H22.11")]
        + steps_for("1.000002", 3, 7),
    )

    summary = catalogue_import(source=io.BytesIO(content), actor=refs.admin)

    assert (summary.procedures, summary.new_procedures, summary.replaced_drafts) == (2, 2, 0)
    first = ProcedureVersion.objects.get(procedure__code="1.000001")
    assert first.status == ProcedureVersion.Status.DRAFT
    assert (first.name, first.name_en, first.level, first.online_level) == (
        "Đăng ký khai sinh", "Birth registration", "commune", "full")
    assert (first.processing_time, first.processing_time_unit, first.cutoff_hour) == (
        Decimal("0.5"), "working_days", dt.time(16, 0))
    assert (first.channel_online, first.channel_counter, first.channel_post) == (True, False, True)
    assert first.regardless_of_residence is False
    assert sorted(first.centres.values_list("slug", flat=True)) == ["tt-tinh", "tt-xa-a"]
    assert [(c.name, c.copies, c.is_mandatory) for c in first.components.all()] == [
        ("Tờ khai đăng ký khai sinh", 0, True), ("Giấy chứng sinh", 1, False)]
    assert [(f.amount, f.description_en) for f in first.fees.all()] == [(50000, "Fee")]
    assert [(s.responsible_role, s.responsible_agency_id, s.duration) for s in first.steps.all()] == [
        ("officer", None, Decimal("0.25")), ("leader", refs.other_agency.pk, Decimal("0.25"))]
    second = ProcedureVersion.objects.get(procedure__code="1.000002")
    assert (second.agency, second.level) == (refs.other_agency, "province")
    assert ProcedureEvent.objects.filter(kind=ProcedureEvent.Kind.IMPORTED).count() == 2


def test_import_replaces_drafts_and_never_touches_published_versions():
    refs = make_refs()
    published = publish_new("1.000001", refs.admin, field=refs.field, agency=refs.agency)
    catalogue_import(source=io.BytesIO(workbook_bytes([row(name="Bản nháp một")])), actor=refs.admin)
    summary = catalogue_import(source=io.BytesIO(workbook_bytes([row(name="Bản nháp hai")])), actor=refs.admin)

    assert (summary.new_procedures, summary.replaced_drafts) == (0, 1)
    versions = ProcedureVersion.objects.filter(procedure__code="1.000001").order_by("number")
    assert [(v.number, v.status, v.name) for v in versions] == [
        (1, "published", published.name), (2, "draft", "Bản nháp hai")]


def test_unknown_agency_is_reported_on_its_cell_and_nothing_is_saved():
    refs = make_refs()
    content = workbook_bytes([row("1.000001"), row("1.000002"), row("1.000003", agency="H99.99")],
                             steps=steps_for("1.000001", 1))
    assert refused(content, refs.admin) == ["Thủ tục, row 4, column G: The agency code H99.99 does not exist."]


def test_a_refused_import_keeps_the_existing_drafts_as_they_were():
    refs = make_refs()
    catalogue_import(source=io.BytesIO(workbook_bytes([row(name="Giữ nguyên")])), actor=refs.admin)
    refused(workbook_bytes([row(name="Thay đổi"), row("1.000002", field="khong-co")]), refs.admin)
    assert ProcedureVersion.objects.get(procedure__code="1.000001").name == "Giữ nguyên"


def test_duplicate_codes_are_reported_on_the_later_row():
    refs = make_refs()
    content = workbook_bytes([row("1.000001"), row("1.000002"), row("1.000001")])
    assert refused(content, refs.admin) == [
        "Thủ tục, row 4, column A: The procedure code 1.000001 is already on row 2."]


def test_steps_over_the_legal_time_name_the_excess_on_the_step_that_overruns():
    refs = make_refs()
    content = workbook_bytes(
        [row("1.000001", processing_time=10), row("1.000002", processing_time=3)],
        steps=steps_for("1.000001", 2, 8) + steps_for("1.000002", 1, 2.5, 1),
    )
    assert refused(content, refs.admin) == [
        "Quy trình nội bộ, row 5, column G: The steps take 4.5 working days in total, 1.5 working days more "
        "than the legal processing time of 3 working days."
    ]


def test_every_problem_of_the_file_is_listed_with_sheet_row_and_column():
    refs = make_refs()
    content = workbook_bytes(
        [
            row("1.000001", processing_time="mười", cutoff_hour="25:00", centres="khong-co"),
            row("1.00002", level="Cấp huyện", channels="", field="khong-co"),
            row("1.000003", processing_time_unit="ngày", cutoff_hour="16:00", online_level="Một phần",
                channels="Trực tiếp"),
        ],
        components=[component_row("1.000001", 1, originals="hai"), component_row("1.000001", 2, "Tờ khai"),
                    component_row("1.000009", 1)],
        fees=[fee_row("1.000001", 1, amount=-5)],
        steps=[step_row("1.000001", 1, 1, role="Giám đốc"), step_row("1.000001", 1, 1)],
    )
    assert refused(content, refs.admin) == [
        "Thủ tục, row 2, column L: “mười” is not a number.",
        "Thủ tục, row 2, column N: “25:00” is not a time of day such as 16:30.",
        "Thủ tục, row 2, column R: There is no service centre with the short name khong-co.",
        "Thủ tục, row 3, column A: 1.00002 is not a valid procedure code. Expected a digit, a dot and six "
        "digits (e.g. 1.001234), optionally followed by the agency suffix (e.g. 1.001234.000.00.00.H27).",
        "Thủ tục, row 3, column D: The field code khong-co does not exist.",
        "Thủ tục, row 3, column F: “Cấp huyện” is not one of: Cấp tỉnh, Cấp xã.",
        "Thủ tục, row 3, column P: A value is required.",
        "Thủ tục, row 4, column N: A daily cut-off hour only applies to times counted in working days or "
        "working hours; remove it or change the unit.",
        "Thủ tục, row 4, column O: A procedure with partial or full-process online service must accept "
        "dossiers online.",
        "Thành phần hồ sơ, row 2, column E: “hai” is not a whole number.",
        "Thành phần hồ sơ, row 3, column C: Component 2 repeats \"Tờ khai\" (already component 1).",
        "Thành phần hồ sơ, row 4, column A: The procedure code 1.000009 is not on the sheet “Thủ tục”.",
        "Phí, lệ phí, row 2, column E: The number must be 0 or more.",
        "Quy trình nội bộ, row 2, column E: “Giám đốc” is not one of: Cán bộ một cửa, Chuyên viên, Lãnh đạo, "
        "Văn thư.",
        "Quy trình nội bộ, row 3, column B: Order 1 is already used for 1.000001 on row 2.",
    ]


def test_vietnamese_only_headers_and_moved_columns_are_read():
    refs = make_refs()
    content = workbook_bytes([row()], steps=steps_for("1.000001", 1), headers="vi")
    catalogue_import(source=io.BytesIO(content), actor=refs.admin)
    assert ProcedureVersion.objects.filter(procedure__code="1.000001", status="draft").exists()


def test_columns_are_found_by_header_wherever_they_are():
    refs = make_refs()
    book = Workbook()
    book.remove(book.active)
    for spec, rows in ((PROCEDURES, [row()]), (COMPONENTS, [component_row("1.000001", 1)])):
        sheet = book.create_sheet(spec.title)
        columns = list(reversed(spec.columns))
        sheet.append(["Ghi chú"] + [c.header for c in columns])
        for values in rows:
            sheet.append(["ghi chú tùy ý"] + [values.get(c.key) for c in columns])
    for spec in (FEES, STEPS, FORM):
        book.create_sheet(spec.title).append([c.header for c in spec.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    catalogue_import(source=io.BytesIO(buffer.getvalue()), actor=refs.admin)
    assert ProcedureVersion.objects.get(procedure__code="1.000001").components.get().name == "Tờ khai"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"code,name\n1.000001,Khai sinh\n", ["The file is not an Excel workbook (.xlsx)."]),
        (b"PK\x03\x04 not really a zip", ["The file is not an Excel workbook (.xlsx)."]),
    ],
)
def test_a_file_that_is_not_an_xlsx_is_refused(content, expected):
    refs = make_refs()
    assert refused(content, refs.admin) == expected


def test_a_zip_that_is_not_a_workbook_is_refused():
    refs = make_refs()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert refused(buffer.getvalue(), refs.admin) == ["The file is not an Excel workbook (.xlsx)."]


def test_missing_sheets_and_columns_are_listed():
    refs = make_refs()
    content = workbook_bytes(
        [row()], drop_sheets=("Phí, lệ phí",),
        drop_columns={PROCEDURES.title: ("agency", "processing_time"), STEPS.title: ("duration",)},
    )
    assert refused(content, refs.admin) == [
        "The sheet “Phí, lệ phí” is missing.",
        "Thủ tục, row 1: The column “Mã cơ quan thực hiện” (Implementing agency code) is missing.",
        "Thủ tục, row 1: The column “Thời hạn giải quyết” (Processing time) is missing.",
        "Quy trình nội bộ, row 1: The column “Thời gian” (Duration) is missing.",
    ]


def test_only_provincial_admins_may_import():
    make_refs()
    officer = UserFactory(officer=True)
    before = catalogue_counts()
    with pytest.raises(CatalogueForbidden):
        catalogue_import(source=io.BytesIO(workbook_bytes([row()])), actor=officer)
    assert catalogue_counts() == before
