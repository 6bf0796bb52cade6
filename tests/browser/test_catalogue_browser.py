"""A citizen finds a procedure without typing diacritics and reads what to bring."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from hotlines.models import Hotline
from tests.browser.conftest import PHONE
from tests.factories import ServiceCentreFactory
from tests.web.factories import admin_user, birth_registration, province_with_hotline, publish

pytestmark = pytest.mark.browser


def vi(message: str) -> str:
    """What the page shows for ``message`` in Vietnamese (the browser's language in these tests)."""
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture
def catalogue():
    province_with_hotline("18001096")
    admin = admin_user()
    centre = ServiceCentreFactory(
        slug="ha-long", name="Trung tâm Phục vụ hành chính công phường Hạ Long", address="Số 2 đường Bến Đoan",
    )
    Hotline.objects.create(number="0912345678", label="Đường dây nóng trung tâm", centre=centre)
    birth_registration(admin=admin, centres=(centre,), online_level="full")
    publish("1.000894", "Đăng ký kết hôn", name_en="Marriage registration", admin=admin, centres=(centre,))
    publish("1.001022", "Đăng ký khai tử", admin=admin, centres=(centre,))
    publish("2.000528", "Cấp giấy phép xây dựng nhà ở riêng lẻ", admin=admin, level="province")


def test_search_without_diacritics_then_read_the_procedure(page, catalogue, screenshot):
    page.goto("/procedures/")
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("Administrative procedures"))
    expect(page.locator("table.listing tbody tr")).to_have_count(4)
    screenshot(page, "catalogue")

    search = page.get_by_label(vi("Name or code of the procedure"))
    search.fill("dang ky khai sinh")
    screenshot(page, "typed")
    page.get_by_role("button", name=vi("Search"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/procedures/\?q=dang\+ky\+khai\+sinh"))
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("1.001193")
    with translation.override("vi"):
        found = ngettext("%(counter)s procedure found.", "%(counter)s procedures found.", 1) % {"counter": 1}
    expect(page.get_by_role("status")).to_have_text(found)
    expect(page.get_by_text("Đăng ký kết hôn")).to_have_count(0)
    screenshot(page, "results")

    page.get_by_role("link", name="Đăng ký khai sinh").click()
    expect(page).to_have_url(re.compile(r"/procedures/1\.001193/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    documents = page.locator("section", has=page.get_by_role("heading", name=vi("Required documents")))
    components = documents.locator("ol.components > li")
    expect(components).to_have_count(3)
    expect(components.nth(0)).to_contain_text("Tờ khai đăng ký khai sinh theo mẫu")
    expect(components.nth(1)).to_contain_text("Giấy chứng sinh")
    expect(components.nth(2)).to_contain_text("Văn bản ủy quyền")
    expect(components.nth(2)).to_contain_text(vi("If applicable"))
    steps = page.locator("section", has=page.get_by_role("heading", name=vi("Internal process"))).locator("ol.steps > li")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Tiếp nhận, kiểm tra hồ sơ")
    expect(steps.nth(0)).to_contain_text(vi("the receiving centre"))
    expect(steps.nth(1)).to_contain_text("Thẩm định, trình ký")
    expect(steps.nth(2)).to_contain_text("Ký giấy khai sinh")
    expect(page.get_by_text(vi("Received regardless of the commune where you live: you may submit at any centre below."))).to_be_visible()
    expect(page.get_by_role("link", name="Trung tâm Phục vụ hành chính công phường Hạ Long")).to_be_visible()
    screenshot(page, "detail")


def test_switch_to_english_keeps_the_page(page, catalogue, screenshot):
    page.goto("/procedures/1.001193/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    expect(page.get_by_role("button", name="Tiếng Việt")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("heading", name=vi("Required documents"))).to_be_visible()
    screenshot(page, "vietnamese")

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url(re.compile(r"/procedures/1\.001193/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Birth registration")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Administrative procedures")).to_be_visible()
    expect(nav.get_by_role("link", name="Service centres")).to_be_visible()
    expect(page.get_by_role("heading", name="Required documents")).to_be_visible()
    expect(page.get_by_text("Birth registration form")).to_be_visible()
    screenshot(page, "english")

    # The choice sticks: the next page is English too.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Administrative procedures").click()
    expect(page.get_by_role("link", name="Marriage registration")).to_be_visible()
    screenshot(page, "english-catalogue")


def test_phone_layout_has_no_sideways_scrolling(new_page, catalogue, screenshot):
    page = new_page(viewport=PHONE)
    for path in ("/", "/procedures/?q=dang+ky", "/procedures/1.001193/", "/centres/", "/centres/ha-long/"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a phone"
        screenshot(page, "phone" + re.sub(r"[^a-z0-9]+", "-", path).rstrip("-"))
    # The catalogue's table turns into labelled cards.
    page.goto("/procedures/?q=dang+ky+khai+sinh")
    expect(page.locator("table.listing thead")).not_to_be_in_viewport()
    expect(page.locator("table.listing td.name")).to_be_visible()


def test_unknown_procedure_shows_the_friendly_404(page, catalogue, screenshot):
    response = page.goto("/procedures/9.999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(vi("We could not find that page"))
    message = vi("There is no procedure with code %(code)s in force.") % {"code": "9.999999"}
    expect(page.get_by_text(message)).to_be_visible()
    screenshot(page, "not-found")
    box = page.locator("main").get_by_role("searchbox")
    box.fill("ket hon")
    box.press("Enter")
    expect(page.locator("table.listing tbody tr")).to_have_count(1)
    expect(page.locator("table.listing")).to_contain_text("Đăng ký kết hôn")
