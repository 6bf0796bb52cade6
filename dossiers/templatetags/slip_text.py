"""Filters of the slips' templates (templates/dossiers/slips/)."""

from django import template

from dossiers.slips.names import unbroken as _unbroken

register = template.Library()


@register.filter
def unbroken(name) -> str:
    """An agency's or a place's name that a line of the slip may not break inside a word ("Hạ / Long")."""
    return _unbroken(str(name or ""))
