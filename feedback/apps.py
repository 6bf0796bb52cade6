from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from feedback.errors import FeedbackErrorCode
from portal.errors import register_error_codes


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback and petitions")

    def ready(self):
        register_error_codes(FeedbackErrorCode)  # the API documents them
        from dossiers.web.panels import dossier_panel_register
        from feedback.web.panel import petitions_panel

        dossier_panel_register(petitions_panel)  # the petitions about a dossier, on its officials' page
