import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import AgencyFactory, FieldFactory, ServiceCentreFactory
from tests.web.factories import admin_user, birth_registration, province_with_hotline, publish, publish_many

pytestmark = pytest.mark.django_db
URL = reverse("procedures:catalogue")


def rows(html: str) -> list[str]:
    """The procedure codes listed, in order."""
    return re.findall(r'<td class="code"[^>]*>([^<]+)</td>', html)


@pytest.fixture
def catalogue(db):
    admin = admin_user()
    civil = FieldFactory(code="ho-tich", name="Hộ tịch", name_en="Civil status")
    land = FieldFactory(code="dat-dai", name="Đất đai", name_en="Land")
    justice = AgencyFactory(code="H22.40", name="Sở Tư pháp")
    resources = AgencyFactory(code="H22.41", name="Sở Tài nguyên và Môi trường")
    birth = birth_registration(admin=admin, field=civil, agency=justice, online_level="full")
    marriage = publish("1.000894", "Đăng ký kết hôn", admin=admin, field=civil, agency=justice)
    land_reg = publish(
        "1.004227", "Đăng ký đất đai lần đầu", admin=admin, field=land, agency=resources, level="province",
        online_level="none", channel_online=False, processing_time=20,
    )
    return {"birth": birth, "marriage": marriage, "land": land_reg}


def test_lists_procedures_in_force_with_their_columns(client, catalogue):
    publish("1.000999", "Thủ tục chưa có hiệu lực", effective_from=dt.date(2099, 1, 1))
    html = client.get(URL).content.decode()
    # The order is by name under the database's collation (which places "đ" differently), so compare sets.
    assert sorted(rows(html)) == ["1.000894", "1.001193", "1.004227"]
    assert "Thủ tục chưa có hiệu lực" not in html  # published, but not in force yet
    assert f'href="{reverse("procedures:detail", args=["1.001193"])}"' in html
    assert "Birth registration" in html and "Civil status" in html
    assert "Đăng ký kết hôn" in html  # no English name: the Vietnamese one stands in
    assert "Commune level" in html and "Provincial level" in html
    assert "3 working days" in html and "20 working days" in html
    assert 'class="badge badge--full">Full-process online service' in html
    assert 'class="badge badge--none">Not online' in html
    assert "3 procedures found." in html


@pytest.mark.parametrize("query", ["dang ky khai sinh", "DANG KY KHAI SINH", "Đăng ký khai sinh", "khai  sinh", "1.001193"])
def test_search_ignores_diacritics_case_and_spacing(client, catalogue, query):
    html = client.get(URL, {"q": query}).content.decode()
    assert rows(html) == ["1.001193"]
    assert "1 procedure found." in html
    assert f'value="{query}"' in html  # the box keeps what was typed


@pytest.mark.parametrize("query", ["khai sinh cho con", "dang ki khai sinh", "Đăng kí khai sinh cho con"])
def test_search_finds_birth_registration_first_for_what_people_type(client, catalogue, query):
    publish("1.004884", "Đăng ký lại khai sinh")
    publish("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con")
    html = client.get(URL, {"q": query}).content.decode()
    # "cho" and "con" need not be there; the one that has "con" does not come first for it.
    assert rows(html) == ["1.001193", "1.000689", "1.004884"]
    assert "3 procedures found." in html
    assert f'value="{query}"' in html


def test_search_puts_procedures_named_by_the_words_before_those_filed_under_them(client, catalogue):
    publish("1.001022", "Ghi vào sổ hộ tịch việc kết hôn")
    html = client.get(URL, {"q": "kết hôn hộ tịch"}).content.decode()
    # Both are in the field "Hộ tịch"; only the first has every word in its name.
    assert rows(html) == ["1.001022", "1.000894"]


def test_filters_by_field_level_agency_and_online_level(client, catalogue):
    assert rows(client.get(URL, {"field": "dat-dai"}).content.decode()) == ["1.004227"]
    assert sorted(rows(client.get(URL, {"level": "commune"}).content.decode())) == ["1.000894", "1.001193"]
    assert sorted(rows(client.get(URL, {"agency": "H22.40"}).content.decode())) == ["1.000894", "1.001193"]
    assert rows(client.get(URL, {"online_level": "full"}).content.decode()) == ["1.001193"]
    assert rows(client.get(URL, {"q": "dang ky", "field": "ho-tich", "online_level": "partial"}).content.decode()) == [
        "1.000894"
    ]


