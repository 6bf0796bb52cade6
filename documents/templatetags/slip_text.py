"""Filters of the templates laid out as administrative documents (templates/dossiers/slips/, templates/documents/)."""

from django import template

from documents.layout.names import unbroken as _unbroken

register = template.Library()


@register.filter
def unbroken(name) -> str:
    """An agency's or a place's name that a line of the slip may not break inside a word ("Hạ / Long")."""
    return _unbroken(str(name or ""))
