import pytest
from django.core.cache import cache
from django.utils import translation

PASSWORD = "Mật-khẩu-2025!"  # what tests.factories.UserFactory sets


@pytest.fixture(autouse=True)
def _english_and_clean_counters(settings):
    """Assert the English wording whatever the default language, and start every test with empty
    rate-limit counters (they live in the cache, which is not rolled back with the database), leaving
    none behind for other areas' tests."""
    settings.LANGUAGE_CODE = "en"
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def protections_on(settings):
    """Lockout and rate limits on, whatever the environment says (a developer may turn them off)."""
    settings.AXES_ENABLED = True
    settings.RATELIMIT_ENABLE = True
