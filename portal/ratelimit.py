"""The one door to django-ratelimit's counters. They live in the cache (Redis in production); when Redis
is down the limit is not applied rather than the page failing: an outage of the counters' store must not
stop citizens logging in, submitting or tracking dossiers (the per-account lockout of django-axes lives
in the database and keeps working).

Counting a request on Redis takes one round trip here instead of django-ratelimit's three (``add``, then
Django's ``incr``, which is an ``EXISTS`` and an ``INCR``): the public lookup counts every request, and
the round trips cost more than the lookup's own query. The rate, key, window and counter are the
library's own (its helpers compute them), so a limit counts the same whichever way it is counted. Those
helpers are private names of django_ratelimit.core (``_SIMPLE_KEYS``, ``_split_rate``, ``_get_window``,
``_make_cache_key``, ``_method_match``, ``EXPIRATION_FUDGE``): pyproject.toml pins the library to the
minor release they were read from, and tests/portal/test_ratelimit.py checks they are there."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string
from django_ratelimit import ALL
from django_ratelimit import core as library
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# One more request in the window; a new window's counter expires after it (as the library's add() does).
_INCREMENT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


def usage(request, *, group: str, key, rate, method=ALL, increment: bool = False) -> dict | None:
    """``django_ratelimit.core.get_usage(request, ...)``: the count, limit, ``should_limit`` and
    ``time_left`` of the request's window. None (not limited) when limits are off, the method or rate
    does not apply, or the cache fails."""
    try:
        cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
        if increment and isinstance(cache, RedisCache) and (callable(key) or key in library._SIMPLE_KEYS):
            return _counted_on_redis(request, cache, group=group, key=key, rate=rate, method=method)
        return get_usage(request, group=group, key=key, rate=rate, method=method, increment=increment)
    except (RedisError, OSError):  # the counters' server is unreachable (OSError: sockets, timeouts)
        logger.warning("Rate-limit counters unavailable (%s); not limiting.", group, exc_info=True)
        return None


def _counted_on_redis(request, cache: RedisCache, *, group: str, key, rate, method) -> dict | None:
    """get_usage(..., increment=True), step for step, with the add-then-incr in one Lua script."""
    if not getattr(settings, "RATELIMIT_ENABLE", True) or not library._method_match(request, method):
        return None
    if callable(rate):
        rate = rate(group, request)
    elif isinstance(rate, str) and "." in rate:
        rate = import_string(rate)(group, request)
    if rate is None:
        return None
    limit, period = library._split_rate(rate)
    value = key(group, request) if callable(key) else library._SIMPLE_KEYS[key](request)
    window = library._get_window(value, period)
    cache_key = cache.make_and_validate_key(library._make_cache_key(group, window, rate, value, method))
    client = cache._cache.get_client(cache_key, write=True)
    count = client.eval(_INCREMENT, 1, cache_key, period + library.EXPIRATION_FUDGE)
    return {"count": count, "limit": limit, "should_limit": count > limit,
            "time_left": window - int(library.time.time())}
