from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Báo cáo: the Decision 766 indicators, the daily progress report, the go-live readiness board and the
    public statistics. It reads every app below it and is read by none (DESIGN.md §3)."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from dossiers.events import event_recorded as dossier_events
        from feedback.events import event_recorded as petition_events
        from portal.errors import register_error_codes
        from reports.errors import ReportErrorCode
        from reports.indicators import refresh

        dossier_events.register(refresh.on_dossier_event)
        petition_events.register(refresh.on_petition_event)
        register_error_codes(ReportErrorCode)  # the API documents them
