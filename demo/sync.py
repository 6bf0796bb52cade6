"""Write rows so that running the demo seed twice changes nothing: create what is missing, update only the
fields that differ (touching ``updated_at`` only then), leave equal rows alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import models


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_keys: list = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _differs(obj: models.Model, name: str, value) -> bool:
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        return getattr(obj, model_field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def sync_rows(
    model: type[models.Model], rows: Sequence[dict], *, key: Callable[[dict | models.Model], tuple],
    existing: models.QuerySet | None = None,
) -> tuple[dict[tuple, models.Model], SyncCounts]:
    """Make the table hold ``rows`` (dicts of field values, model instances for foreign keys), matching
    existing rows by ``key`` (called on a row dict or on an instance). Missing rows are bulk-created.
    Returns every row's instance by key, and the counts."""
    counts = SyncCounts()
    queryset = existing if existing is not None else model.objects.all()
    current = {key(obj): obj for obj in queryset}
    has_timestamp = any(f.name == "updated_at" for f in model._meta.concrete_fields)
    to_create = []
    result: dict[tuple, models.Model] = {}
    for row in rows:
        row_key = key(row)
        obj = current.get(row_key)
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
        else:
            changed = [name for name, value in row.items() if _differs(obj, name, value)]
            if changed:
                for name in changed:
                    setattr(obj, name, row[name])
                obj.save(update_fields=changed + (["updated_at"] if has_timestamp else []))
                counts.updated += 1
                counts.changed_keys.append(row_key)
            else:
                counts.unchanged += 1
        result[row_key] = obj
    model.objects.bulk_create(to_create)
    counts.created = len(to_create)
    return result, counts


def by(*names: str) -> Callable[[dict | models.Model], tuple]:
    """A key function reading ``names`` from a row dict or an instance (foreign keys by their id)."""

    def key(item) -> tuple:
        values = []
        for name in names:
            if isinstance(item, dict):
                value = item[name]
                values.append(value.pk if isinstance(value, models.Model) else value)
            else:
                attname = item._meta.get_field(name).attname
                values.append(getattr(item, attname))
        return tuple(values)

    return key
