"""reports.charts: the SVG a page inlines under the portal's CSP, the PNG a PDF embeds, numbers written the
reader's way, and the figure include with its table."""

from __future__ import annotations

import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from lxml import etree
from PIL import Image

from reports.charts import PALETTE, bar_chart, line_chart, number_text, value_text

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def chart():
    return bar_chart(title="Tỷ lệ đúng hạn", labels=["Sở Tư pháp", "Sở Xây dựng"],
                     series={"Tháng": [92.5, None], "Ngày": [100, 50]}, unit="%", labels_heading="Cơ quan")


@pytest.mark.parametrize("language,expected", [
    ("vi", ["1.234,5", "12,5", "3", "1.234.567", "0,33", "—"]),
    ("en", ["1,234.5", "12.5", "3", "1,234,567", "0.33", "—"]),
])
def test_numbers_are_written_the_readers_way(language, expected):
    with translation.override(language):
        assert [number_text(v) for v in (1234.5, 12.50, 3, 1234567, 1 / 3, None)] == expected
        assert value_text(92.5, "%") == ("92,5 %" if language == "vi" else "92.5 %")


def test_the_svg_has_no_script_no_inline_style_and_carries_the_nonce(chart):
    with translation.override("vi"):
        svg = chart.svg(nonce="n0nce")
    root = etree.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("aria-label") == "Tỷ lệ đúng hạn"
    assert not list(root.iter(f"{SVG}script"))
    assert [element for element in root.iter() if element.get("style") is not None] == []
    styles = list(root.iter(f"{SVG}style"))
    assert len(styles) == 1 and styles[0].get("nonce") == "n0nce"
    # The style is scoped to this chart's id, and gives the series the accessible palette, opaque.
    assert f"#{root.get('id')} " in styles[0].text and PALETTE[0].lower() in styles[0].text.lower()
    texts = " ".join(root.itertext())
    assert "Sở Tư pháp" in texts and "Tháng" in texts and "50 %" in texts
    assert "http" not in styles[0].text  # nothing fetched from elsewhere


def test_the_png_is_the_drawing_in_colour(chart):
    image = Image.open(io.BytesIO(chart.png()))
    assert image.format == "PNG" and image.width == 1600
    colours = {colour for _count, colour in image.convert("RGB").getcolors(maxcolors=1_000_000)}
    assert (0x00, 0x72, 0xB2) in colours and (0xE6, 0x9F, 0x00) in colours  # the two series' colours


def test_the_table_rows_and_gaps(chart):
    with translation.override("vi"):
        assert chart.rows == [("Sở Tư pháp", ["92,5 %", "100 %"]), ("Sở Xây dựng", ["—", "50 %"])]
    assert not chart.is_empty
    assert line_chart(title="x", labels=["1"], series={"a": [None]}, unit="").is_empty
    counts = line_chart(title="x", labels=["1", "2"], series={"Tiếp nhận": [1234, None]}, unit="hồ sơ")
    with translation.override("vi"):
        assert counts.columns == ["Tiếp nhận (hồ sơ)"] and counts.rows == [("1", ["1.234"]), ("2", ["—"])]


def test_a_series_must_have_a_value_for_each_label():
    with pytest.raises(ValueError):
        bar_chart(title="x", labels=["a", "b"], series={"s": [1]})


def test_the_include_is_a_figure_with_its_table(chart):
    request = RequestFactory().get("/")
    request.csp_nonce = "abc123"
    with translation.override("vi"):
        html = Template('{% include "reports/_chart.html" with chart=chart %}').render(
            Context({"chart": chart, "request": request}))
    assert '<figure class="chart">' in html and "<figcaption" in html and "Tỷ lệ đúng hạn" in html
    assert '<style nonce="abc123">' in html
    assert "<summary>Xem số liệu dạng bảng</summary>" in html
    assert '<th scope="col">Cơ quan</th><th scope="col">Tháng</th><th scope="col">Ngày</th>' in html
    assert '<tr><th scope="row">Sở Xây dựng</th><td>—</td><td>50 %</td></tr>' in html
