"""What each pytest-xdist worker (``make test`` runs the suite in several) keeps to itself. pytest-django gives
each its own test database (test_<name>_gw0, _gw1...), tmp_path is per worker and the mock services and live
servers take free ports; what remains shared is Redis: the tests empty the cache with FLUSHDB, count keys,
and take locks keyed by primary keys that every worker's database repeats. So each worker gets its own Redis
database: gwN uses the database of REDIS_URL plus N (``redis://h:6379/0`` -> 0, 1, ...), or the N-th of
PYTEST_REDIS_DBS (say ``7,14``) where consecutive databases belong to someone else. Everything the worker
starts (Celery workers, beat, mock services) inherits the changed REDIS_URL from the environment."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # Redis's default ``databases``
SHARED_REDIS_URL = os.environ.get("REDIS_URL", "")  # as given, before a worker takes its own


def worker_index() -> int | None:
    """0 for gw0, 1 for gw1...; None outside xdist (or in its controller)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") else None


def redis_url_for_worker(url: str, index: int, databases: str = "") -> str:
    parts = urlsplit(url)
    if databases:
        chosen = [int(value) for value in databases.split(",") if value.strip()]
        if index >= len(chosen):
            raise RuntimeError(f"PYTEST_REDIS_DBS={databases!r} names {len(chosen)} Redis databases "
                               f"for more xdist workers (gw{index})")
        database = chosen[index]
    else:
        base = int(parts.path.strip("/") or 0)
        database = base + index
        if database >= REDIS_DATABASES:
            raise RuntimeError(f"xdist worker gw{index} would use Redis database {database}: lower REDIS_URL's "
                               "database, run fewer workers or set PYTEST_REDIS_DBS")
    return urlunsplit(parts._replace(path=f"/{database}"))


def isolate_redis() -> str | None:
    """Point this worker's settings, cache, Celery producer and environment at its own Redis database; the
    new REDIS_URL, or None when there is nothing to do (no xdist, or no Redis)."""
    index = worker_index()
    if index is None or not SHARED_REDIS_URL:
        return None
    own = redis_url_for_worker(SHARED_REDIS_URL, index, os.environ.get("PYTEST_REDIS_DBS", ""))
    os.environ["REDIS_URL"] = own  # read by the Celery workers and mock services the tests start

    from django.conf import settings
    from django.core.cache import caches
    from django.core.signals import setting_changed
    from django.test import signals  # noqa: F401 - connects clear_cache_handlers to setting_changed

    from portal.celery import app as celery_app

    settings.REDIS_URL = settings.CELERY_BROKER_URL = own
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": own}}
    # Django's own handler for a changed CACHES setting drops the cache connections made so far.
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)
    assert caches["default"]._servers == [own], "the cache kept the shared Redis database"
    celery_app.conf.broker_url = own
    celery_app._pool = None
    return own
