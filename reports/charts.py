"""Biểu đồ: the portal's one chart module, for the daily report, the indicator pages and the public statistics.

A chart is data (a title, category labels, named series of numbers, a unit) drawn on the server with pygal:

- ``chart.svg()`` is an SVG for a page (``templates/reports/_chart.html`` puts it in a <figure> with the same
  figures as a table behind it). pygal's JavaScript (tooltips, served from a CDN) is off and its inline script
  and hidden tooltip are taken out; what is left is shapes, text and one <style> scoped to the chart's id,
  which the page's Content-Security-Policy allows through the request's nonce (``svg(nonce=...)``; the
  ``chart_svg`` template tag passes it). Colours are the Okabe–Ito palette (told apart with any colour vision),
  fully opaque, on white.
- ``chart.png()`` is the same drawing rasterised by CairoSVG, for the PDFs: fpdf2 embeds a PNG exactly, while
  its own SVG reader does not understand pygal's id-scoped stylesheet (the bars would come out black), and
  matplotlib would be a second drawing library to keep looking like the first.

Numbers are written in the active language when the chart is drawn: "12,5 %" in Vietnamese (decimal comma,
the thousands grouped with a dot), "12.5 %" in English. A missing value (None) is a gap, never a zero.

    from reports.charts import bar_chart
    chart = bar_chart(title=_("On-time rate by agency"), labels=names, series={_("On time"): rates}, unit="%")
    {% include "reports/_chart.html" with chart=chart %}
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import cairosvg
import pygal
from django.utils import formats, numberformat
from lxml import etree
from pygal.style import Style

# Okabe & Ito (2008), "Color Universal Design": blue, orange, bluish green, vermillion, reddish purple, sky
# blue, then black. Yellow is left out: it does not stand out against white.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000")
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
# The drawing's own size in user units; a page scales it to its width. Fonts are large for it so that the text
# stays readable when a 390 px phone shows it at about 60 %.
WIDTH, HEIGHT = 640, 400
# The drawing a phone shows instead (templates/reports/_chart.html): the same fonts on a narrower canvas.
NARROW = 360
SVG_NS = "http://www.w3.org/2000/svg"
KINDS = ("bar", "hbar", "stacked", "line")
_MAX_DECIMALS = 2


def number_text(value: float | int | Decimal | None, *, decimals: int | None = None) -> str:
    """A number as the active language writes it ("1.234,5" in Vietnamese, "1,234.5" in English); "—" for
    None. Whole numbers have no decimals; others at most two (or ``decimals``)."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else _MAX_DECIMALS
    separator = formats.get_format("DECIMAL_SEPARATOR")
    # Grouped by thousands in both languages (Django's Vietnamese formats do not group by default).
    text = numberformat.format(round(Decimal(str(value)), decimals), separator, decimals, grouping=3,
                               thousand_sep=formats.get_format("THOUSAND_SEPARATOR"), force_grouping=True)
    if decimals:  # 12,50 → 12,5: trailing zeros say nothing
        text = text.rstrip("0").rstrip(separator)
    return text


def value_text(value: float | int | Decimal | None, unit: str = "") -> str:
    """The number with its unit: "12,5 %", "37 hồ sơ"; "—" for None."""
    if value is None:
        return "—"
    return f"{number_text(value)} {unit}".strip() if unit else number_text(value)


