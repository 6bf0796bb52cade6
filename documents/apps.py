from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from documents.errors import DocumentErrorCode
from portal.errors import register_error_codes


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from accounts.access import access_describer_register
        from documents.access_warnings import role_change

        register_error_codes(DocumentErrorCode)  # the API documents them
        access_describer_register(role_change)  # the user admin tells what a new role opens among documents
