import pytest
from django.test import Client


@pytest.fixture
def client():
    """A visitor whose portal is in English. The pages' fixed texts are asserted in their English source
    form, so these tests do not break whenever the Vietnamese catalogue's wording improves; ``vi_client``
    covers the default language."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def vi_client():
    """A first-time visitor with no language preference: Vietnamese, the portal's default."""
    return Client()
