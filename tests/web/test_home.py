import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from hotlines.models import Hotline
from tests.factories import ServiceCentreFactory
from tests.web.factories import birth_registration, province_with_hotline

pytestmark = pytest.mark.django_db


def test_home_shows_search_links_hotlines_and_province(vi_client, django_assert_max_num_queries):
    province_with_hotline("18001096")
    birth_registration()
    # Three queries whatever the data: province, province hotlines, fields in force.
    with django_assert_max_num_queries(3):
        response = vi_client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cổng Một Cửa" in html
    assert "Tỉnh Quảng Ninh" in html
    assert f'action="{reverse("procedures:catalogue")}"' in html and 'name="q"' in html
    assert f'href="{reverse("centres:centre_list")}"' in html
    assert "1800 1096" in html and 'href="tel:18001096"' in html
    assert 'href="/procedures/?field=ho-tich">Hộ tịch <span class="chips__count">1</span>' in html


def test_header_falls_back_to_the_configured_province_name(client, settings):
    settings.PROVINCE_NAME = "Tỉnh Cấu Hình"
    html = client.get("/").content.decode()
    assert "Tỉnh Cấu Hình" in html
    assert "No hotline published yet." in html


def test_footer_lists_only_active_province_wide_hotlines(client):
    province_with_hotline("18001096")
    Hotline.objects.create(number="0912345678", label="Số cũ", is_active=False)
    Hotline.objects.create(number="0987654321", label="Số của trung tâm", centre=ServiceCentreFactory())
    html = client.get("/").content.decode()
    assert "1800 1096" in html
    assert "0912 345 678" not in html
    assert "0987 654 321" not in html


def test_every_page_has_the_language_switcher_keeping_the_current_path(vi_client):
    html = vi_client.get("/procedures/?q=khai+sinh").content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="next" value="/procedures/?q=khai+sinh"' in html
    assert 'name="language" value="vi"' in html and 'name="language" value="en"' in html
    assert '<html lang="vi">' in html
    assert '>Tiếng Việt</button>' in html  # NFC, although Django stores the name decomposed


def test_switching_to_english_keeps_the_page_and_shows_english(vi_client):
    birth_registration()
    html = vi_client.get("/procedures/1.001193/").content.decode()
    assert '<html lang="vi">' in html and "Đăng ký khai sinh" in html
    with translation.override("vi"):
        assert gettext("Required documents") in html  # the Vietnamese catalogue is applied
    response = vi_client.post(reverse("set_language"), {"language": "en", "next": "/procedures/1.001193/"})
    assert response.status_code == 302 and response["Location"] == "/procedures/1.001193/"
    html = vi_client.get("/procedures/1.001193/").content.decode()
    assert '<html lang="en">' in html
    assert "Birth registration" in html
    assert "Required documents" in html and "Internal process" in html


@pytest.mark.django_db
def test_the_admin_site_carries_the_portals_name_and_admins_reach_the_sync_page_from_the_menu(vi_client):
    from tests.factories import UserFactory

    admin = UserFactory(admin=True, is_staff=True)
    vi_client.force_login(admin)
    assert "Cổng Một Cửa — Quản trị hệ thống" in vi_client.get("/admin/").content.decode()
    menu = vi_client.get("/").content.decode().split('<nav class="mainnav', 1)[1].split("</nav>", 1)[0]
    assert 'href="/npsp/outbox/"' in menu and "Đồng bộ với Cổng Dịch vụ công quốc gia" in menu
