"""Public catalogue API: /api/v1/procedures/ and /api/v1/fields/."""

import datetime as dt

import pytest

from hotlines.models import Hotline
from procedures.models import ProcedureVersion
from procedures.services import procedure_draft_save
from tests.factories import AgencyFactory, FieldFactory, ServiceCentreFactory, UserFactory
from tests.procedures.factories import make_data, publish_new

pytestmark = pytest.mark.django_db

LIST = "/api/v1/procedures/"


@pytest.fixture
def client():
    """An API consumer asking for English; the Vietnamese default is covered by the ?lang tests."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def admin():
    return UserFactory(admin=True)


@pytest.fixture
def catalogue(admin):
    centre = ServiceCentreFactory(slug="ttphcc-tinh", name="Trung tâm Phục vụ hành chính công tỉnh")
    Hotline.objects.create(number="02033825678", label="Tổng đài", label_en="Switchboard", centre=centre)
    Hotline.objects.create(number="0912345678", label="Số cũ", centre=centre, is_active=False)
    land = FieldFactory(code="dat-dai", name="Đất đai", name_en="Land")
    return {
        "birth": publish_new("1.000101.000.00.00.H22", admin, centres=(centre,)),
        "death": publish_new("1.000102", admin, name="Đăng ký khai tử", name_en="", online_level="full"),
        "land": publish_new("1.000201", admin, name="Cấp giấy chứng nhận quyền sử dụng đất", field=land,
                            agency=AgencyFactory(code="H22.10"), level="province", online_level="none",
                            channel_online=False),
        "centre": centre,
    }


def codes(response):
    return [item["code"] for item in response.json()["results"]]


def test_list_shows_versions_in_force_paginated(client, admin, catalogue):
    procedure_draft_save(code="1.000301", data=make_data(name="Nháp"), actor=admin)
    publish_new("1.000401", admin, name="Chưa hiệu lực", effective_from=dt.date(2099, 1, 1))

    response = client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (3, None, None)
    assert codes(response) == ["1.000201", "1.000101.000.00.00.H22", "1.000102"]  # Vietnamese order: C, Đ...
    item = body["results"][1]
    assert item == {
        "code": "1.000101.000.00.00.H22", "version": 1, "name": "Đăng ký khai sinh", "name_en": "Birth registration",
        "display_name": "Birth registration",
        "field": {"code": "ho-tich", "name": "Hộ tịch", "name_en": "Civil status", "display_name": "Civil status"},
        "level": "commune", "level_display": "Commune level",
        "agency": {"code": catalogue["birth"].agency.code, "name": catalogue["birth"].agency.name, "name_en": "",
                   "display_name": catalogue["birth"].agency.name},
        "processing_time": "10.00", "processing_time_unit": "working_days", "processing_time_text": "10 working days",
        "online_level": "partial", "online_level_display": "Partial online service",
        "effective_from": "2025-07-01",
        "url": "http://testserver/api/v1/procedures/1.000101.000.00.00.H22/",
    }


def test_list_is_paginated_with_bounded_queries(client, admin, django_assert_max_num_queries):
    fields = [FieldFactory() for _ in range(3)]
    for n in range(30):
        publish_new(f"1.{500000 + n:06d}", admin, name=f"Thủ tục {n:02d}", field=fields[n % 3],
                    agency=AgencyFactory())

    with django_assert_max_num_queries(2):  # count + page
        response = client.get(LIST, {"page_size": 25})
    assert response.status_code == 200
    assert response.json()["count"] == 30 and len(response.json()["results"]) == 25
    assert response.json()["next"] == "http://testserver/api/v1/procedures/?page=2&page_size=25"

    with django_assert_max_num_queries(2):
        second = client.get(LIST, {"page_size": 25, "page": 2, "q": "thu tuc"})
    assert [i["name"] for i in second.json()["results"]] == [f"Thủ tục {n}" for n in range(25, 30)]

    assert len(client.get(LIST).json()["results"]) == 20  # default page size


def test_invalid_page_is_a_404_in_the_error_shape(client, catalogue):
    response = client.get(LIST, {"page": 9})
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Invalid page.", "extra": {}}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "dang ky khai sinh"}, ["1.000101.000.00.00.H22"]),
        ({"q": "ĐĂNG KÝ"}, ["1.000101.000.00.00.H22", "1.000102"]),
        ({"q": "quyen dat"}, ["1.000201"]),
        ({"q": "khai sinh dat"}, []),
        ({"field": "dat-dai"}, ["1.000201"]),
        ({"level": "commune"}, ["1.000101.000.00.00.H22", "1.000102"]),
        ({"agency": "H22.10"}, ["1.000201"]),
        ({"online_level": "full"}, ["1.000102"]),
        ({"online_level": "none", "level": "province"}, ["1.000201"]),
        ({"centre": "ttphcc-tinh"}, ["1.000101.000.00.00.H22"]),
        ({"q": "dang ky", "online_level": "full"}, ["1.000102"]),
    ],
)
def test_list_filters(client, catalogue, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert codes(response) == expected


def test_search_ranks_and_treats_i_and_y_alike(client, admin, catalogue):
    publish_new("1.000689", admin, name="Đăng ký khai sinh kết hợp nhận cha, mẹ, con", name_en="")
    publish_new("1.004884", admin, name="Đăng ký lại khai sinh", name_en="")
    expected = ["1.000101.000.00.00.H22", "1.000689", "1.004884"]
    assert codes(client.get(LIST, {"q": "khai sinh cho con"})) == expected
    assert codes(client.get(LIST, {"q": "dang ki khai sinh", "level": "commune"})) == expected
    assert codes(client.get(LIST, {"field": "ho-tich", "q": "Đăng kí khai sinh của con"})) == expected


def test_bad_filter_value_is_a_400_in_the_error_shape(client, catalogue):
    response = client.get(LIST, {"level": "district"}, headers={"accept-language": "en"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == "level: Select a valid choice. district is not one of the available choices."
    assert list(body["extra"]) == ["level"]


def test_names_follow_the_language(client, catalogue):
    english = client.get(LIST, {"q": "dang ky"}, headers={"accept-language": "en"})
    assert [(i["display_name"], i["name"], i["name_en"]) for i in english.json()["results"]] == [
        ("Birth registration", "Đăng ký khai sinh", "Birth registration"),
        ("Đăng ký khai tử", "Đăng ký khai tử", ""),  # no English name: falls back to Vietnamese
    ]
    first = english.json()["results"][0]
    assert first["field"]["display_name"] == "Civil status"
    assert first["processing_time_text"] == "10 working days"
    assert english["Content-Language"] == "en"

    by_param = client.get(LIST, {"q": "khai sinh", "lang": "en"}, headers={"accept-language": "vi"})
    assert by_param.json()["results"][0]["display_name"] == "Birth registration"
    assert by_param["Content-Language"] == "en"
    vietnamese = client.get(LIST, {"q": "khai sinh", "lang": "vi"}, headers={"accept-language": "en"})
    assert vietnamese.json()["results"][0]["display_name"] == "Đăng ký khai sinh"


def test_detail_by_code_with_everything(client, admin, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/procedures/1.000101.000.00.00.H22/", {"lang": "en"})

    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["display_name"], body["display_result_type"]) == (
        "1.000101.000.00.00.H22", "Birth registration", "Giấy khai sinh"
    )
    assert body["channels"] == {"online": True, "counter": True, "post": False}
    assert body["decision"]["signer"] == "Trần Văn Ký"
    assert [c["name"] for c in body["components"]] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert body["components"][1] == {
        "position": 2, "name": "Giấy chứng sinh", "name_en": "", "display_name": "Giấy chứng sinh",
        "originals": 1, "copies": 1, "is_mandatory": True, "filled_by_form": False, "form_url": None,
    }
    assert body["fees"] == [{"position": 1, "description": "Lệ phí đăng ký khai sinh", "description_en": "",
                             "display_description": "Lệ phí đăng ký khai sinh", "amount": 0}]
    assert [(s["position"], s["name"], s["responsible_role"], s["duration"]) for s in body["steps"]] == [
        (1, "Tiếp nhận hồ sơ", "officer", "0.50"), (2, "Thẩm định", "specialist", "7.00"),
        (3, "Phê duyệt", "leader", "2.00"),
    ]
    [centre] = body["centres"]
    assert centre["slug"] == "ttphcc-tinh"
    hotline = Hotline.objects.get(is_active=True)
    assert centre["hotlines"] == [{"number": "02033825678", "display_number": hotline.display_number, "label": "Tổng đài",
                                   "label_en": "Switchboard", "display_label": "Switchboard",
                                   "centre": "ttphcc-tinh"}]


def test_detail_query_count_does_not_grow_with_content(client, admin, django_assert_max_num_queries):
    centres = tuple(ServiceCentreFactory() for _ in range(8))
    for centre in centres:
        for n in range(3):
            Hotline.objects.create(number=f"09123456{n}{centres.index(centre)}", label=f"Số {n}", centre=centre)
    publish_new("1.000101", admin, centres=centres)
    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/procedures/1.000101/")
    assert len(response.json()["centres"]) == 8
    assert all(len(c["hotlines"]) == 3 for c in response.json()["centres"])


def test_detail_shows_the_version_in_force(client, admin, catalogue):
    publish_new("1.000102", admin, name="Đăng ký khai tử (tương lai)", effective_from=dt.date(2099, 1, 1))
    procedure_draft_save(code="1.000102", data=make_data(name="Nháp"), actor=admin)
    body = client.get("/api/v1/procedures/1.000102/").json()
    assert (body["name"], body["version"]) == ("Đăng ký khai tử", 1)
    assert ProcedureVersion.objects.filter(procedure__code="1.000102").count() == 3


@pytest.mark.parametrize("code", ["9.999999", "1.000301", "nonsense"])
def test_unknown_or_draft_only_code_is_a_404_in_the_error_shape(client, admin, catalogue, code):
    procedure_draft_save(code="1.000301", data=make_data(), actor=admin)
    response = client.get(f"/api/v1/procedures/{code}/")
    assert response.status_code == 404
    assert response.json() == {
        "code": "catalogue.not_found", "message": f"There is no procedure with code {code} in force.", "extra": {}
    }


def test_api_is_read_only(client, admin, catalogue):
    assert client.post(LIST, {"name": "x"}).status_code == 403
    client.force_login(admin)
    assert client.post(LIST, {"name": "x"}, content_type="application/json").status_code == 405
    assert client.delete("/api/v1/procedures/1.000102/").status_code == 405
    assert ProcedureVersion.objects.count() == 3


def test_fields_lists_fields_in_force_with_counts(client, admin, catalogue, django_assert_max_num_queries):
    FieldFactory(code="thue", name="Thuế")  # nothing in force
    for n in range(25):
        publish_new(f"1.{600000 + n:06d}", admin, field=FieldFactory(code=f"f{n:02d}", name=f"Lĩnh vực {n:02d}"))

    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/fields/", {"page_size": 100, "lang": "en"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 27
    assert next(r for r in results if r["code"] == "dat-dai") == {"code": "dat-dai", "name": "Đất đai", "name_en": "Land", "display_name": "Land",
                          "procedure_count": 1}
    assert {r["code"]: r["procedure_count"] for r in results}["ho-tich"] == 2
    assert "thue" not in {r["code"] for r in results}
