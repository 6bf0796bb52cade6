"""The centres page's search box, level filter and pagination."""

import unicodedata

import pytest
from django.urls import reverse

from hotlines.models import Hotline
from tests.factories import AgencyFactory, CommuneFactory, ServiceCentreFactory
from tests.web.factories import province_with_hotline
from units.models import ServiceCentre

pytestmark = pytest.mark.django_db
LIST_URL = reverse("centres:centre_list")
COMMUNE = ServiceCentre.Level.COMMUNE


def communal_centre(slug: str, name: str, unit_name: str, address: str = "Số 1 đường Trần Hưng Đạo", **extra):
    unit = CommuneFactory(name=unit_name)
    return ServiceCentreFactory(
        slug=slug, name=name, level=COMMUNE, unit=unit, agency=AgencyFactory(unit=unit), address=address, **extra
    )


def centre_slugs(html: str) -> list[str]:
    """The centres listed on a page, in order, by the links of their cards."""
    return [part.split("/", 1)[0] for part in html.split('<h3><a href="/centres/')[1:]]


@pytest.fixture
def centres():
    ServiceCentreFactory(slug="tinh", name="Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh",
                         address="Khu Liên cơ quan số 3, phường Hồng Gai")
    communal_centre("so-1", "Trung tâm Phục vụ hành chính công số 1", "Phường Hạ Long")
    communal_centre("dong-trieu", "Trung tâm phường Đông Triều", "Phường Đông Triều")
    communal_centre("hai-long", "Trung tâm xã Hải Long", "Xã Hải Long", address="Thôn Long Sơn")
    communal_centre("cau-go", "Trung tâm xã Tiên Yên", "Xã Tiên Yên", address="Số 5 phố Cầu Gỗ")
    communal_centre("an-giang", "Trung tâm An Giang (chưa công bố)", "Phường Hạ Long", is_published=False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ha long", ["so-1"]),  # the ward's name, typed without accents
        ("HẠ LONG", ["so-1"]),
        ("  Hạ   long ", ["so-1"]),
        (unicodedata.normalize("NFD", "hạ long"), ["so-1"]),  # accents typed as combining marks
        ("dong trieu", ["dong-trieu"]),  # đ folds to d
        ("cau go", ["cau-go"]),  # the address
        ("hong gai", ["tinh"]),
        ("long", ["so-1", "hai-long"]),
        ("hành chính", ["tinh", "so-1"]),
    ],
)
def test_search_ignores_case_and_diacritics(client, centres, query, expected):
    html = client.get(LIST_URL, {"q": query}).content.decode()
    assert sorted(centre_slugs(html)) == sorted(expected)
    assert f"{len(expected)} centre{'s' if len(expected) > 1 else ''} found." in html
    assert "chưa công bố" not in html


def test_search_matches_the_phrase_not_scattered_letters(client, centres):
    # "ha long" must not find "Hải Long" (ha-i) nor "hành chính ... Long Sơn".
    html = client.get(LIST_URL, {"q": "ha long"}).content.decode()
    assert centre_slugs(html) == ["so-1"]
    assert 'value="ha long"' in html  # the box keeps what was typed


def test_search_treats_regex_characters_as_text(client, centres):
    html = client.get(LIST_URL, {"q": "số 1 (.*"}).content.decode()
    assert "No centre matches your search." in html


@pytest.mark.parametrize(
    ("level", "expected"),
    [("province", ["tinh"]), ("commune", ["so-1", "dong-trieu", "hai-long", "cau-go"])],
)
def test_level_filter(client, centres, level, expected):
    html = client.get(LIST_URL, {"level": level}).content.decode()
    assert sorted(centre_slugs(html)) == sorted(expected)
    assert f'<option value="{level}" selected>' in html
    assert ("Provincial centre</h2>" in html) is (level == "province")


def test_level_filter_combines_with_search(client, centres):
    html = client.get(LIST_URL, {"q": "hanh chinh", "level": "commune"}).content.decode()
    assert centre_slugs(html) == ["so-1"]


def test_an_unknown_level_is_reported_and_ignored(client, centres):
    html = client.get(LIST_URL, {"level": "district"}).content.decode()
    assert "This value is not available and was ignored." in html
    assert len(centre_slugs(html)) == 5


def test_no_match_says_so_and_offers_every_centre(client, centres):
    html = client.get(LIST_URL, {"q": "phu quoc"}).content.decode()
    assert "No centre matches your search." in html
    assert f'href="{LIST_URL}">Show all centres</a>' in html
    assert "No service centre has been published yet." not in html
    assert centre_slugs(html) == []


def test_no_match_in_vietnamese(vi_client, centres):
    html = vi_client.get(LIST_URL, {"q": "phu quoc"}).content.decode()
    assert "Không tìm thấy trung tâm nào" in html


def make_centres(communal: int) -> None:
    province_with_hotline()
    provincial = ServiceCentreFactory(slug="tinh", name="Trung tâm tỉnh")
    Hotline.objects.create(number="0912000000", label="Đường dây nóng", centre=provincial)
    for n in range(communal):
        centre = communal_centre(f"xa-{n:02d}", f"Trung tâm xã Số {n:02d}", f"Xã Số {n:02d}")
        Hotline.objects.create(number=f"09123456{n:02d}", label="Đường dây nóng", centre=centre)


