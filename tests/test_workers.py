"""The suite's own plumbing: each pytest-xdist worker on a Redis database of its own (tests/workers.py)."""

import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from portal.celery import app as celery_app
from tests.workers import SHARED_REDIS_URL, redis_url_for_worker, worker_index


def test_worker_n_takes_the_database_n_places_after_redis_urls():
    assert redis_url_for_worker("redis://127.0.0.1:6379/0", 0) == "redis://127.0.0.1:6379/0"
    assert redis_url_for_worker("redis://127.0.0.1:6379/0", 2) == "redis://127.0.0.1:6379/2"
    assert redis_url_for_worker("redis://:secret@redis:6380/5", 1) == "redis://:secret@redis:6380/6"
    assert redis_url_for_worker("redis://127.0.0.1:6379", 1) == "redis://127.0.0.1:6379/1"


def test_pytest_redis_dbs_names_each_workers_database():
    assert redis_url_for_worker("redis://127.0.0.1:6379/7", 0, "7,14") == "redis://127.0.0.1:6379/7"
    assert redis_url_for_worker("redis://127.0.0.1:6379/7", 1, "7, 14") == "redis://127.0.0.1:6379/14"
    with pytest.raises(RuntimeError, match="PYTEST_REDIS_DBS"):
        redis_url_for_worker("redis://127.0.0.1:6379/7", 2, "7,14")


def test_no_worker_goes_past_redis_s_sixteen_databases():
    assert redis_url_for_worker("redis://127.0.0.1:6379/14", 1) == "redis://127.0.0.1:6379/15"
    with pytest.raises(RuntimeError, match="database 16"):
        redis_url_for_worker("redis://127.0.0.1:6379/15", 1)


@pytest.mark.skipif(worker_index() is None or not isinstance(caches["default"], RedisCache),
                    reason="runs under pytest-xdist with Redis (make test)")
def test_this_worker_s_cache_broker_and_children_share_its_own_database():
    own = os.environ["REDIS_URL"]
    assert own == redis_url_for_worker(SHARED_REDIS_URL, worker_index(), os.environ.get("PYTEST_REDIS_DBS", ""))
    if worker_index() > 0:
        assert own != SHARED_REDIS_URL
    assert caches["default"]._servers == [own]
    assert settings.REDIS_URL == settings.CELERY_BROKER_URL == celery_app.conf.broker_url == own
    assert os.environ["PYTEST_XDIST_WORKER"] == f"gw{worker_index()}"
