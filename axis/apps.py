from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "axis"
    verbose_name = _("National document axis")

    def ready(self):
        from axis.destination import AxisDestination
        from axis.directory import organ_name
        from documents.directory import outside_directory_register
        from outbox import registry

        registry.register(AxisDestination())
        outside_directory_register(organ_name)
