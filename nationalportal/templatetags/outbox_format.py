"""How long something has waited, in words: "2 hours 5 minutes" / "2 giờ 5 phút" (Django's own timesince
has no Vietnamese translation)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

register = template.Library()

UNITS = (
    (86400, lambda n: ngettext("%(count)d day", "%(count)d days", n)),
    (3600, lambda n: ngettext("%(count)d hour", "%(count)d hours", n)),
    (60, lambda n: ngettext("%(count)d minute", "%(count)d minutes", n)),
    (1, lambda n: ngettext("%(count)d second", "%(count)d seconds", n)),
)


def waited(seconds: float) -> str:
    """The largest unit and the next one when it is not zero: "3 days 2 hours", "5 minutes", "45 seconds"."""
    remaining = max(0, int(seconds))
    counts = []
    for size, words in UNITS:
        count, remaining = divmod(remaining, size)
        counts.append((count, words))
    first = next((i for i, (count, _words) in enumerate(counts) if count), None)
    if first is None:
        return gettext("just now")
    chosen = [counts[first]] + ([counts[first + 1]] if first + 1 < len(counts) and counts[first + 1][0] else [])
    return " ".join(words(count) % {"count": count} for count, words in chosen)


@register.filter
def age(moment: dt.datetime | None) -> str:
    """How long ago ``moment`` was, in words."""
    if moment is None:
        return ""
    return waited((timezone.now() - moment).total_seconds())
