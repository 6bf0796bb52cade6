"""What the Decision 766 indicators are computed from (reports/indicators/README in docs/reports.md):

- ``DossierFact``: one row per received dossier, what the indicators need to know of it (its days, whether it
  ended on time, from which day it is late while open, its 766 flags), derived from the dossier and its events
  by ``facts.fact_for`` and kept current by ``refresh``;
- ``UnitDay`` and ``ProcedureDay``: the facts' contributions summed per day, per (centre, agency) and per
  procedure. A period's figures are sums over its days, plus running totals for the dossiers carried over,
  so a year of a province is a few tens of thousands of rows whatever the number of dossiers;
- ``FactQueue``: the dossiers whose fact must be recomputed, written in the transaction of each event.
"""

from django.db import models

# The additive measures of a day (UnitDay and ProcedureDay carry the same columns), each a count of dossiers
# unless named otherwise:
MEASURES = (
    "received",          # received that day
    "received_online",   # … submitted online (KenhThucHien = 2)
    "received_post",     # … by post (KenhThucHien = 3)
    "synced",            # … whose receipt reached the National Public Service Portal
    "identity",          # … of an applicant authenticated by VNeID or filled from the population database
    "fee_bearing",       # … under a procedure with a fee
    "paid_online",       # … whose fees were paid online
    "ended",             # ended that day (result ready, stopped, withdrawn, or waiting for one supplement)
    "ended_on_time",     # … on time by the national rule
    "ended_seconds",     # … their total time from receipt to end, in seconds
    "resolved",          # … with a result
    "resolved_paper",    # … with a result of a procedure that issues a paper original
    "resolved_paper_file",  # … of which the electronic result file exists
    "digitised",         # … with a result file and the applicant's papers as files
    "complained",        # … rated "not satisfied" or the subject of a petition
    "late_open",         # +1 the day an open dossier becomes late, −1 the day it ends: a running total
)


class Measures(models.Model):
    received = models.IntegerField(default=0)
    received_online = models.IntegerField(default=0)
    received_post = models.IntegerField(default=0)
    synced = models.IntegerField(default=0)
    identity = models.IntegerField(default=0)
    fee_bearing = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    ended = models.IntegerField(default=0)
    ended_on_time = models.IntegerField(default=0)
    ended_seconds = models.BigIntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolved_paper = models.IntegerField(default=0)
    resolved_paper_file = models.IntegerField(default=0)
    digitised = models.IntegerField(default=0)
    complained = models.IntegerField(default=0)
    late_open = models.IntegerField(default=0)

    class Meta:
        abstract = True


class UnitDay(Measures):
    """A day's measures of the dossiers received at one centre and resolved by one agency."""

    day = models.DateField()
    centre = models.ForeignKey("units.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    # The centre's administrative unit (the commune, or the province for the provincial centre), kept here so
    # a commune's figures need no join.
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "centre", "agency"], name="report_unit_day_unique")]
        indexes = [models.Index(fields=["unit", "day"]), models.Index(fields=["agency", "day"]),
                   models.Index(fields=["centre", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.centre_id}/{self.agency_id}"


class ProcedureDay(Measures):
    """A day's measures of the dossiers of one procedure."""

    day = models.DateField()
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["procedure", "day"], name="report_procedure_day_unique")]
        indexes = [models.Index(fields=["day"], name="report_procedure_day_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.procedure_id}"


class DossierFact(models.Model):
    """A received dossier as the indicators see it (see reports/indicators/facts.py for each field's rule)."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, primary_key=True,
                                   related_name="+")
    centre = models.ForeignKey("units.ServiceCentre", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20)
    received_on = models.DateField()
    ended_on = models.DateField(null=True)
    ended_on_time = models.BooleanField(default=False)
    ended_seconds = models.BigIntegerField(default=0)
    # The first day at whose end the dossier, if still open, is late (its due date; its receipt day when more
    # than one supplement was asked for); empty when it has no due date.
    late_from = models.DateField(null=True)
    supplements = models.PositiveSmallIntegerField(default=0)
    synced = models.BooleanField(default=False)
    identity = models.BooleanField(default=False)
    fee_bearing = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    resolved = models.BooleanField(default=False)
    paper = models.BooleanField(default=False)
    result_file = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    complained = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["received_on"]), models.Index(fields=["ended_on"]),
                   models.Index(fields=["late_from"])]

    def __str__(self) -> str:
        return str(self.dossier_id)


class FactQueue(models.Model):
    """A dossier whose fact must be recomputed: appended in the transaction of each of its events (no row is
    ever updated here, so busy days contend on nothing) and taken by ``refresh.facts_refresh``."""

    dossier_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.dossier_id)


class RefreshMark(models.Model):
    """How far the refresh has read the outbox's deliveries (a dossier's receipt reaching the NPSP changes its
    fact without an event of its own)."""

    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.at}"
