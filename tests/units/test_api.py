"""Public API of service centres and hotlines: /api/v1/centres/ and /api/v1/hotlines/."""

import pytest

from hotlines.models import Hotline
from tests.factories import ServiceCentreFactory, UserFactory
from tests.procedures.factories import publish_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres():
    provincial = ServiceCentreFactory(
        slug="ttphcc-tinh", name="Trung tâm Phục vụ hành chính công tỉnh", name_en="Provincial Centre",
        opening_hours="Thứ Hai – Thứ Sáu: 07:30 – 17:00", opening_hours_en="Mon–Fri 07:30–17:00",
        phone="02033825678", email="ttphcc@example.gov.vn",
    )
    communal = ServiceCentreFactory(slug="xa-a", name="Trung tâm Phục vụ hành chính công xã A", level="commune")
    hidden = ServiceCentreFactory(slug="chua-cong-bo", is_published=False)
    Hotline.objects.create(number="18001096", label="Đường dây nóng tỉnh", label_en="Province hotline", position=1)
    Hotline.objects.create(number="1022", label="Tổng đài 1022", position=0)
    Hotline.objects.create(number="0912000000", label="Ngừng dùng", is_active=False)
    Hotline.objects.create(number="0912345678", label="Một cửa tỉnh", centre=provincial)
    Hotline.objects.create(number="0912345679", label="Một cửa xã A", centre=communal)
    Hotline.objects.create(number="0912345670", label="Một cửa ẩn", centre=hidden)
    Hotline.objects.create(number="0912345671", label="Số cũ", centre=provincial, is_active=False)
    return {"provincial": provincial, "communal": communal, "hidden": hidden}


def test_centre_list_shows_published_centres_with_active_hotlines(client, centres):
    response = client.get("/api/v1/centres/", {"lang": "en"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert [c["slug"] for c in results] == ["ttphcc-tinh", "xa-a"]  # the provincial centre first
    provincial = results[0]
    assert provincial["display_name"] == "Provincial Centre"
    assert provincial["name"] == "Trung tâm Phục vụ hành chính công tỉnh"
    assert provincial["display_opening_hours"] == "Mon–Fri 07:30–17:00"
    assert (provincial["address"], provincial["phone"], provincial["email"]) == (
        "Số 1 đường Trần Hưng Đạo", "02033825678", "ttphcc@example.gov.vn"
    )
    assert provincial["unit"]["code"] == "22"
    assert [h["number"] for h in provincial["hotlines"]] == ["0912345678"]
    assert provincial["procedures_url"] == "http://testserver/api/v1/procedures/?centre=ttphcc-tinh"


def test_centre_list_queries_are_bounded(client, django_assert_max_num_queries):
    for n in range(25):
        centre = ServiceCentreFactory()
        Hotline.objects.create(number=f"09123450{n:02d}", label="Một cửa", centre=centre)
        Hotline.objects.create(number=f"09123451{n:02d}", label="Tiếp dân", centre=centre)
    with django_assert_max_num_queries(3):  # count, page, hotlines
        response = client.get("/api/v1/centres/", {"page_size": 25})
    assert len(response.json()["results"]) == 25
    assert all(len(c["hotlines"]) == 2 for c in response.json()["results"])


def test_centre_detail_by_slug(client, centres):
    response = client.get("/api/v1/centres/xa-a/")
    assert response.status_code == 200
    body = response.json()
    assert (body["slug"], body["display_name"], body["level"]) == ("xa-a", "Trung tâm Phục vụ hành chính công xã A",
                                                                    "commune")
    assert [h["label"] for h in body["hotlines"]] == ["Một cửa xã A"]


@pytest.mark.parametrize("slug", ["chua-cong-bo", "khong-co"])
def test_unpublished_or_unknown_centre_is_a_404(client, centres, slug):
    response = client.get(f"/api/v1/centres/{slug}/", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert response.json() == {
        "code": "centre.not_found", "message": f"There is no published service centre {slug}.", "extra": {}
    }


def test_procedures_of_a_centre_via_the_procedures_url(client, centres):
    admin = UserFactory(admin=True)
    publish_new("1.000101", admin, centres=(centres["communal"],))
    publish_new("1.000102", admin, centres=(centres["provincial"],), name="Khác")
    url = client.get("/api/v1/centres/xa-a/").json()["procedures_url"]
    assert [p["code"] for p in client.get(url).json()["results"]] == ["1.000101"]


def test_hotlines_province_wide_first_then_per_centre(client, centres):
    response = client.get("/api/v1/hotlines/", {"lang": "en"})
    assert response.status_code == 200
    assert [(h["number"], h["centre"], h["display_label"]) for h in response.json()["results"]] == [
        ("1022", None, "Tổng đài 1022"),
        ("18001096", None, "Province hotline"),
        ("0912345678", "ttphcc-tinh", "Một cửa tỉnh"),
        ("0912345679", "xa-a", "Một cửa xã A"),
    ]
    assert response.json()["results"][1]["display_number"] == "1800 1096"


def test_hotlines_of_one_centre(client, centres):
    response = client.get("/api/v1/hotlines/", {"centre": "ttphcc-tinh"})
    assert [h["number"] for h in response.json()["results"]] == ["0912345678"]
    assert client.get("/api/v1/hotlines/", {"centre": "chua-cong-bo"}).json()["results"] == []


def test_hotline_list_queries_are_bounded(client, django_assert_max_num_queries):
    for n in range(25):
        Hotline.objects.create(number=f"09123452{n:02d}", label="Một cửa", centre=ServiceCentreFactory())
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/hotlines/", {"page_size": 25})
    assert len(response.json()["results"]) == 25
