# The dossier tests' world, cheap password hashing and a media folder per test (tests/dossiers/conftest.py).
from tests.dossiers.conftest import _fast_password_hashing, _media, world  # noqa: F401
