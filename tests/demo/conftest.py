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


@pytest.fixture
def demo_documents(db, monkeypatch, settings):
    """seed_demo loads the demo's official documents too (the root conftest leaves them out elsewhere)."""
    from demo import correspondence
    from documents.data import DOCUMENT_TYPES
    from documents.models import DocumentType

    settings.SIGNATURES_KEY_BITS = 2048
    # A transactional test may have flushed the kinds of document the migration seeded.
    for position, (code, name, name_en, abbreviation) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en,
                                                                "abbreviation": abbreviation, "position": position})
    monkeypatch.setattr("demo.services.demo_correspondence_load", correspondence.demo_correspondence_load)


@pytest.fixture
def seeded_documents(demo_documents, db) -> str:
    """The demo province with its official documents; returns what seed_demo printed."""
    return run_seed()
