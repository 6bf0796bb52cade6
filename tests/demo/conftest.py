import io

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache(settings, tmp_path):
    """Argon2 costs ~0.6 s per demo account; the login tests check passwords the same way with a cheap
    hasher. Rate-limit and lockout counters live in the cache: start and end empty."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo dossiers' papers
    cache.clear()
    yield
    cache.clear()


def run_seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db) -> str:
    """The demo province loaded once for the test; returns what the command printed."""
    return run_seed()
