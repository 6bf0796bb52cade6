import pytest

from tests.reports.world import make_world


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(settings):
    """The daily report's province (tests/reports/world.py)."""
    settings.REPORTS_DAILY_AGENCY = ""
    settings.REPORTS_DAILY_RECIPIENTS = []
    return make_world()
