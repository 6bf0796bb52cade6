from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from accounts.messaging import text_message_senders
        from documents.events import events_recorded as document_events
        from dossiers.events import event_recorded as dossier_events
        from dossiers.web.panels import dossier_panel_register
        from feedback.events import event_recorded as petition_events
        from feedback.web.panels import petition_panel_register
        from notifications import listeners, panels

        dossier_events.register(listeners.on_dossier_event)
        petition_events.register(listeners.on_petition_event)
        document_events.register(listeners.on_document_events)
        text_message_senders.register(listeners.text_message_sender)
        dossier_panel_register(panels.official_panel)
        dossier_panel_register(panels.applicant_panel, audience="applicant", place="aside")
        petition_panel_register(panels.petition_panel)
