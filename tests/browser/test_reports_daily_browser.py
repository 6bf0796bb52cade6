"""The daily reports' history in real Chromium, on a phone and a desktop: the charts draw in colour under the
portal's Content-Security-Policy (their style allowed by the nonce), their tables open, the files download."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reports.daily.services import daily_report_build
from tests.browser.conftest import DESKTOP, PHONE
from tests.reports.world import BUILT, DAY, at, dossier, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fast_and_own_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(settings):
    """The daily report's province (tests/reports/world.py)."""
    settings.REPORTS_DAILY_AGENCY = ""
    settings.REPORTS_DAILY_RECIPIENTS = []
    return make_world()


@pytest.fixture
def reports(world):
    dossier(world, received=at(8, 9), due=at(11, 17))
    dossier(world, centre=world.centre_b, version=world.version_y, received=at(7, 9), due=at(9, 17),
            ready=at(8, 10), state="result_ready")
    dossier(world, received=at(2, 9), due=at(4, 17))
    daily_report_build(day=DAY.replace(day=7), now=BUILT, send=False)
    return daily_report_build(day=DAY, now=BUILT, send=False)


def signed_in(new_page, client, live_server, user, viewport):
    client.force_login(user)
    page = new_page(viewport)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_history_on_a_phone_and_a_desktop(new_page, client, live_server, world, reports, screenshot,
                                              viewport):
    page = signed_in(new_page, client, live_server, world.admin, viewport)
    page.goto("/reports/daily/")
    expect(page.locator("h1")).to_have_text("Báo cáo hằng ngày")
    expect(page.get_by_role("heading", name="Báo cáo ngày 08/12/2026")).to_be_visible()
    figures = page.locator("figure.chart")
    expect(figures).to_have_count(3)
    expect(figures.first.locator("figcaption")).to_contain_text("Hồ sơ tiếp nhận và giải quyết theo ngày trong tháng")
    # The bars are drawn in the palette's colours: the chart's stylesheet ran.
    bar = page.locator("figure.chart").nth(1).locator(".chart__drawing:visible svg .series.serie-0 rect").first
    expect(bar).to_be_visible()
    assert bar.evaluate("node => getComputedStyle(node).fill") == "rgb(0, 114, 178)"
    drawing = figures.first.locator(".chart__drawing:visible svg")  # the phone's narrower drawing, or the wide one
    expect(drawing).to_have_count(1)
    box = drawing.bounding_box()
    assert box["width"] <= viewport["width"] and box["height"] > 150
    screenshot(page, "history")

    figures.first.locator("summary").click()
    table = figures.first.locator("table")
    expect(table).to_be_visible()
    expect(table.locator("thead")).to_contain_text("Tiếp nhận (hồ sơ)")
    expect(table.get_by_role("row", name="8 1 1", exact=True)).to_be_visible()  # the 8th: one received, one resolved
    screenshot(page, "table")

    rows = page.locator("table.daily-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("08/12/2026")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF ngày 08/12/2026").click()
    assert download.value.suggested_filename == "bao-cao-ngay-2026-12-08.pdf"
    assert page.violations == [], page.violations
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_a_leader_of_another_agency_is_refused(new_page, client, live_server, world, reports):
    page = signed_in(new_page, client, live_server, world.other_leader, DESKTOP)
    response = page.goto("/reports/daily/")
    assert response.status == 403
