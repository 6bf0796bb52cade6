from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.errors import register_error_codes
from procedures.errors import CatalogueErrorCode


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Procedure catalogue")

    def ready(self):
        register_error_codes(CatalogueErrorCode)  # the API documents them
