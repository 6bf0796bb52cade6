from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Online payments")

    def ready(self):
        from dossiers.events import event_recorded
        from dossiers.services.intake import submission_checks
        from dossiers.web.panels import dossier_panel_register
        from payments import checks, hooks  # noqa: F401 - checks registers the deploy check
        from payments.errors import PaymentErrorCode
        from payments.web.panels import applicant_panel, official_panel
        from portal.errors import register_error_codes

        register_error_codes(PaymentErrorCode)  # the API documents them
        submission_checks.register(hooks.submission_check)
        event_recorded.register(hooks.event_recorded)
        dossier_panel_register(official_panel)
        dossier_panel_register(applicant_panel, audience="applicant")
