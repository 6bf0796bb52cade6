"""The axis's directory of organs, kept versioned in the portal (models.Organ): read from the axis by beat
once a day and at the first mailbox read (``directory_sync``), and offered to drafting as the source of
outside organisations' names (documents.directory), so a drafter can name a recipient by its code."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from axis import client
from axis.models import Organ
from axis.receiving import short

NAME_MAX = 200


@transaction.atomic
def directory_sync(*, now: dt.datetime | None = None) -> dict:
    """Bring the directory in line with the axis's: new organs opened, renamed ones closed and reopened, those
    no longer listed closed. Raises client.AxisError when the axis cannot be read (nothing changes)."""
    now = now or timezone.now()
    listed = {}
    for entry in client.organs():
        organ_id = str(entry.get("organ_id") or "").strip()[:20]
        if organ_id:
            listed[short(organ_id)] = (organ_id, " ".join(str(entry.get("name") or "").split())[:NAME_MAX],
                                       bool(entry.get("external", True)))
    current = {organ.code: organ for organ in Organ.objects.select_for_update().filter(valid_to__isnull=True)}
    opened = renamed = closed = 0
    for code, organ in current.items():
        if code not in listed:
            organ.valid_to = now
            organ.save(update_fields=["valid_to"])
            closed += 1
    for code, (organ_id, name, external) in listed.items():
        organ = current.get(code)
        if organ is not None and (organ.name, organ.external) == (name, external):
            continue
        if organ is not None:
            organ.valid_to = now
            organ.save(update_fields=["valid_to"])
            renamed += 1
        else:
            opened += 1
        Organ.objects.create(code=code, organ_id=organ_id, name=name, external=external, valid_from=now)
    return {"listed": len(listed), "opened": opened, "renamed": renamed, "closed": closed}


def organ_name(code: str) -> str | None:
    """documents.directory's source: the current name of an organ, None when the directory does not list it;
    LookupError before the directory was ever read."""
    found = Organ.objects.filter(code=code, valid_to__isnull=True).values_list("name", flat=True).first()
    if found is None and not Organ.objects.exists():
        raise LookupError("the axis directory has not been read yet")
    return found
