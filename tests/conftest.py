import os

import pytest
from django.db import connection

from tests.cheaper import _cheap_argon2_and_remembered_key_loads, _rsa_keys_from_the_pool  # noqa: F401 - autouse
from tests.workers import isolate_redis

# Playwright's sync API runs an event loop in the test thread; Django's ORM in that thread is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Under pytest-xdist each worker takes its own Redis database before any test touches the cache or Celery.
isolate_redis()


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)



@pytest.fixture(autouse=True)
def _smaller_ca_keys(settings):
    """The CA's keys are real RSA keys; 2048 bits keep a test's ca_init well under a second."""
    settings.SIGNATURES_CA_KEY_BITS = 2048


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Tests write CalendarDay rows directly; the per-process calendar cache must not outlive them."""
    from units.calendar import calendar_cache_invalidate

    calendar_cache_invalidate()
    yield
    calendar_cache_invalidate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache (Redis in CI), which no transaction rolls back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts with no language activated, so it gets settings.LANGUAGE_CODE (the default, or what
    the test's own settings say): a request made by an earlier test leaves the language its middleware
    activated on the thread, which made results depend on the order of tests."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _demo_correspondence_where_asked(monkeypatch):
    """seed_demo signs, numbers and issues the demo's official documents (several seconds): the tests that look
    at them ask for them (tests/demo/conftest.py: ``demo_documents``); the others load the province without."""
    monkeypatch.setattr("demo.services.demo_correspondence_load", lambda: 0)


@pytest.fixture(autouse=True)
def _demo_daily_report_where_asked(monkeypatch):
    """seed_demo builds the previous working day's daily report (its PDF's charts take a second or two): the
    tests that look at it ask for it (tests/reports/test_daily_demo.py); the others load the province without."""
    monkeypatch.setattr("demo.services.demo_daily_report_load", lambda: "")


@pytest.fixture(autouse=True)
def _demo_history_where_asked(monkeypatch):
    """seed_demo files a few months of past dossiers and resolves most of them (signed results: half a minute):
    the tests that look at them ask for them (tests/reports/test_demo_history.py); the others load without."""
    monkeypatch.setattr("demo.services.demo_history_load", lambda: 0)


@pytest.fixture(autouse=True)
def _force_login_is_past_the_second_factor(monkeypatch):
    """A test's ``client.force_login(user)`` stands for a user who has logged in completely, second factor
    included (accounts/two_factor.py): the login receiver marks the new session *pending* for leaders and admins,
    as for any login, and this marks it verified afterwards. Only tests do this; the portal never verifies a
    session by default. Tests of the second factor log in through the login form instead (or call
    ``tests.accounts.second_factor.force_login_pending``)."""
    from django.test.client import ClientMixin

    from accounts.two_factor import SESSION_KEY, VERIFIED

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[SESSION_KEY] = VERIFIED
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)
