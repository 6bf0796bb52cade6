"""Dates as people read them: 07/12/2026 and 14:05 07/12/2026 in Vietnamese, 7 Dec 2026 and
7 Dec 2026, 14:05 in English (portal/formats/, portal.dates); and no page picks its own format."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.dates import date_text, datetime_text

ROOT = Path(__file__).resolve().parents[2]
MOMENT = dt.datetime(2026, 12, 7, 7, 5, 9, tzinfo=dt.UTC)  # 14:05:09 in Hanoi
DAY = dt.date(2026, 5, 2)


@pytest.mark.parametrize(
    ("language", "day", "moment", "with_seconds"),
    [
        ("vi", "02/05/2026", "14:05 07/12/2026", "14:05:09 07/12/2026"),
        ("en", "2 May 2026", "7 Dec 2026, 14:05", "7 Dec 2026, 14:05:09"),
    ],
)
def test_python_and_templates_write_the_same_dates(language, day, moment, with_seconds):
    with translation.override(language):
        assert date_text(DAY) == day
        assert datetime_text(MOMENT) == moment  # in the portal's time zone, not UTC
        assert datetime_text(MOMENT, seconds=True) == with_seconds
        assert date_text(MOMENT) == ("07/12/2026" if language == "vi" else "7 Dec 2026")
        rendered = Template(
            '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ m|date:"SHORT_DATETIME_FORMAT" }}|{{ m|date:"DATETIME_FORMAT" }}'
            "|{{ d }}"
        ).render(Context({"d": DAY, "m": MOMENT}))
        assert rendered == f"{day}|{moment}|{with_seconds}|{day}"
    assert date_text(None) == datetime_text(None) == ""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_typed_dates_are_read_day_first(language):
    from django import forms

    with translation.override(language):
        field = forms.DateField()
        assert field.clean("02/05/2026") == DAY  # 2 May, never 5 February
        assert field.clean("2026-05-02") == DAY
        with pytest.raises(forms.ValidationError):
            field.clean("05/13/2026")  # a US date is no date


# A date filter names a format of portal/formats/ (or "c", ISO 8601 for <time datetime>); the slips are
# Vietnamese documents with their own wording ("ngày 07 tháng 12 năm 2026") and are left out.
NAMED = {"SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "DATETIME_FORMAT", "DATE_FORMAT", "TIME_FORMAT", "c"}
DATE_FILTER = re.compile(r"""\|date:(["'])(.*?)\1""")
# Python that writes a date itself, day or month first.
HAND_MADE = re.compile(r"""strftime\(["']%[dmHY]|:%d/%m|:%m/%d|%d/%m/%Y|%m/%d/%Y""")
# Places that write dates for documents or people with fixed formats of their own: the slips and the
# tracking book (Vietnamese documents), a signature's visible stamp, the seeded Vietnamese names of swapped
# working days, a command's console report, the exchange's edXML dates (YYYY/MM/DD by its schema), the
# layout of administrative documents and the registers and exports printed in it.
DOCUMENTS = ("dossiers/slips/", "signatures/services/signing.py", "units/calendarseed.py",
             "units/management/commands/calendar_compare.py", "documents/exchange.py", "documents/layout/",
             "documents/exports/", "documents/selectors/registers.py",
             # The mock axis writes what outside organs write: edXML dates and their letters' "ngày dd/mm/yyyy";
             # the mock SMS and Zalo gateways show, on their own page, when they received each message.
             "axis/mock/", "notifications/mock/",
             # The daily report to the Provincial People's Committee: a Vietnamese "BÁO CÁO" in the decree's layout.
             "reports/daily/pdf.py")
# Templates of Vietnamese documents printed as the decree lays them out: the dossiers' slips, the printable
# phiếu giải quyết văn bản đến, the exports of work files and registers.
DOCUMENT_TEMPLATES = ("templates/dossiers/slips/", "templates/documents/exports/",
                      "templates/documents/incoming/slip.html", "templates/reports/daily/report.html")


def test_templates_name_their_date_format():
    found = []
    for path in (ROOT / "templates").rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if path.suffix not in (".html", ".txt") or relative.startswith(DOCUMENT_TEMPLATES):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            found += [f"{relative}:{number}: {fmt}" for _q, fmt in DATE_FILTER.findall(line) if fmt not in NAMED]
    assert found == []


def test_python_leaves_date_formats_to_portal_dates():
    found = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "scripts/")) or "/migrations/" in relative:
            continue
        if relative.startswith(("portal/formats/", *DOCUMENTS)):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if HAND_MADE.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []
