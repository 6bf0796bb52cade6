from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.errors import AccountErrorCode
from portal.errors import register_error_codes


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        register_error_codes(AccountErrorCode)  # the API documents them
        from accounts.two_factor import connect_login_receiver

        connect_login_receiver()  # every login starts unverified for whoever has or needs a second factor
