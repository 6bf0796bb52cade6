"""procedure_data_errors: one test per rule, asserting the message a user reads."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from procedures.rules import amount_text
from procedures.services import ComponentData, FeeData, StepData, procedure_data_errors
from tests.factories import ServiceCentreFactory
from tests.procedures.factories import make_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in their English source form (the Vietnamese ones are in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def errors_for(code="1.000001", **overrides):
    return procedure_data_errors(code=code, data=make_data(**overrides))


def test_valid_data_has_no_errors():
    assert errors_for() == {}
    assert errors_for(code="1.001234.000.00.00.H27") == {}


@pytest.mark.parametrize("code", ["", "1.23", "0.001234", "1.001234.000", "abc"])
def test_code_must_be_a_national_code(code):
    assert "is not a valid procedure code" in errors_for(code=code)["code"][0]


def test_name_is_required():
    assert errors_for(name="   ") == {"name": ["Enter the name of the procedure."]}


def test_name_length_is_limited():
    assert errors_for(name="x" * 501) == {"name": ["Use at most 500 characters."]}


@pytest.mark.parametrize("value", [Decimal("0"), Decimal("-1"), Decimal("1.005"), Decimal("100000"), "abc"])
def test_processing_time_must_be_positive_with_two_decimals(value):
    assert errors_for(processing_time=value)["processing_time"] == [
        "The processing time must be a number greater than 0 with at most two decimals."
    ]


def test_cutoff_hour_only_for_working_time():
    assert errors_for(cutoff_hour=dt.time(16), processing_time_unit="working_hours", processing_time=Decimal(40)) == {}
    whole_steps = (StepData(name="Thẩm định", responsible_role="specialist", duration=Decimal("7")),)
    errors = errors_for(cutoff_hour=dt.time(16), processing_time_unit="days", steps=whole_steps)
    assert errors == {
        "cutoff_hour": [
            "A daily cut-off hour only applies to times counted in working days or working hours; "
            "remove it or change the unit."
        ]
    }


def test_unknown_unit_level_and_online_level():
    errors = errors_for(processing_time_unit="weeks", level="district", online_level="maybe")
    assert errors["processing_time_unit"] == ["Choose the unit of the processing time."]
    assert errors["level"] == ["Choose the level: provincial or commune."]
    assert errors["online_level"] == ["Choose the online service level."]


def test_at_least_one_channel():
    errors = errors_for(channel_online=False, channel_counter=False, channel_post=False, online_level="none")
    assert errors == {
        "channels": ["Choose at least one way to submit a dossier: online, at the counter or by post."]
    }


@pytest.mark.parametrize("online_level", ["full", "partial"])
def test_online_service_needs_the_online_channel(online_level):
    assert errors_for(online_level=online_level, channel_online=False) == {
        "online_level": ["A procedure with partial or full-process online service must accept dossiers online."]
    }
    assert errors_for(online_level="none", channel_online=False) == {}


def test_step_durations_over_the_legal_time_name_the_excess():
    steps = (
        StepData(name="Tiếp nhận", responsible_role="officer", duration=Decimal("2")),
        StepData(name="Thẩm định", responsible_role="specialist", duration=Decimal("10")),
    )
    assert errors_for(steps=steps) == {
        "steps": [
            "The steps take 12 working days in total, 2 working days more than the legal processing time "
            "of 10 working days."
        ]
    }


def test_excess_in_other_units_and_singular():
    steps = (StepData(name="Xử lý", responsible_role="specialist", duration=Decimal("8.5")),)
    errors = errors_for(steps=steps, processing_time=Decimal("7.50"), processing_time_unit="working_hours")
    assert errors["steps"] == [
        "The steps take 8.5 working hours in total, 1 working hour more than the legal processing time "
        "of 7.5 working hours."
    ]


def test_steps_exactly_the_legal_time_are_fine():
    steps = (StepData(name="Xử lý", responsible_role="specialist", duration=Decimal("10")),)
    assert errors_for(steps=steps) == {}


def test_each_step_needs_name_role_and_positive_duration():
    steps = (
        StepData(name="", responsible_role="officer", duration=Decimal("1")),
        StepData(name="Thẩm định", responsible_role="janitor", duration=Decimal("1")),
        StepData(name="Phê duyệt", responsible_role="leader", duration=Decimal("0")),
    )
    assert errors_for(steps=steps)["steps"] == [
        "Step 1: enter its name.",
        "Step 2: choose who is responsible.",
        "Step 3: the duration must be a number greater than 0 with at most two decimals.",
    ]


def test_duplicate_component_names_are_flagged_but_diacritics_matter():
    components = (
        ComponentData(name="Tờ khai"),
        ComponentData(name="Bản sao giấy tờ"),
        ComponentData(name="  tờ   KHAI "),
        ComponentData(name="Bàn sao giấy tờ"),
    )
    assert errors_for(components=components) == {
        "components": ['Component 3 repeats "tờ   KHAI" (already component 1).']
    }


def test_component_needs_a_name_and_fee_a_description_and_amount():
    errors = errors_for(
        components=(ComponentData(name=" "),),
        fees=(FeeData(description="", amount=10), FeeData(description="Phí", amount=-5)),
    )
    assert errors["components"] == ["Component 1: enter its name."]
    assert errors["fees"] == [
        "Fee 1: describe what it is for.",
        "Fee 2: the amount must be a whole number of đồng, 0 or more.",
    ]


def test_centres_must_be_published():
    hidden = ServiceCentreFactory(is_published=False, name="Trung tâm chưa công bố")
    assert errors_for(centres=(ServiceCentreFactory(), hidden)) == {
        "centres": ["Trung tâm chưa công bố is not a published service centre."]
    }


def test_field_and_agency_are_required():
    data = replace(make_data(), field=None, agency=None)
    errors = procedure_data_errors(code="1.000001", data=data)
    assert errors == {
        "field": ["Choose the field of the procedure."],
        "agency": ["Choose the implementing agency."],
    }


def test_all_problems_are_reported_at_once():
    errors = errors_for(code="x", name="", processing_time=Decimal(0), channel_online=False)
    assert set(errors) == {"code", "name", "processing_time", "online_level"}


def test_amount_text():
    assert amount_text(Decimal("1.00"), "working_days") == "1 working day"
    assert amount_text(Decimal("2"), "months") == "2 months"
    assert amount_text(Decimal("0.25"), "days") == "0.25 days"


def test_calendar_days_and_months_are_whole_numbers():
    """A fraction of a calendar day has no meaning in law and the calendar refuses it at receipt."""
    steps = (StepData(name="Thẩm định", responsible_role="specialist", duration=Decimal("1.5")),
             StepData(name="Ký duyệt", responsible_role="leader", duration=Decimal("1")))
    for unit in ("days", "months"):
        errors = errors_for(processing_time=Decimal("2.5"), processing_time_unit=unit, steps=steps)
        assert errors["processing_time"] == [
            "A time counted in calendar days or months must be a whole number; use working days or hours for "
            "fractions."]
        assert errors["steps"] == ["Step 1: a duration in calendar days or months must be a whole number."]
    assert errors_for(processing_time=Decimal("2.5"), processing_time_unit="working_days", steps=steps) == {}
