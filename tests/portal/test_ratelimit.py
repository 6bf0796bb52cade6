"""portal.ratelimit.usage counts on Redis in one round trip, and counts exactly as django-ratelimit does:
the same answers, in the same counters."""

import types

import django_ratelimit.core
import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from portal.ratelimit import usage

pytestmark = pytest.mark.skipif(not isinstance(caches["default"], RedisCache), reason="needs Redis (set REDIS_URL)")

NOW = 1_767_225_600.0


@pytest.fixture(autouse=True)
def limits_on(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: NOW))


def request(address="198.51.100.7"):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_the_same_answers_as_django_ratelimit():
    ours = [usage(request(), group="ours", key="ip", rate="3/m", increment=True) for _ in range(5)]
    library = [get_usage(request(), group="library", key="ip", rate="3/m", increment=True) for _ in range(5)]
    assert ours == library
    assert [u["should_limit"] for u in ours] == [False, False, False, True, True]
    assert 1 <= ours[0]["time_left"] <= 60


def test_the_same_counter_as_django_ratelimit():
    for _ in range(2):
        usage(request(), group="shared", key="ip", rate="10/h", increment=True)
    get_usage(request(), group="shared", key="ip", rate="10/h", increment=True)
    assert usage(request(), group="shared", key="ip", rate="10/h")["count"] == 3
    assert usage(request("203.0.113.9"), group="shared", key="ip", rate="10/h", increment=True)["count"] == 1


def test_a_window_counter_expires_after_its_period():
    usage(request(), group="ttl", key="ip", rate="5/m", increment=True)
    redis = cache._cache.get_client()
    (key,) = redis.keys("*rl:*")  # the library's prefix
    assert 60 <= redis.ttl(key) <= 65


def test_rates_and_methods_that_do_not_apply_are_not_counted(settings):
    assert usage(request(), group="post", key="ip", rate="1/m", method="POST", increment=True) is None
    assert usage(request(), group="none", key="ip", rate=lambda group, request: None, increment=True) is None
    settings.RATELIMIT_ENABLE = False
    assert usage(request(), group="off", key="ip", rate="1/m", increment=True) is None


def test_the_private_helpers_portal_ratelimit_uses_are_there():
    """portal/ratelimit.py counts on Redis with django-ratelimit's own helpers; a release that renames them
    must fail here, not in production."""
    from django_ratelimit import core

    for name in ("_SIMPLE_KEYS", "_split_rate", "_get_window", "_make_cache_key", "_method_match",
                 "EXPIRATION_FUDGE"):
        assert hasattr(core, name), name
    assert set(core._SIMPLE_KEYS) >= {"ip", "user"}
    assert core._split_rate("60/m") == (60, 60)
