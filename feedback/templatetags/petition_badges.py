"""The state badge and the countdown of a petition, as the citizen's and the public pages show them."""

from django import template

from feedback.selectors import STATE_TONE

register = template.Library()


@register.filter
def petition_tone(state: str) -> str:
    """The badge colour of a petition's state (static/css/portal.css: badge--full, --partial, --warn...)."""
    return STATE_TONE.get(state, "none")
