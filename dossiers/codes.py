"""Mã hồ sơ: ``{receiving agency's electronic id code}-{yymmdd}-{daily sequence, 4 digits}``,
e.g. ``000.00.00.H49-250701-0001``.

The sequence is a locked row per agency and day, taken inside the receipt's transaction: two officers
receiving at once queue on the row, and a receipt that rolls back gives its number back with it, so the
codes of a day are unique and gap-free."""

import datetime

from dossiers.models import DossierCodeSeries
from portal.counters import counter_next
from units.models import Agency


def dossier_code_next(*, agency: Agency, day: datetime.date) -> str:
    """The next code of ``agency`` for ``day``. Must run inside the caller's transaction."""
    number = counter_next(DossierCodeSeries, agency=agency, day=day)
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"
