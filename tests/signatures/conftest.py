import pytest
from django.utils import translation

from tests.signatures.helpers import SigningWorld, make_signing_world


@pytest.fixture(autouse=True)
def _fast_keys(settings):
    """Real RSA keys, a size that keeps a test world under a second; cheap password hashing."""
    settings.SIGNATURES_CA_KEY_BITS = 2048
    settings.SIGNATURES_KEY_BITS = 2048
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_messages():
    """Services speak the active language; these tests read their English source messages (pages choose
    their language per request, Vietnamese by default, whatever is active here)."""
    with translation.override("en"):
        yield


@pytest.fixture
def signing(db) -> SigningWorld:
    return make_signing_world()
