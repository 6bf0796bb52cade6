from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.errors import register_error_codes
from units.errors import UnitErrorCode


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Administrative units and centres")

    def ready(self):
        register_error_codes(UnitErrorCode)  # the API documents them
