"""The state badge and the countdown of a petition, as the citizen's and the public pages show them."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from feedback.selectors import STATE_TONE

register = template.Library()


@register.filter
def petition_tone(state: str) -> str:
    """The badge colour of a petition's state (static/css/portal.css: badge--full, --partial, --warn...)."""
    return STATE_TONE.get(state, "none")


@register.filter
def unbroken(code: str) -> SafeString:
    """A petition's code that never breaks at its hyphens (a phone would wrap "PAKN-" away from its number),
    for headings that say "Petition <code>"; copied, it is still the code."""
    return format_html('<span class="nowrap">{}</span>', code)