def test_filter_selects_offer_only_what_is_in_force_and_keep_the_choice(client, catalogue):
    AgencyFactory(code="H22.99", name="Sở Không Có Thủ Tục")
    FieldFactory(code="rong", name="Lĩnh vực rỗng")
    html = client.get(URL, {"field": "dat-dai"}).content.decode()
    assert '<option value="dat-dai" selected>Land</option>' in html
    assert '<option value="H22.40">Sở Tư pháp</option>' in html
    assert "Sở Không Có Thủ Tục" not in html and "Lĩnh vực rỗng" not in html


def test_unknown_filter_value_is_reported_and_ignored(client, catalogue):
    response = client.get(URL, {"level": "district", "q": "dang ky"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This value is not available and was ignored." in html
    assert len(rows(html)) == 3


def test_empty_result_says_so_and_suggests_removing_filters(client, catalogue):
    html = client.get(URL, {"q": "khong co thu tuc nay", "level": "province"}).content.decode()
    assert rows(html) == []
    assert "No procedure matches your search." in html
    assert "remove some filters" in html
    assert f'href="{URL}">Clear search and filters' in html


def test_empty_catalogue_says_nothing_is_published(client):
    html = client.get(URL).content.decode()
    assert "No procedure matches your search." in html
    assert "No procedure has been published yet." in html


def test_paginates_by_twenty_and_page_links_keep_the_filters(client):
    field = FieldFactory(code="ho-tich", name="Hộ tịch")
    publish_many(45, field=field, name="Trích lục hộ tịch số {n:02d}")
    first = client.get(URL, {"field": "ho-tich", "q": "trich luc", "level": "", "agency": ""}).content.decode()
    assert len(rows(first)) == 20
    assert "45 procedures found. Page 1 of 3." in first
    assert 'href="?q=trich+luc&amp;field=ho-tich&amp;page=2"' in first  # empty filters are left out
    assert "level=" not in re.search(r'<nav class="pagination".*?</nav>', first, re.S).group()
    third = client.get(URL, {"field": "ho-tich", "q": "trich luc", "page": 3}).content.decode()
    assert len(rows(third)) == 5
    assert "Trích lục hộ tịch số 45" in third
    assert 'href="?q=trich+luc&amp;field=ho-tich&amp;page=2" rel="prev"' in third
    # Out-of-range and garbage page numbers land on a real page instead of failing.
    assert len(rows(client.get(URL, {"page": 99}).content.decode())) == 5
    assert len(rows(client.get(URL, {"page": "x"}).content.decode())) == 20


def test_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    province_with_hotline()
    centre = ServiceCentreFactory()
    publish_many(25, agency=AgencyFactory(), centres=(centre,))
    publish_many(15, start=200000, agency=AgencyFactory(), field=FieldFactory(code="dat-dai", name="Đất đai"))
    # province, hotlines, field choices, agency choices, count, page
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "thu tuc"})
    assert len(rows(response.content.decode())) == 20
    with django_assert_max_num_queries(6):
        client.get(URL, {"field": "dat-dai", "page": 1})
    # A ranked search (a function word, an i/y variant) costs no more.
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "thủ tục thử nghiệm số 1 cho kí"})
    assert rows(response.content.decode()) == []
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "thu tuc cho con", "page": 2})
    assert len(rows(response.content.decode())) == 20


def test_vietnamese_is_the_default_with_vietnamese_names_and_texts(vi_client, catalogue):
    html = vi_client.get(URL).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng ký khai sinh" in html and "Hộ tịch" in html
    assert "Birth registration" not in html and "Civil status" not in html
    with translation.override("vi"):
        assert ngettext("%(n)s working day", "%(n)s working days", 3) % {"n": 3} in html
        assert gettext("Administrative procedures") in html
