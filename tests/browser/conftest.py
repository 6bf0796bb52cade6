"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API against
pytest-django's live server. Screenshots go to test-artifacts/browser/<test>/ for a human to look at."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (install Debian's chromium package: make system-deps)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport=PHONE) -> a page in a fresh context (own cookies) that speaks Vietnamese, as a
    citizen's browser would: the Accept-Language header decides the first page's language."""
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale="vi-VN", is_mobile=viewport == PHONE,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "results") saves test-artifacts/browser/<test>/<nn>-results.png (full page)."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    count = iter(range(1, 100))

    def save(page, name: str) -> Path:
        path = folder / f"{next(count):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def pass_second_factor(page, username: str) -> None:
    """After the password, leaders and admins give the code of their authenticator app (computed here from the
    device's key, as the app does), or first set the app up when they have none (accounts/two_factor.py).
    Other users are left where the login took them."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.second_factor import code_now

    page.wait_for_load_state()
    if "/accounts/two-factor/" not in page.url:
        return
    set_up = "/set-up/" in page.url
    device = TOTPDevice.objects.filter(user__username=username, confirmed=not set_up).latest("pk")
    if not set_up:  # the same official logged in twice within 30 seconds: the app's code is new to the test
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    page.locator("input[name=code]").fill(code_now(device))
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()
    if set_up:
        page.locator("main a.button.primary").click()  # past the backup codes
        page.wait_for_load_state()
    assert "/accounts/two-factor/" not in page.url, page.url
