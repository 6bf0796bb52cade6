from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalPortalConfig(AppConfig):
    name = "nationalportal"
    verbose_name = _("National Public Service Portal")

    def ready(self):
        from dossiers.registry import population_source_register
        from nationalportal import checks  # noqa: F401 - registers the deploy check
        from nationalportal.client import population_record
        from nationalportal.destination import NpspDestination
        from outbox import registry

        registry.register(NpspDestination())
        population_source_register(population_record)
