"""Gap-free counters: one row per series (an agency's day of dossier codes, a register's year), locked while
its next number is taken inside the caller's transaction. Two takers at once queue on the row, and a
transaction that rolls back gives its number back, so a series has no holes and no repeats."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F


def counter_lock(model: type[models.Model], **series) -> models.Model:
    """The ``model`` row identified by ``series`` (created at 0 the first time), locked until the caller's
    transaction ends: whoever takes or checks a number of the series meanwhile waits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{model.__name__} numbers must be taken inside the caller's transaction")
    try:
        with transaction.atomic():  # savepoint: a concurrent creator of the same row wins the insert
            model.objects.get_or_create(**series)
    except IntegrityError:
        pass
    return model.objects.select_for_update().get(**series)


def counter_next(model: type[models.Model], *, field: str = "last_number", **series) -> int:
    """The next number of the ``model`` row identified by ``series`` (created at 0 the first time)."""
    row = counter_lock(model, **series)
    model.objects.filter(pk=row.pk).update(**{field: F(field) + 1})
    row.refresh_from_db(fields=[field])
    return getattr(row, field)
