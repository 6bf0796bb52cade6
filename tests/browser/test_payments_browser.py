"""In real Chromium: the citizen pays a draft's fees on the mock platform's page and comes back to the receipt;
the officer sees the payment. Screenshots of the pay panel and the platform's page at 390 and 1366 px."""

import copy

import pytest
from playwright.sync_api import expect

from payments.models import Payment
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_dossier_browser import log_in
from tests.dossiers.factories import make_world

# the mock platform's process and the payment settings of tests/payments (its conftest is not this folder's)
from tests.payments.conftest import (  # noqa: F401 - fixtures
    _fast_password_hashing,
    _payment_settings,
    platform,
    platform_process,
    with_fees,
)
from tests.payments.helpers import draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_the_citizen_pays_on_the_platform_and_sees_the_receipt(new_page, screenshot, live_server, settings,
                                                                platform, viewport):  # noqa: F811
    settings.SITE_URL = live_server.url
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = ["'self'", platform.url]  # as PAYMENT_PAGE_ORIGIN says in production
    settings.CONTENT_SECURITY_POLICY = policy
    world = with_fees(make_world(), "before_submission")
    dossier = draft(world)
    citizen = log_in(new_page, world.citizen.username, viewport=viewport)
    citizen.goto(f"/dossiers/{dossier.uuid}/")
    panel = citizen.locator("#payment")
    expect(panel).to_contain_text("Lệ phí đăng ký khai sinh")
    expect(panel).to_contain_text("58.000")
    screenshot(citizen, "pay-panel")
    panel.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(citizen.locator("h1")).to_contain_text("Nền tảng thanh toán quốc gia")
    expect(citizen.locator("body")).to_contain_text("58.000 ₫")
    screenshot(citizen, "platform-page")
    citizen.get_by_role("button", name="Thanh toán", exact=True).click()
    expect(citizen.locator(".messages")).to_contain_text("Đã nhận tiền thanh toán")
    payment = Payment.objects.get(dossier=dossier)
    assert payment.state == "paid"
    expect(citizen.locator("#payment")).to_contain_text(payment.receipt_number)
    screenshot(citizen, "paid")
    response = citizen.request.get(f"/payments/{payment.uuid}/receipt/")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    # Now the dossier can be sent.
    citizen.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
    expect(citizen.locator("body")).to_contain_text("Đã nộp, chờ kiểm tra")
    officer = log_in(new_page, world.officer.username)
    officer.goto(f"/dossiers/{dossier.uuid}/")
    expect(officer.locator("#payment")).to_contain_text(payment.receipt_number)
    screenshot(officer, "officer")

