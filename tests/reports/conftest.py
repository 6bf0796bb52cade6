import pytest

# The browser tests' fixtures (real Chromium, screenshots), for the reports' own browser tests.
from tests.browser.conftest import browser, new_page, screenshot  # noqa: F401
from tests.reports.world import make_world


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_DAILY_AGENCY = ""
    settings.REPORTS_DAILY_RECIPIENTS = []
    return make_world()
