"""Django admin of hotlines: numbers are normalized, province-wide numbers are not duplicated."""

import pytest
from django.urls import reverse
from django.utils import translation

from hotlines.models import Hotline
from tests.factories import ServiceCentreFactory

ADD = reverse("admin:hotlines_hotline_add")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def hotline_form(number: str, centre=None, label: str = "Đường dây nóng") -> dict:
    return {
        "number": number,
        "label": label,
        "label_en": "",
        "centre": centre.pk if centre else "",
        "is_active": "on",
        "position": "0",
    }


@pytest.mark.django_db
class TestHotlineAdmin:
    def test_number_is_stored_normalized_and_shown_grouped(self, admin_client):
        response = admin_client.post(ADD, hotline_form("1800-1096"))
        assert response.status_code == 302
        assert Hotline.objects.get().number == "18001096"
        page = admin_client.get(reverse("admin:hotlines_hotline_changelist")).content.decode()
        assert "1800 1096" in page

    def test_a_bad_number_is_refused(self, admin_client):
        response = admin_client.post(ADD, hotline_form("0123"))
        assert "is not a Vietnamese phone number" in response.content.decode()
        assert Hotline.objects.count() == 0

    def test_a_province_wide_number_cannot_be_entered_twice(self, admin_client):
        Hotline.objects.create(number="18001096", label="Tổng đài")
        response = admin_client.post(ADD, hotline_form("1800 1096"))
        assert "already a province-wide hotline" in response.content.decode()
        assert Hotline.objects.count() == 1

    def test_the_same_number_at_one_centre_twice_is_refused(self, admin_client):
        centre = ServiceCentreFactory()
        Hotline.objects.create(number="0912345678", label="Một", centre=centre)
        response = admin_client.post(ADD, hotline_form("+84 912 345 678", centre))
        assert response.status_code == 200
        assert "already exists" in response.content.decode()
        assert Hotline.objects.count() == 1

    def test_the_same_number_at_another_centre_is_allowed(self, admin_client):
        Hotline.objects.create(number="0912345678", label="Một", centre=ServiceCentreFactory())
        response = admin_client.post(ADD, hotline_form("0912 345 678", ServiceCentreFactory()))
        assert response.status_code == 302
        assert Hotline.objects.count() == 2

    def test_list_filters_and_queries(self, admin_client, django_assert_max_num_queries):
        url = reverse("admin:hotlines_hotline_changelist")
        Hotline.objects.create(number="18001096", label="Tổng đài tỉnh")
        for n, centre in enumerate(ServiceCentreFactory.create_batch(25)):
            Hotline.objects.create(number=f"09123456{n:02d}", label=f"Trung tâm {n}", centre=centre)
        with django_assert_max_num_queries(7):
            page = admin_client.get(url, {"centre__isempty": "1"}).content.decode()
        assert "Tổng đài tỉnh" in page and "Trung tâm 3" not in page
