from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalPortalConfig(AppConfig):
    name = "nationalportal"
    verbose_name = _("National Public Service Portal")

    def ready(self):
        from nationalportal import checks  # noqa: F401 - registers the deploy check
        from nationalportal.destination import NpspDestination
        from outbox import registry

        registry.register(NpspDestination())
