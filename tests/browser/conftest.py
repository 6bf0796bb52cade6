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
