from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        # The relay task is kicked by name after each commit (outbox.services.kick): register it in every
        # process, web ones too, not only where Celery's autodiscovery ran.
        from outbox import tasks  # noqa: F401