def test_pages_of_24_with_the_provincial_centre_first(client):
    make_centres(communal=30)
    first = client.get(LIST_URL).content.decode()
    assert centre_slugs(first) == ["tinh"] + [f"xa-{n:02d}" for n in range(23)]
    assert "31 centres found. Page 1 of 2." in first
    assert first.index("Provincial centre</h2>") < first.index("Communal centres</h2>")
    assert 'href="?page=2" rel="next"' in first
    second = client.get(LIST_URL, {"page": 2}).content.decode()
    assert centre_slugs(second) == [f"xa-{n:02d}" for n in range(23, 30)]
    assert "Page 2 of 2." in second and "Provincial centre</h2>" not in second
    assert 'href="?page=1" rel="prev"' in second


def test_page_links_keep_the_search_and_filter(client):
    make_centres(communal=30)
    html = client.get(LIST_URL, {"q": "xa so", "level": "commune"}).content.decode()
    assert "30 centres found. Page 1 of 2." in html
    assert 'href="?q=xa+so&amp;level=commune&amp;page=2" rel="next"' in html
    second = client.get(LIST_URL, {"q": "xa so", "level": "commune", "page": 2}).content.decode()
    assert centre_slugs(second) == [f"xa-{n:02d}" for n in range(24, 30)]


def test_a_page_past_the_end_shows_the_last_page(client):
    make_centres(communal=30)
    html = client.get(LIST_URL, {"page": 99}).content.decode()
    assert "Page 2 of 2." in html and len(centre_slugs(html)) == 7


def test_bounded_queries_with_60_centres(client, django_assert_max_num_queries):
    make_centres(communal=59)
    # count, centres (+unit, agency), their hotlines, province, province hotlines: on every page and search.
    for params, shown in (({}, 24), ({"page": 3}, 12), ({"q": "xa so", "level": "commune", "page": 2}, 24)):
        with django_assert_max_num_queries(5):
            html = client.get(LIST_URL, params).content.decode()
        assert html.count('<article class="centre') == shown, params
        assert html.count('<a href="tel:09123456') == shown - (0 if params else 1), params


@pytest.fixture
def quang_ninh():
    """Centres whose names test the i/y spellings and the order of results."""
    ServiceCentreFactory(slug="tinh", name="Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh",
                         address="Khu Liên cơ quan số 3, phường Hồng Gai, tỉnh Quảng Ninh")
    for slug, unit, address in (
        ("ky-thuong", "Xã Kỳ Thượng", "Thôn Khe Lương, xã Kỳ Thượng, tỉnh Quảng Ninh"),
        ("my-ha", "Xã Mĩ Hà", "Thôn 1, xã Mĩ Hà, tỉnh Quảng Ninh"),  # spelt with i
        ("ha-long", "Phường Hạ Long", "Số 1 phố Cột Đồng Hồ, tỉnh Quảng Ninh"),
        ("bai-chay", "Phường Bãi Cháy", "Số 2 đường Hạ Long, phường Bãi Cháy, tỉnh Quảng Ninh"),
        ("quang-yen", "Phường Quảng Yên", "Số 3 đường Ngô Quyền, tỉnh Quảng Ninh"),
        ("tien-yen", "Xã Tiên Yên", "Phố Thống Nhất, tỉnh Quảng Ninh"),
        ("hai-ninh", "Xã Hải Ninh", "Thôn 4, tỉnh Quảng Ninh"),
    ):
        communal_centre(slug, f"Trung tâm Phục vụ hành chính công {unit[0].lower()}{unit[1:]}", unit,
                        address=address)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ky thuong", ["ky-thuong"]),
        ("ki thuong", ["ky-thuong"]),  # the other spelling of the same syllable
        ("kì thượng", ["ky-thuong"]),
        ("KỲ THƯỢNG", ["ky-thuong"]),
        ("ky th", ["ky-thuong"]),  # the last word is still being typed
        ("my ha", ["my-ha"]),  # stored as "Mĩ Hà"
        ("mỹ hà", ["my-ha"]),
        ("mi ha", ["my-ha"]),
        ("quang yen", ["quang-yen"]),  # not Tiên Yên, not Quảng Ninh
        ("quảng yên", ["quang-yen"]),
        ("Ha Long", ["ha-long", "bai-chay"]),  # Bãi Cháy's centre is on Hạ Long street: after
        ("hạ long", ["ha-long", "bai-chay"]),
        ("trung tâm quảng yên", ["quang-yen"]),  # all the words, not as a phrase
        ("yen quang", ["quang-yen"]),  # in any order, but in one name: not Tiên Yên (Quảng Ninh in its address)
    ],
)
def test_search_folds_i_and_y_and_ranks_the_names_first(client, quang_ninh, query, expected):
    html = client.get(LIST_URL, {"q": query, "level": "commune"}).content.decode()
    assert centre_slugs(html) == expected


def test_search_by_a_word_of_every_address_puts_the_name_first(client, quang_ninh):
    # Every address says "tỉnh Quảng Ninh": the provincial centre leads under its own heading, then the
    # commune whose name ends with the word, then the others by name.
    slugs = centre_slugs(client.get(LIST_URL, {"q": "ninh"}).content.decode())
    assert slugs[:2] == ["tinh", "hai-ninh"]
    assert sorted(slugs[2:]) == sorted(["ky-thuong", "my-ha", "ha-long", "bai-chay", "quang-yen", "tien-yen"])
    # A whole word matches, not a part of one: "ha" is not found inside "Hải" or "Cháy"...
    assert centre_slugs(client.get(LIST_URL, {"q": "ha long", "level": "commune"}).content.decode()) == [
        "ha-long", "bai-chay"]
    # ...but the word being typed may be the start of one.
    assert centre_slugs(client.get(LIST_URL, {"q": "tien y"}).content.decode()) == ["tien-yen"]
