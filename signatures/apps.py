from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "signatures"
    verbose_name = _("Digital signatures")

    def ready(self):
        from signatures import checks  # noqa: F401 - registers the deploy checks
