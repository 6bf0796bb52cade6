"""The reports' own tables; each part of the reports keeps its models in its own module and imports them here."""

from reports.readiness.models import ManualCheck, ManualCheckChange, TrialRun  # noqa: F401
