from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "axis"
    verbose_name = _("National document axis")

    def ready(self):
        from axis.destination import AxisDestination
        from outbox import registry

        registry.register(AxisDestination())