@dataclass(frozen=True)
class Chart:
    """One chart: ``labels`` are the categories (communes, days...), ``series`` the named rows of values, one
    per label (None where there is no value). Built by bar_chart, line_chart..., drawn when asked."""

    kind: str
    title: str
    labels: tuple[str, ...]
    series: dict[str, tuple[float | None, ...]]
    unit: str = ""
    description: str = ""  # a sentence under the title: what is counted, over which period
    max_value: float | None = None  # the axis's top (100 for a rate), else from the data
    labels_heading: str = ""  # the table's first column heading ("Commune", "Day")

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown chart kind {self.kind!r}")
        for name, values in self.series.items():
            if len(values) != len(self.labels):
                raise ValueError(f"Series {name!r} has {len(values)} values for {len(self.labels)} labels")

    # What the table behind the chart shows: a count's unit once, in the column's heading ("Received
    # (dossiers)"), a rate's with each value ("92,5 %").
    @property
    def columns(self) -> list[str]:
        if self.unit and self.unit != "%":
            return [f"{name} ({self.unit})" for name in self.series]
        return list(self.series)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """(label, [each series' value as text]) for the table behind the chart."""
        names = list(self.series)
        unit = self.unit if self.unit == "%" else ""
        return [(label, [value_text(self.series[name][index], unit) for name in names])
                for index, label in enumerate(self.labels)]

    @property
    def is_empty(self) -> bool:
        return not self.labels or all(value is None for values in self.series.values() for value in values)

    def svg(self, *, nonce: str = "", width: int = WIDTH, height: int | None = None) -> str:
        """The chart as an SVG element for a page (no XML declaration, no script), its <style> carrying
        ``nonce`` for the page's Content-Security-Policy."""
        return _clean(self._pygal(width=width, height=height or self._height(width)).render(is_unicode=True),
                      nonce=nonce, label=self.title)

    def png(self, *, width: int = WIDTH, scale: float = 2.5) -> bytes:
        """The chart as a PNG (``scale`` times its size in pixels: sharp when printed at A4 width)."""
        height = self._height(width)
        svg = _clean(self._pygal(width=width, height=height).render(is_unicode=True), nonce="", label=self.title)
        return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=round(width * scale),
                                output_height=round(height * scale), background_color="white")

    def _height(self, width: int) -> int:
        if self.kind != "hbar":  # a phone's drawing (NARROW) taller for its width, to leave room for the plot
            return round(width * (HEIGHT / WIDTH if width > NARROW else 0.85))
        # A horizontal bar per label: tall enough for each label's line, whatever their number.
        rows = max(len(self.labels), 1) * max(len(self.series), 1)
        return max(220, min(1400, 90 + 34 * max(len(self.labels), 1) + 8 * rows))

    def _pygal(self, *, width: int, height: int):
        chart_class = {"bar": pygal.Bar, "hbar": pygal.HorizontalBar, "stacked": pygal.StackedBar,
                       "line": pygal.Line}[self.kind]
        unit = self.unit

        def formatter(value):
            return value_text(value, unit)

        def axis(value):  # the axis says "%" (short); other units are in the title and the table
            return value_text(value, unit) if unit == "%" else number_text(value)

        config = dict(
            js=[], style=_style(), width=width, height=height, disable_xml_declaration=True, show_legend=True,
            legend_at_bottom=True, legend_at_bottom_columns=1 if width <= NARROW else min(len(self.series), 3) or 1, truncate_legend=-1,
            truncate_label=-1, print_values=False, value_formatter=axis, formatter=formatter,
            explicit_size=False, margin=12, margin_right=28, spacing=14, include_x_axis=True, show_minor_x_labels=True,
            x_label_rotation=0, show_y_guides=self.kind != "hbar", show_x_guides=self.kind == "hbar",
            no_data_text="", dots_size=3, stroke_style={"width": 3},
        )
        if self.max_value is not None:
            config["range"] = (0, self.max_value)
            # Five ticks on a fixed scale (a rate's 0–100 %), not pygal's eleven that run into each other.
            config["y_labels"] = [self.max_value * step / 4 for step in range(5)]
        elif self.unit != "%":
            config["y_labels"] = _count_ticks(self.series)
        if self.kind == "line" and len(self.labels) > 12:  # a month of days: every fifth day named
            config["x_labels_major_every"] = 5
            config["show_minor_x_labels"] = False
        if self.kind != "hbar" and width <= NARROW and len(self.labels) > 6:
            # A phone's drawing names every third month (the table behind the chart has them all).
            config["x_labels_major_every"] = 3
            config["show_minor_x_labels"] = False
        if self.kind in ("bar", "stacked", "line") and max((len(label) for label in self.labels), default=0) * len(
                self.labels) > 60:
            config["x_label_rotation"] = 30
        chart = chart_class(**config)
        # pygal lays horizontal bars out from the bottom up: reversed, the first label reads at the top.
        order = (lambda items: list(reversed(items))) if self.kind == "hbar" else list
        chart.x_labels = order(self.labels)
        for name, values in self.series.items():
            chart.add(name, order([None if value is None else float(value) for value in values]))
        return chart


