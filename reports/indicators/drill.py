"""The dossiers behind a figure: an officer opens the late ones of a commune's month and sees why each counts."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from reports.indicators.figures import Scope
from reports.indicators.models import DossierFact
from reports.indicators.periods import Period


def _conditions(start: dt.date, end: dt.date) -> dict[str, tuple[Q, str]]:
    received = Q(received_on__gte=start)
    ended = Q(ended_on__gte=start, ended_on__lte=end)
    open_at_end = Q(ended_on__isnull=True) | Q(ended_on__gt=end)
    counted = open_at_end | Q(ended_on__gte=start)
    return {
        "counted": (counted, _("Dossiers received or being processed in the period")),
        "late": ((ended & Q(ended_on_time=False)) | (open_at_end & Q(late_from__lte=end)),
                 _("Dossiers counted late")),
        "ended": (ended, _("Dossiers ended in the period")),
        "not_synced": (received & Q(synced=False), _("Dossiers received and not synced to the national portal")),
        "online": (received & Q(channel="online"), _("Dossiers submitted online")),
        "not_paid": (received & Q(fee_bearing=True, paid_online=False), _("Dossiers with fees not paid online")),
        "no_result_file": (ended & Q(resolved=True, paper=True, result_file=False),
                           _("Dossiers resolved without an electronic result")),
        "not_digitised": (ended & Q(digitised=False), _("Dossiers ended without being digitised")),
        "no_identity": (received & Q(identity=False),
                        _("Dossiers whose applicant was not authenticated by the national identity")),
        "complained": (ended & Q(complained=True), _("Dossiers rated unsatisfied or complained about")),
    }


WHICH = tuple(_conditions(dt.date.today(), dt.date.today()))


def drill_title(which: str) -> str:
    today = dt.date.today()
    return str(_conditions(today, today)[which][1])


def drill(scope: Scope, period: Period, which: str, *, today: dt.date | None = None) -> QuerySet[DossierFact]:
    """The facts (with their dossiers) behind ``which`` of the scope's period, the latest first."""
    start, end = period.first, period.until(today)
    condition, _title = _conditions(start, end)[which]
    facts = DossierFact.objects.filter(condition, received_on__lte=end)
    field = {"unit": "unit_id", "centre": "centre_id", "agency": "agency_id", "procedure": "procedure_id"}.get(scope.kind)
    if field:
        facts = facts.filter(**{field: scope.id})
    return (facts.select_related("dossier", "dossier__procedure_version", "centre")
            .order_by("late_from", "received_on", "dossier_id"))
