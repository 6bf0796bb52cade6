import pytest
from django.urls import reverse

from hotlines.models import Hotline
from tests.factories import AgencyFactory, ServiceCentreFactory
from tests.web.factories import birth_registration, province_with_hotline, publish, publish_many
from units.models import ServiceCentre

pytestmark = pytest.mark.django_db
LIST_URL = reverse("centres:centre_list")


def test_lists_every_published_centre_with_its_contacts(client):
    provincial = ServiceCentreFactory(
        slug="tinh", name="Trung tâm Phục vụ hành chính công tỉnh", address="Khu Liên cơ quan số 3",
        opening_hours="Thứ Hai – Thứ Sáu: 07:30 – 17:00\nSáng thứ Bảy: 07:30 – 11:30",
        phone="02033835678", email="hcc@quangninh.gov.vn",
    )
    ServiceCentreFactory(slug="ha-long", name="Trung tâm phường Hạ Long", level=ServiceCentre.Level.COMMUNE)
    ServiceCentreFactory(slug="nhap", name="Trung tâm chưa công bố", is_published=False)
    Hotline.objects.create(number="0912345678", label="Đường dây nóng trung tâm tỉnh", centre=provincial)
    html = client.get(LIST_URL).content.decode()
    for text in ("Trung tâm Phục vụ hành chính công tỉnh", "Khu Liên cơ quan số 3",
                 "Thứ Hai – Thứ Sáu: 07:30 – 17:00\nSáng thứ Bảy: 07:30 – 11:30", 'href="tel:02033835678"',
                 "mailto:hcc@quangninh.gov.vn", "Đường dây nóng trung tâm tỉnh: ", "0912 345 678",
                 "Trung tâm phường Hạ Long", f'href="{reverse("centres:centre_detail", args=["ha-long"])}"'):
        assert text in html, text
    assert "Trung tâm chưa công bố" not in html
    # The provincial centre comes first, under its own heading.
    assert html.index("Provincial centre") < html.index("Trung tâm Phục vụ hành chính công tỉnh") < html.index(
        "Communal centres") < html.index("Trung tâm phường Hạ Long")


def test_no_centre_yet(client):
    ServiceCentreFactory(is_published=False)
    html = client.get(LIST_URL).content.decode()
    assert "No service centre has been published yet." in html


def test_list_query_count_does_not_grow_with_centres(client, django_assert_max_num_queries):
    province_with_hotline()
    for n in range(30):
        centre = ServiceCentreFactory(level=ServiceCentre.Level.COMMUNE if n else ServiceCentre.Level.PROVINCE)
        Hotline.objects.create(number=f"09123456{n:02d}", label="Đường dây nóng", centre=centre)
    # count, centres (+unit, agency), their hotlines, province, province hotlines
    with django_assert_max_num_queries(5):
        response = client.get(LIST_URL)
    # 24 a page: the other 6 are on page 2.
    assert response.content.decode().count('<article class="centre') == 24


def test_centre_detail_lists_the_procedures_it_receives(client):
    centre = ServiceCentreFactory(slug="ha-long", name="Trung tâm phường Hạ Long", address="Số 2 đường Bến Đoan")
    other = ServiceCentreFactory(slug="cam-pha")
    birth_registration(centres=(centre,))
    publish("1.000894", "Đăng ký kết hôn", centres=(other,))
    response = client.get(reverse("centres:centre_detail", args=["ha-long"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Trung tâm phường Hạ Long</h1>" in html and "Số 2 đường Bến Đoan" in html
    assert "Birth registration" in html and f'href="{reverse("procedures:detail", args=["1.001193"])}"' in html
    assert "Đăng ký kết hôn" not in html
    assert "1 procedure." in html


def test_centre_detail_paginates_its_procedures_in_bounded_queries(client, django_assert_max_num_queries):
    province_with_hotline()
    centre = ServiceCentreFactory(slug="tinh")
    publish_many(25, centres=(centre,), agency=AgencyFactory())
    url = reverse("centres:centre_detail", args=["tinh"])
    # centre, its hotlines, count, page, province, province hotlines
    with django_assert_max_num_queries(6):
        html = client.get(url).content.decode()
    assert html.count('<li><a href="/procedures/1.') == 20
    assert "25 procedures." in html and 'href="?page=2"' in html
    html = client.get(url, {"page": 2}).content.decode()
    assert html.count('<li><a href="/procedures/1.') == 5


@pytest.mark.parametrize("slug", ["khong-co", "nhap"])
def test_unknown_or_unpublished_centre_is_a_friendly_404(client, slug):
    ServiceCentreFactory(slug="nhap", is_published=False)
    response = client.get(reverse("centres:centre_detail", args=[slug]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert f"There is no published service centre {slug}." in html


def test_names_and_hours_follow_the_language(client, vi_client):
    ServiceCentreFactory(
        slug="tinh", name="Trung tâm tỉnh", name_en="Provincial Service Centre",
        opening_hours="Thứ Hai – Thứ Sáu", opening_hours_en="Monday to Friday",
    )
    html = client.get(LIST_URL).content.decode()
    assert "Provincial Service Centre" in html and "Monday to Friday" in html
    assert "Trung tâm tỉnh" not in html
    html = vi_client.get(LIST_URL).content.decode()
    assert "Trung tâm tỉnh" in html and "Thứ Hai – Thứ Sáu" in html
    assert "Provincial Service Centre" not in html