def _count_ticks(series: dict[str, tuple]) -> list[int]:
    """Whole-number ticks for counts (no "0,5 hồ sơ"): 0 to at least the largest value, about five steps of
    1, 2 or 5 times a power of ten."""
    top = max((value for values in series.values() for value in values if value is not None), default=0)
    rough = max(float(top), 1.0) / 5
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks if len(ticks) > 1 else [0, 1]


def _style() -> Style:
    return Style(
        colors=PALETTE, background="#ffffff", plot_background="#ffffff", foreground="#1f2328",
        foreground_strong="#1f2328", foreground_subtle="#6b7280", opacity="1", opacity_hover="1", transition="none",
        font_family=FONT, label_font_size=15, major_label_font_size=15, legend_font_size=16, title_font_size=18,
        value_font_size=14, value_label_font_size=14, tooltip_font_size=14, guide_stroke_color="#d0d4da",
        major_guide_stroke_color="#b0b6bf",
    )


_ID = re.compile(r"^chart-[0-9a-f-]+$")


def _clean(svg: str, *, nonce: str, label: str) -> str:
    """pygal's SVG without what the portal does not use or would block: its script (tooltips), the hidden
    tooltip group (an inline style), the comments; with an accessible name and the CSP nonce."""
    root = etree.fromstring(svg.encode("utf-8"))
    for script in root.iter(f"{{{SVG_NS}}}script"):
        script.getparent().remove(script)
    for element in list(root.iter()):
        if isinstance(element, etree._Comment):
            element.getparent().remove(element)
        elif element.get("style") is not None and element.getparent() is not None:
            element.getparent().remove(element)
    for style in root.iter(f"{{{SVG_NS}}}style"):
        style.attrib.pop("type", None)
        if nonce:
            style.set("nonce", nonce)
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("preserveAspectRatio", "xMidYMid meet")
    if not _ID.match(root.get("id", "")):
        raise ValueError("pygal's SVG has no chart id to scope its style")
    return etree.tostring(root, encoding="unicode")


def _series(series: dict[str, Sequence[float | int | Decimal | None]]) -> dict[str, tuple]:
    return {str(name): tuple(None if v is None else float(v) for v in values) for name, values in series.items()}


def bar_chart(*, title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]], unit: str = "%",
              description: str = "", horizontal: bool = False, stacked: bool = False,
              max_value: float | None = None, labels_heading: str = "") -> Chart:
    """Bars, one group per label (``horizontal``: a bar per line, for many or long labels; ``stacked``: the
    series on top of each other, for parts of a whole). A rate in "%" runs up to 100."""
    kind = "hbar" if horizontal else "stacked" if stacked else "bar"
    if max_value is None and unit == "%":
        max_value = 100
    return Chart(kind=kind, title=str(title), labels=tuple(str(label) for label in labels), series=_series(series),
                 unit=str(unit), description=str(description), max_value=max_value,
                 labels_heading=str(labels_heading))


def line_chart(*, title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]], unit: str = "%",
               description: str = "", max_value: float | None = None, labels_heading: str = "") -> Chart:
    """Lines through the labels in order (days, months): how a figure moves over time."""
    if max_value is None and unit == "%":
        max_value = 100
    return Chart(kind="line", title=str(title), labels=tuple(str(label) for label in labels), series=_series(series),
                 unit=str(unit), description=str(description), max_value=max_value,
                 labels_heading=str(labels_heading))
