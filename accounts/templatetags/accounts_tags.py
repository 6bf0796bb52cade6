import datetime as dt
import math

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: dt.timedelta | None) -> int:
    """A wait as whole minutes, rounded up, for sentences like "try again in 15 minutes"."""
    if not value:
        return 0
    return max(math.ceil(value.total_seconds() / 60), 1)
