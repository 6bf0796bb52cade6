"""Mã hồ sơ: ``{receiving agency's electronic id code}-{yymmdd}-{daily sequence, 4 digits}``,
e.g. ``000.00.00.H49-250701-0001``.

The sequence is a locked row per agency and day, taken inside the receipt's transaction: two officers
receiving at once queue on the row, and a receipt that rolls back gives its number back with it, so the
codes of a day are unique and gap-free."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from dossiers.models import DossierCodeSeries
from units.models import Agency


def dossier_code_next(*, agency: Agency, day: datetime.date) -> str:
    """The next code of ``agency`` for ``day``. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier_code_next must run inside the receipt's transaction")
    try:
        with transaction.atomic():  # savepoint: a concurrent creator of the same row wins the insert
            DossierCodeSeries.objects.get_or_create(agency=agency, day=day)
    except IntegrityError:
        pass
    series = DossierCodeSeries.objects.select_for_update().get(agency=agency, day=day)
    DossierCodeSeries.objects.filter(pk=series.pk).update(last_number=F("last_number") + 1)
    series.refresh_from_db(fields=["last_number"])
    return f"{agency.code}-{day:%y%m%d}-{series.last_number:04d}"
