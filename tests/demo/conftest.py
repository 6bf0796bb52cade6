import io
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache(settings, tmp_path):
    """Argon2 costs ~0.6 s per demo account; the login tests check passwords the same way with a cheap
    hasher. Rate-limit and lockout counters live in the cache: start and end empty."""
    settings.PASSWORD_HASHERS = MD5
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo dossiers' papers
    cache.clear()
    yield
    cache.clear()


def run_seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _documents_on(monkeypatch) -> None:
    """What seed_demo needs to load the demo's official documents too (the root conftest leaves them out)."""
    from demo import correspondence
    from documents.data import DOCUMENT_TYPES
    from documents.models import DocumentType

    # A transactional test may have flushed the kinds of document the migration seeded.
    for position, (code, name, name_en, abbreviation) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en,
                                                                "abbreviation": abbreviation, "position": position})
    monkeypatch.setattr("demo.services.demo_correspondence_load", correspondence.demo_correspondence_load)


@pytest.fixture
def seeded(db) -> str:
    """The demo province loaded once for the test; returns what the command printed."""
    return run_seed()


@pytest.fixture
def demo_documents(db, monkeypatch, settings):
    """seed_demo loads the demo's official documents too (the root conftest leaves them out elsewhere)."""
    settings.SIGNATURES_KEY_BITS = 2048
    _documents_on(monkeypatch)


@pytest.fixture
def seeded_documents(demo_documents, db) -> str:
    """The demo province with its official documents; returns what seed_demo printed."""
    return run_seed()


# Loading the demo takes seconds (with its documents, a quarter of a minute): a module whose every test reads
# the same freshly loaded demo loads it once. The load is kept in a transaction that stays open for the
# module; each test runs in a savepoint inside it (pytest-django's ``db``), so what a test changes is rolled
# back before the next one, which finds the demo exactly as loaded. Only for modules where every test asks
# for the demo (a test without it would find it there too) and none is transactional.

@contextmanager
def _kept_for_the_module(django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _seeded_once(request, *, documents: bool):
    media = request.getfixturevalue("tmp_path_factory").mktemp("demo-media")
    blocker = request.getfixturevalue("django_db_blocker")
    with _kept_for_the_module(blocker):
        with blocker.unblock(), pytest.MonkeyPatch.context() as patch, override_settings(
                PASSWORD_HASHERS=MD5, MEDIA_ROOT=media, SIGNATURES_CA_KEY_BITS=2048, SIGNATURES_KEY_BITS=2048):
            # As the root conftest's fixture and ``demo_documents`` do for each test, which has not started yet.
            patch.setattr("demo.services.demo_correspondence_load", lambda: 0)
            patch.setattr("demo.services.demo_history_load", lambda: 0)
            if documents:
                _documents_on(patch)
            out = run_seed()
        yield out, media


@pytest.fixture(scope="module")
def _demo_for_the_module(request, django_db_setup):
    yield from _seeded_once(request, documents=False)


@pytest.fixture(scope="module")
def _demo_with_documents_for_the_module(request, django_db_setup):
    yield from _seeded_once(request, documents=True)


@pytest.fixture
def seeded_for_module(_demo_for_the_module, db, settings) -> str:
    """As ``seeded``, loaded once for the module (see above)."""
    out, settings.MEDIA_ROOT = _demo_for_the_module
    return out


@pytest.fixture
def seeded_documents_for_module(_demo_with_documents_for_the_module, demo_documents, settings) -> str:
    """As ``seeded_documents``, loaded once for the module (see above)."""
    out, settings.MEDIA_ROOT = _demo_with_documents_for_the_module
    return out
