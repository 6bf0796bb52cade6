"""Which of the reports' pages the user may open, for the reports' own menu."""

from django import template

from reports.daily import selectors as daily

register = template.Library()


@register.filter
def may_read_daily(user) -> bool:
    """The daily report is the provincial People's Committee's: admins and its (and its Office's) leaders."""
    return daily.may_read(user)
