"""Django admin of units, agencies and service centres (with their hotlines inline)."""

import pytest
from django.urls import reverse
from django.utils import translation

from hotlines.models import Hotline
from tests.factories import AgencyFactory, CommuneFactory, ProvinceFactory, ServiceCentreFactory
from units.models import Agency, ServiceCentre


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["administrativeunit", "agency", "servicecentre"])
def test_lists_do_not_grow_in_queries(admin_client, django_assert_max_num_queries, model):
    url = reverse(f"admin:units_{model}_changelist")
    ServiceCentreFactory.create_batch(2, agency__unit=CommuneFactory())
    with django_assert_max_num_queries(7):
        small = admin_client.get(url)
    ServiceCentreFactory.create_batch(30, agency__parent=AgencyFactory(), agency__unit=CommuneFactory())
    CommuneFactory.create_batch(20)
    with django_assert_max_num_queries(7):
        large = admin_client.get(url)
    assert small.status_code == large.status_code == 200


@pytest.mark.django_db
def test_lists_search(admin_client):
    AgencyFactory(code="H22.40", name="Sở Tư pháp")
    AgencyFactory(code="H22.41", name="Sở Y tế")
    page = admin_client.get(reverse("admin:units_agency_changelist"), {"q": "Tư pháp"}).content.decode()
    assert "H22.40" in page and "H22.41" not in page


def agency_form(code: str, **extra) -> dict:
    return {"code": code, "name": "Sở Xây dựng", "name_en": "", "unit": ProvinceFactory().pk, **extra}


@pytest.mark.django_db
class TestAgencyCode:
    def test_full_notation_is_stored_short(self, admin_client):
        response = admin_client.post(reverse("admin:units_agency_add"), agency_form("000.00.12.h22"))
        assert response.status_code == 302
        assert Agency.objects.get(name="Sở Xây dựng").code == "H22.12"

    def test_an_invalid_code_is_refused_with_the_reason(self, admin_client):
        before = Agency.objects.count()
        response = admin_client.post(reverse("admin:units_agency_add"), agency_form("H2.12"))
        assert "is not a valid electronic identification code" in response.content.decode()
        assert Agency.objects.count() == before

    def test_the_same_code_in_another_notation_is_a_duplicate(self, admin_client):
        AgencyFactory(code="H22.12")
        before = Agency.objects.count()
        response = admin_client.post(reverse("admin:units_agency_add"), agency_form("000.00.12.H22"))
        assert "already exists" in response.content.decode()
        assert Agency.objects.count() == before


def centre_form(agency: Agency, *hotlines: dict) -> dict:
    data = {
        "slug": "ttpvhcc-tinh",
        "name": "Trung tâm Phục vụ hành chính công tỉnh",
        "name_en": "",
        "level": ServiceCentre.Level.PROVINCE,
        "agency": agency.pk,
        "unit": agency.unit.pk,
        "address": "Số 1 đường Trần Hưng Đạo",
        "opening_hours": "Thứ Hai – Thứ Sáu: 07:30 – 17:00",
        "opening_hours_en": "",
        "phone": "",
        "email": "",
        "is_published": "on",
        "hotlines-TOTAL_FORMS": str(len(hotlines)),
        "hotlines-INITIAL_FORMS": "0",
        "hotlines-MIN_NUM_FORMS": "0",
        "hotlines-MAX_NUM_FORMS": "1000",
    }
    for i, line in enumerate(hotlines):
        data.update({f"hotlines-{i}-{key}": value for key, value in line.items()})
        data.setdefault(f"hotlines-{i}-position", "0")
        data.setdefault(f"hotlines-{i}-is_active", "on")
    return data


@pytest.mark.django_db
class TestCentreWithHotlines:
    def test_hotline_numbers_are_normalized(self, admin_client):
        agency = AgencyFactory()
        response = admin_client.post(
            reverse("admin:units_servicecentre_add"),
            centre_form(
                agency,
                {"number": "+84 912.345.678", "label": "Đường dây nóng"},
                {"number": "0203 3825 678", "label": "Tổng đài"},
            ),
        )
        assert response.status_code == 302
        centre = ServiceCentre.objects.get(slug="ttpvhcc-tinh")
        assert sorted(centre.hotlines.values_list("number", flat=True)) == ["02033825678", "0912345678"]

    def test_a_bad_number_is_refused_and_nothing_is_saved(self, admin_client):
        response = admin_client.post(
            reverse("admin:units_servicecentre_add"),
            centre_form(AgencyFactory(), {"number": "12345", "label": "Sai"}),
        )
        assert "is not a Vietnamese phone number" in response.content.decode()
        assert not ServiceCentre.objects.filter(slug="ttpvhcc-tinh").exists()
        assert Hotline.objects.count() == 0

    def test_the_same_number_twice_in_another_format_is_refused(self, admin_client):
        response = admin_client.post(
            reverse("admin:units_servicecentre_add"),
            centre_form(
                AgencyFactory(),
                {"number": "0912 345 678", "label": "Một"},
                {"number": "+84912345678", "label": "Hai"},
            ),
        )
        assert "Please correct the duplicate data for number" in response.content.decode()
        assert not ServiceCentre.objects.filter(slug="ttpvhcc-tinh").exists()
        assert Hotline.objects.count() == 0
