from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.errors import register_error_codes
from signatures.errors import SignatureErrorCode


class SignaturesConfig(AppConfig):
    name = "signatures"
    verbose_name = _("Digital signatures")

    def ready(self):
        register_error_codes(SignatureErrorCode)  # the API documents them
        from signatures import checks  # noqa: F401 - registers the deploy checks
