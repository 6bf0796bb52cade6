"""The indicators and the public statistics in real Chromium, on a phone and a desktop: the admin goes from the
late figure to the late dossier's page; anyone reads the statistics, charts drawn under the CSP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.history import _back
from dossiers.models import Dossier
from dossiers.services import dossier_receive
from reports.indicators.refresh import facts_refresh_all
from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.factories import make_world, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.fixture(autouse=True)
def _fast_and_own_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"



@pytest.fixture
def late(db):
    world = make_world()
    dossier_receive(dossier=submitted(world), officer=world.officer)
    late = dossier_receive(dossier=submitted(world), officer=world.officer)
    _back(late, dt.timedelta(days=10))  # received ten days ago: three working days are long past
    facts_refresh_all()
    late.refresh_from_db()
    return world, late


def watched(page):
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_admin_drills_from_the_late_figure_to_the_dossier(new_page, client, live_server, late, screenshot,
                                                              viewport):
    world, dossier = late
    client.force_login(world.admin)
    page = watched(new_page(viewport))
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.goto(f"/reports/indicators/?period=year&year={dossier.received_at.year}")
    expect(page.locator("h1")).to_contain_text("Quyết định 766/QĐ-TTg")
    expect(page.get_by_role("heading", name="Tiến độ, kết quả giải quyết")).to_be_visible()
    expect(page.locator("figure.chart")).to_have_count(2)
    screenshot(page, "indicators")
    page.locator(".report-figure", has_text="Tính là quá hạn").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Hồ sơ bị tính quá hạn")
    row = page.locator("tr", has_text=dossier.code)
    expect(row).to_contain_text("Đang giải quyết, đã quá ngày hẹn trả")
    screenshot(page, "late-dossiers")
    row.get_by_role("link", name=dossier.code).click()
    expect(page.locator("body")).to_contain_text(dossier.code)
    assert "/dossiers/" in page.url
    assert page.violations == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_anyone_reads_the_statistics(new_page, late, screenshot, viewport):
    page = watched(new_page(viewport))
    page.goto("/")
    if viewport is PHONE:
        page.get_by_role("navigation", name="Điều hướng chính").get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Thống kê").click()
    expect(page.locator("h1")).to_have_text("Thống kê tình hình giải quyết thủ tục hành chính")
    today = timezone.localdate()
    received = Dossier.objects.filter(received_at__date__gte=today.replace(day=1)).count()
    expect(page.locator(".report-figure", has_text="Hồ sơ tiếp nhận").locator("dd")).to_have_text(str(received))
    line = page.locator("figure.chart").first.locator(".chart__drawing:visible svg")
    expect(line).to_have_count(1)
    assert line.bounding_box()["width"] <= viewport["width"]
    expect(page.locator("table.report-table")).to_contain_text("Phường Hạ Long")
    page.locator("figure.chart").first.locator("summary").click()
    expect(page.locator("figure.chart").first.locator("table")).to_be_visible()
    screenshot(page, "statistics")
    assert page.violations == []
