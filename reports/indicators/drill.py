"""The dossiers behind a figure: an officer opens the late ones of a commune's month and sees why each counts."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from reports.indicators.figures import BY_KEY, Scope
from reports.indicators.models import DossierFact
from reports.indicators.periods import Period

TITLES = {
    "counted": _("Dossiers received or being processed in the period"),
    "late": _("Dossiers counted late"),
    "ended": _("Dossiers ended in the period"),
    "not_synced": _("Dossiers received and not synced to the national portal"),
    "online": _("Dossiers submitted online"),
    "not_paid": _("Dossiers with fees not paid online"),
    "no_result_file": _("Dossiers resolved without an electronic result"),
    "not_digitised": _("Dossiers ended without being digitised"),
    "no_identity": _("Dossiers whose applicant was not authenticated by the national identity"),
    "complained": _("Dossiers rated unsatisfied or complained about"),
}
WHICH = tuple(TITLES)


def _condition(which: str, start: dt.date, end: dt.date) -> Q:
    received = Q(received_on__gte=start)
    ended = Q(ended_on__gte=start, ended_on__lte=end)
    open_at_end = Q(ended_on__isnull=True) | Q(ended_on__gt=end)
    return {
        "counted": open_at_end | Q(ended_on__gte=start),
        "late": (ended & Q(ended_on_time=False)) | (open_at_end & Q(late_from__lte=end)),
        "ended": ended,
        "not_synced": received & Q(synced=False),
        "online": received & Q(channel="online"),
        "not_paid": received & Q(fee_bearing=True, paid_online=False),
        "no_result_file": ended & Q(resolved=True, paper=True, result_file=False),
        "not_digitised": ended & Q(digitised=False),
        "no_identity": received & Q(identity=False),
        "complained": ended & Q(complained=True),
    }[which]


def drill(scope: Scope, period: Period, which: str, *, today: dt.date | None = None) -> QuerySet[DossierFact]:
    """The facts (with their dossiers) behind ``which`` of the scope's period, the latest first."""
    start, end = period.first, period.until(today)
    facts = DossierFact.objects.filter(_condition(which, start, end), received_on__lte=end)
    if scope.kind in BY_KEY:
        facts = facts.filter(**{BY_KEY[scope.kind]: scope.id})
    return (facts.select_related("dossier", "dossier__procedure_version", "centre")
            .order_by("late_from", "received_on", "dossier_id"))
