"""Writes of the readiness board: a trial operation run's result (``manage.py simulate`` records every run
here), and a person's confirmation of an item no data can show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from reports.errors import ReadinessForbidden, ReadinessInvalid, ReportErrorCode
from reports.readiness import access, checks
from reports.readiness.facts import scope_of
from reports.readiness.models import ManualCheck, ManualCheckChange, TrialRun
from units.models import AdministrativeUnit, ServiceCentre

NOTE_LIMIT = 2000


@transaction.atomic
def trial_run_record(
    *, started_at: dt.datetime, finished_at: dt.datetime, ok: bool, centres: Iterable[ServiceCentre],
    dossiers: int = 0, on_time_rate: float | Decimal | None = None, failures: Iterable[str] = (),
    figures: dict | None = None, note: str = "", recorded_by: User | None = None,
) -> TrialRun:
    """Record one trial operation run and the centres that took part. ``on_time_rate`` is a share (0 to 1)."""
    rate = None if on_time_rate is None else (Decimal(str(on_time_rate)) * 100).quantize(Decimal("0.01"))
    run = TrialRun.objects.create(
        started_at=started_at, finished_at=finished_at, ok=ok, dossiers=dossiers, on_time_rate=rate,
        failures=[str(failure)[:500] for failure in failures], figures=figures or {}, note=note[:500],
        recorded_by=recorded_by)
    run.centres.set(list(centres))
    return run


@transaction.atomic
def manual_check_set(*, unit: AdministrativeUnit, item: str, done: bool, note: str, actor: User) -> ManualCheck:
    """Tick or untick a manual item of ``unit`` with a note; the provincial admin for any unit, a leader for
    their own commune. Who and when are kept, and the change is added to the item's history."""
    if not access.may_confirm(actor, unit):
        raise ReadinessForbidden(_("Only the provincial admin or the commune's leader may confirm this."),
                                 code=ReportErrorCode.READINESS_FORBIDDEN)
    definition = checks.item_get(item)
    if definition is None or not definition.manual or scope_of(unit) not in definition.scopes:
        raise ReadinessInvalid(_("This item is computed from the portal's data; it cannot be ticked by hand."),
                               code=ReportErrorCode.READINESS_NOT_MANUAL)
    note = (note or "").replace("\x00", "").strip()
    if len(note) > NOTE_LIMIT:
        raise ReadinessInvalid(_("Keep the note under %(limit)d characters.") % {"limit": NOTE_LIMIT},
                               code=ReportErrorCode.READINESS_INVALID, extra={"errors": {"note": [
                                   _("Keep the note under %(limit)d characters.") % {"limit": NOTE_LIMIT}]}})
    now = timezone.now()
    check, _created = ManualCheck.objects.select_for_update().get_or_create(
        unit=unit, item=item, defaults={"done": done, "note": note, "updated_by": actor, "updated_at": now})
    if not _created:
        check.done, check.note, check.updated_by, check.updated_at = done, note, actor, now
        check.save(update_fields=["done", "note", "updated_by", "updated_at"])
    ManualCheckChange.objects.create(manual_check=check, done=done, note=note, by=actor, at=now)
    return check
