from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.errors import AccountErrorCode
from accounts.identity.errors import IdentityErrorCode
from portal.errors import register_error_codes


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        register_error_codes(AccountErrorCode)  # the API documents them
        register_error_codes(IdentityErrorCode)
        from accounts.identity import checks  # noqa: F401 - registers the deploy checks
