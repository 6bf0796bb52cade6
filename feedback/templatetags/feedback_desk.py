"""Template helpers of the officials' petition pages: the state's badge tone and the countdown to the next
deadline (working days left, or overdue in red)."""

from decimal import Decimal

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from feedback.models import Petition
from portal.dates import datetime_text

register = template.Library()
State = Petition.State

_TONES = {
    State.RECEIVED: "partial", State.INFO_REQUESTED: "warn", State.IN_PROGRESS: "partial",
    State.ANSWER_PROPOSED: "level", State.ANSWERED: "full", State.PUBLISHED: "full", State.REFUSED: "bad",
    State.FORWARDED: "none",
}


@register.filter
def petition_tone(state: str) -> str:
    """CSS modifier of a petition state's badge: ``badge--{tone}``."""
    return _TONES.get(state, "none")


def _days(value: Decimal) -> str:
    value = abs(value).quantize(Decimal("0.1"))
    whole = value == value.to_integral()
    return formats.number_format(value, decimal_pos=0 if whole else 1, use_l10n=True)


@register.simple_tag
def countdown(petition: Petition) -> SafeString | str:
    """``<span class="countdown countdown--late">Overdue by 2 working days</span>`` and the deadline, from
    ``petition.days_left`` (feedback.worklists.with_countdown); the clock standing still or nothing due say so."""
    if petition.state == State.INFO_REQUESTED:
        return format_html('<span class="countdown countdown--paused">{}</span>', _("Clock stopped: waiting for "
                                                                                   "the citizen"))
    days = getattr(petition, "days_left", None)
    if petition.deadline_at is None or days is None:
        return ""
    count = int(abs(days).to_integral_value(rounding="ROUND_CEILING")) or 1
    if days < 0:
        tone, text = "late", ngettext("Overdue by %(days)s working day", "Overdue by %(days)s working days",
                                      count) % {"days": _days(days)}
    else:
        tone = "soon" if getattr(petition, "due_soon", False) else "ok"
        text = ngettext("%(days)s working day left", "%(days)s working days left", count) % {"days": _days(days)}
    moment = timezone.localtime(petition.deadline_at)
    return format_html('<span class="countdown countdown--{}"><strong>{}</strong> <time datetime="{}">{}</time></span>',
                       tone, text, moment.isoformat(), datetime_text(moment))
