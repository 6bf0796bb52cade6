"""The one door to django-ratelimit's counters. They live in the cache (Redis in production); when Redis
is down the limit is not applied rather than the page failing: an outage of the counters' store must not
stop citizens logging in, submitting or tracking dossiers (the per-account lockout of django-axes lives
in the database and keeps working)."""

import logging

from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


def usage(request, **kwargs) -> dict | None:
    """``django_ratelimit.core.get_usage(request, **kwargs)``, or None (not limited) when the cache fails."""
    try:
        return get_usage(request, **kwargs)
    except Exception:  # noqa: BLE001 - whatever the cache backend raises when its server is unreachable
        logger.warning("Rate-limit counters unavailable (%s); not limiting.", kwargs.get("group"), exc_info=True)
        return None
