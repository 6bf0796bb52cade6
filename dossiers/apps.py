from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dossiers.errors import DossierErrorCode
from portal.errors import register_error_codes


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        register_error_codes(DossierErrorCode)  # the API documents them
