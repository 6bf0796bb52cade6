"""The reports' own tables; each part of the reports keeps its models in its own module and imports them here."""

from reports.daily.models import DailyReport
from reports.indicators.models import DossierFact, FactQueue, ProcedureDay, RefreshMark, UnitDay
from reports.readiness.models import ManualCheck, ManualCheckChange, TrialRun

__all__ = ["DailyReport", "DossierFact", "FactQueue", "ProcedureDay", "RefreshMark", "UnitDay",
           "ManualCheck", "ManualCheckChange", "TrialRun"]
