"""When a procedure's fees are paid online: a field of the version, checked by the catalogue's rules, in the
Excel import and export (the last column of "Thủ tục"), and in the back office's version form."""

import io

import pytest
from openpyxl import load_workbook

from procedures.data import FeeData, version_data
from procedures.excel.writer import catalogue_file
from procedures.imports import catalogue_import
from procedures.models import ProcedureVersion
from procedures.rules import procedure_data_errors
from tests.procedures.fixtures.catalogue import make_refs
from tests.procedures.fixtures.workbooks import fee_row, procedure_row, steps_for, workbook_bytes

pytestmark = pytest.mark.django_db


def test_a_procedure_paid_online_needs_a_fee_with_an_amount(world):
    import dataclasses

    data = version_data(world.version)
    assert procedure_data_errors(code="1.001193", data=data) == {}  # 58.000 đồng, paid before submission
    free = dataclasses.replace(data, fees=(FeeData(description="Miễn lệ phí", amount=0),))
    assert procedure_data_errors(code="1.001193", data=free)["fees"] == [
        "Thủ tục thanh toán trực tuyến phải có ít nhất một khoản phí, lệ phí có mức thu."]
    assert "payment_timing" in procedure_data_errors(code="1.001193",
                                                    data=dataclasses.replace(data, payment_timing="later"))
    assert procedure_data_errors(code="1.001193", data=dataclasses.replace(free, payment_timing="none")) == {}


def test_the_excel_import_reads_the_payment_column_and_the_export_writes_it():
    refs = make_refs()
    content = workbook_bytes(
        [procedure_row("1.000001", agency="H22.10", field="ho-tich", payment_timing="Khi cán bộ yêu cầu"),
         procedure_row("1.000002", agency="H22.10", field="ho-tich")],
        fees=[fee_row("1.000001", 1, 50_000)], steps=steps_for("1.000001", 10) + steps_for("1.000002", 10),
    )
    catalogue_import(source=io.BytesIO(content), actor=refs.admin)
    timings = dict(ProcedureVersion.objects.values_list("procedure__code", "payment_timing"))
    assert timings == {"1.000001": "on_request", "1.000002": "none"}  # an empty cell: not paid online
    sheet = load_workbook(io.BytesIO(catalogue_file(ProcedureVersion.objects.all())))["Thủ tục"]
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, title in enumerate(header) if title and title.startswith("Thanh toán trực tuyến"))
    assert column == len(header) - 1
    assert {row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]} == {
        "Khi cán bộ yêu cầu", "Không thanh toán trực tuyến"}
