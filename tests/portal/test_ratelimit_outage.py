"""With the rate-limit counters' store down (Redis unreachable), pages that count requests still work."""

import pytest
from django.core.cache import caches

from tests.dossiers.factories import make_world, received

pytestmark = pytest.mark.django_db

NOWHERE = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                       "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
                       "OPTIONS": {"socket_connect_timeout": 0.2}}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = NOWHERE
    yield
    caches["default"].close()


def test_login_and_the_public_lookup_work_while_redis_is_down(client, redis_down, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.cookies["django_language"] = "en"
    page = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert page.status_code == 200 and page.context["form"].non_field_errors()  # the wrong-password answer

    world = make_world()
    dossier = received(world)
    lookup = client.get("/dossiers/lookup/", {"code": dossier.code})
    assert lookup.status_code == 200 and dossier.code in lookup.content.decode()
    api = client.get("/api/v1/dossiers/lookup/", {"code": dossier.code})
    assert api.status_code == 200 and api.json()["code"] == dossier.code
