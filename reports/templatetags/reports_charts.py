"""``{% chart_svg chart %}``: a reports.charts.Chart drawn inline, its style allowed by the request's CSP nonce."""

from django import template
from django.utils.safestring import mark_safe

from reports.charts import WIDTH

register = template.Library()


@register.simple_tag(takes_context=True)
def chart_svg(context, chart, width: int = 0) -> str:
    request = context.get("request")
    # str(), never bool(): django-csp's lazy nonce is falsy until it is first read (and only then in the header).
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    nonce = str(nonce) if nonce is not None else ""
    # The SVG is pygal's drawing of our own labels, escaped by its XML serialiser (lxml): safe to inline.
    return mark_safe(chart.svg(nonce=nonce, width=width or WIDTH))  # noqa: S308


@register.filter
def num(value) -> str:
    """A count or a number as the active language writes it ("1.234", "12,5")."""
    from reports.charts import number_text

    return number_text(value) if value not in ("", None) else "—"


@register.filter
def pct(value) -> str:
    """A rate in percent ("92,5 %"); "—" when there is none (nothing to divide)."""
    from reports.charts import value_text

    return value_text(value, "%")
